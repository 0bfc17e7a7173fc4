{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-wrap items-center gap-2 mb-4">
  <form class="join flex-1 min-w-64" method="get" action="" role="search">
    <input type="hidden" name="state" value="{{STATE}}">
    <input class="input input-sm join-item flex-1" type="search" name="q" value="{{Q}}" placeholder="Search issues" aria-label="Search issues">
    <select class="select select-sm join-item w-36" name="label" aria-label="Label">
      <option value="">All labels</option>
      {{#LABEL_OPTION}}<option value="{{NAME}}" {{#SELECTED}}selected{{/SELECTED}}>{{NAME}}</option>{{/LABEL_OPTION}}
    </select>
    <select class="select select-sm join-item w-32" name="sort" aria-label="Sort">
      {{#SORT_OPTION}}<option value="{{NAME}}" {{#SELECTED}}selected{{/SELECTED}}>{{NAME}}</option>{{/SORT_OPTION}}
    </select>
    <button class="btn btn-sm join-item" type="submit">Filter</button>
  </form>
  <a class="btn btn-sm btn-ghost" href="{{LABELS_URL}}">Labels</a>
  <a class="btn btn-sm btn-primary" href="{{NEW_URL}}" data-testid="new-issue">New issue</a>
</div>
<div class="card bg-base-100 shadow-sm">
  <div class="flex gap-4 px-4 py-3 border-b border-base-300 text-sm">
    <a class="{{#SHOW_OPEN}}font-semibold{{/SHOW_OPEN}} link link-hover" href="{{OPEN_URL}}" data-testid="open-count">{{OPEN_COUNT}} Open</a>
    <a class="{{#SHOW_CLOSED}}font-semibold{{/SHOW_CLOSED}} link link-hover" href="{{CLOSED_URL}}" data-testid="closed-count">{{CLOSED_COUNT}} Closed</a>
  </div>
  {{#NONE}}<div class="card-body text-base-content/70">No issues match.</div>{{/NONE}}
  <ul class="list" data-testid="issues">
    {{#ISSUE}}
    <li class="list-row items-center" data-number="{{NUMBER}}">
      {{#OPEN}}<span class="status status-success" aria-label="Open"></span>{{/OPEN}}
      {{#CLOSED}}<span class="status status-neutral" aria-label="Closed"></span>{{/CLOSED}}
      <div class="list-col-grow min-w-0">
        <div class="flex flex-wrap items-center gap-1">
          <a class="link link-hover font-medium" href="{{URL}}">{{TITLE}}</a>
          {{#LABEL}}<span class="badge badge-sm" data-label-color="{{LABEL_COLOR}}" title="{{LABEL_DESCRIPTION}}">{{LABEL_NAME}}</span>{{/LABEL}}
        </div>
        <div class="text-xs text-base-content/60">#{{NUMBER}} opened {{WHEN}} by <a class="link link-hover" href="{{P}}/{{AUTHOR}}">{{AUTHOR}}</a></div>
      </div>
      {{#HAS_COMMENTS}}<span class="text-xs text-base-content/60" title="Comments">💬 {{COMMENTS}}</span>{{/HAS_COMMENTS}}
    </li>
    {{/ISSUE}}
  </ul>
</div>
<div class="join mt-4">
  {{#HAS_NEWER}}<a class="join-item btn btn-sm" href="{{NEWER_URL}}">Newer</a>{{/HAS_NEWER}}
  {{#HAS_OLDER}}<a class="join-item btn btn-sm" href="{{OLDER_URL}}">Older</a>{{/HAS_OLDER}}
</div>
