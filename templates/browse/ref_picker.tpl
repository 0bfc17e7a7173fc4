{{%AUTOESCAPE context="HTML"}}
<details class="dropdown" data-testid="ref-picker">
  <summary class="btn btn-sm font-mono" title="{{COMMIT}}" data-testid="ref">
    <svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><circle cx="6" cy="6" r="2"/><circle cx="6" cy="18" r="2"/><circle cx="18" cy="8" r="2"/><path d="M6 8v8M18 10c0 4-6 3-10 6"/></svg>
    <span>{{REF}}</span>
  </summary>
  <div class="dropdown-content bg-base-100 rounded-box shadow-lg z-20 w-72 p-2 mt-1 border border-base-300" x-data="listFilter">
    <input class="input input-sm w-full mb-2" type="search" placeholder="Filter branches and tags" aria-label="Filter branches and tags" x-on:input="filter">
    <ul class="menu menu-sm w-full max-h-80 overflow-y-auto flex-nowrap p-0" hx-get="{{LIST_URL}}" hx-trigger="toggle once from:closest details" hx-swap="innerHTML">
      <li class="p-2"><span class="loading loading-spinner loading-sm" aria-label="Loading"></span></li>
    </ul>
  </div>
</details>
