{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-wrap items-center gap-2 mb-4">
  {{>REF_PICKER}}
  {{#HAS_PATH}}<span class="text-sm text-base-content/70">History of <code class="font-mono" data-testid="path-filter">{{FILTER_PATH}}</code></span>{{/HAS_PATH}}
</div>
{{#NO_COMMITS}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No commits.</div></div>{{/NO_COMMITS}}
<div class="flex flex-col gap-4" data-testid="history">
  {{#DAY}}
  <section>
    <h2 class="text-sm font-semibold text-base-content/70 mb-2">Commits on {{DAY}}</h2>
    <ul class="list bg-base-100 rounded-box shadow-sm">
      {{#COMMIT}}
      <li class="list-row items-center" data-sha="{{SHA}}">
        <div class="list-col-grow min-w-0">
          <div class="font-medium truncate"><a class="link link-hover" href="{{COMMIT_URL}}">{{SUMMARY}}</a>{{#MERGE}} <span class="badge badge-ghost badge-sm">merge</span>{{/MERGE}}</div>
          <div class="text-xs text-base-content/60 flex items-center gap-1"><img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-4 rounded-full">{{AUTHOR}} committed {{WHEN}}</div>
        </div>
        <span id="status-{{SHA}}"></span>
        <a class="btn btn-xs font-mono" href="{{COMMIT_URL}}" title="{{SHA}}">{{SHORT_SHA}}</a>
      </li>
      {{/COMMIT}}
    </ul>
  </section>
  {{/DAY}}
</div>
<div class="join mt-4">
  {{#HAS_NEWER}}<a class="join-item btn btn-sm" href="{{NEWER_URL}}">Newer</a>{{/HAS_NEWER}}
  {{#HAS_OLDER}}<a class="join-item btn btn-sm" href="{{OLDER_URL}}" data-testid="older">Older</a>{{/HAS_OLDER}}
</div>
{{#HAS_SHAS}}<div hx-get="{{P}}/{{REPO_FULL_NAME}}/actions/statuses?shas={{SHAS}}" hx-trigger="load" hx-swap="none"></div>{{/HAS_SHAS}}
