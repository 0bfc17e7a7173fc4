{{%AUTOESCAPE context="HTML"}}
<details class="dropdown" data-testid="ref-picker">
  <summary class="btn btn-sm font-mono" title="{{COMMIT}}" data-testid="ref">
    <svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><circle cx="6" cy="6" r="2"/><circle cx="6" cy="18" r="2"/><circle cx="18" cy="8" r="2"/><path d="M6 8v8M18 10c0 4-6 3-10 6"/></svg>
    {{REF}}
  </summary>
  <div class="dropdown-content bg-base-100 rounded-box shadow-lg z-20 w-72 p-2 mt-1 border border-base-300" x-data="listFilter">
    <input class="input input-sm w-full mb-2" type="search" placeholder="Filter branches and tags" aria-label="Filter branches and tags" x-on:input="filter">
    <ul class="menu menu-sm w-full max-h-80 overflow-y-auto flex-nowrap p-0">
      <li class="menu-title">Branches</li>
      {{#BRANCH}}<li data-filter="{{NAME}}"><a class="font-mono {{#CURRENT}}menu-active{{/CURRENT}}" href="{{URL}}">{{NAME}}</a></li>{{/BRANCH}}
      {{#HAS_TAGS}}<li class="menu-title">Tags</li>{{/HAS_TAGS}}
      {{#TAG}}<li data-filter="{{NAME}}"><a class="font-mono {{#CURRENT}}menu-active{{/CURRENT}}" href="{{URL}}">{{NAME}}</a></li>{{/TAG}}
    </ul>
  </div>
</details>
