{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col lg:flex-row gap-6" x-data="listFilter">
  <div class="flex-1 min-w-0 flex flex-col gap-4">
    <div class="flex flex-wrap items-center gap-3">
      <h1 class="text-2xl font-bold flex-1">Repositories</h1>
      <form method="get" action="{{P}}/repos" class="flex gap-1" data-testid="owner-filter" x-data="autoSubmit">
        <select class="select select-sm w-40" name="owner" aria-label="Owner" x-on:change="submit">
          <option value="">All owners</option>
          {{#OWNER_FILTER}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/OWNER_FILTER}}
        </select>
        <noscript><button class="btn btn-sm" type="submit">Filter</button></noscript>
      </form>
      <label class="input input-sm w-full sm:w-64">
        <svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M3 5h18M6 12h12M10 19h4"/></svg>
        <input type="search" placeholder="Filter repositories" aria-label="Filter repositories" x-on:input="filter">
      </label>
    </div>
    {{#NO_REPOS}}
    <div class="card bg-base-100 shadow-sm"><div class="card-body items-center text-center text-base-content/70">
      <p>No repositories yet.{{#SIGNED_IN}} Create the first one with the form.{{/SIGNED_IN}}</p>
    </div></div>
    {{/NO_REPOS}}
    {{#HAS_REPOS}}
    <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="repo-list">
      {{#REPO}}
      <li class="list-row" data-filter="{{FULL_NAME}}" data-repo="{{FULL_NAME}}">
        <div class="list-col-grow min-w-0">
          <div class="flex items-center gap-2 flex-wrap">
            <a class="link link-hover font-semibold text-primary" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a>
            {{#PRIVATE}}<span class="badge badge-sm badge-outline">private</span>{{/PRIVATE}}
            {{#PUBLIC}}<span class="badge badge-sm badge-ghost">public</span>{{/PUBLIC}}
          </div>
          {{#HAS_DESCRIPTION}}<p class="text-sm text-base-content/70 truncate">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
        </div>
        <div class="text-xs text-base-content/60 self-center whitespace-nowrap">Updated {{UPDATED}}</div>
      </li>
      {{/REPO}}
    </ul>
    {{/HAS_REPOS}}
  </div>
  {{#SIGNED_IN}}
  <aside class="w-full lg:w-80">{{>CREATE_FORM}}</aside>
  {{/SIGNED_IN}}
</div>
