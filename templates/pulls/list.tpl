{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex items-center gap-2 mb-4">
  <p class="text-sm text-base-content/70 flex-1">Open a pull request from a branch's compare page (<a class="link" href="{{BRANCHES_URL}}">Branches</a> → Compare), in this repository or one of its forks.</p>
  <a class="btn btn-primary btn-sm" href="{{COMPARE_URL}}" data-testid="new-pull">New pull request</a>
</div>
<div class="card bg-base-100 shadow-sm">
  <div class="flex gap-4 px-4 py-3 border-b border-base-300 text-sm">
    <a class="{{#SHOW_OPEN}}font-semibold{{/SHOW_OPEN}} link link-hover" href="{{OPEN_URL}}">{{OPEN_COUNT}} Open</a>
    <a class="{{#SHOW_CLOSED}}font-semibold{{/SHOW_CLOSED}} link link-hover" href="{{CLOSED_URL}}">{{CLOSED_COUNT}} Closed</a>
  </div>
  {{#NONE}}<div class="card-body text-base-content/70">No pull requests.</div>{{/NONE}}
  <ul class="list" data-testid="pulls">
    {{#PULL}}
    <li class="list-row items-center" data-number="{{NUMBER}}">
      {{#OPEN}}<span class="status status-success" aria-label="Open"></span>{{/OPEN}}
      {{#CLOSED}}<span class="status status-neutral" aria-label="Closed"></span>{{/CLOSED}}
      <div class="list-col-grow min-w-0">
        <a class="link link-hover font-medium" href="{{URL}}">{{TITLE}}</a>
        <div class="text-xs text-base-content/60">#{{NUMBER}} opened {{WHEN}} by <a class="link link-hover" href="{{P}}/{{AUTHOR}}">{{AUTHOR}}</a></div>
      </div>
    </li>
    {{/PULL}}
  </ul>
</div>
<div class="join mt-4">
  {{#HAS_NEWER}}<a class="join-item btn btn-sm" href="{{NEWER_URL}}">Newer</a>{{/HAS_NEWER}}
  {{#HAS_OLDER}}<a class="join-item btn btn-sm" href="{{OLDER_URL}}">Older</a>{{/HAS_OLDER}}
</div>
