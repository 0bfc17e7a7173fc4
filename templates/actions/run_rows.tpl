{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm" id="run-rows" data-testid="runs" {{#LIVE}}hx-get="{{ROWS_URL}}" hx-trigger="every 2s" hx-swap="outerHTML"{{/LIVE}}>
  <div class="px-4 py-2 border-b border-base-300 text-sm text-base-content/70">{{TOTAL}} runs</div>
  {{#NO_RUNS}}<div class="card-body text-base-content/70">No runs yet.</div>{{/NO_RUNS}}
  <ul class="list">
    {{#RUN}}
    <li class="list-row items-center" data-testid="run" data-status="{{STATUS}}" data-run="{{ID}}">
      <span class="text-lg {{STATUS_CLASS}}" title="{{STATUS_WORD}}" aria-label="{{STATUS_WORD}}">{{STATUS_ICON}}</span>
      <div class="list-col-grow min-w-0">
        <a class="link link-hover font-medium" href="{{URL}}">{{NAME}} #{{NUMBER}}</a>
        <div class="text-xs text-base-content/60">{{EVENT}}{{#HAS_PULL}} #{{PULL}}{{/HAS_PULL}} · <span class="badge badge-ghost badge-xs font-mono">{{BRANCH}}</span> · <a class="link font-mono" href="{{COMMIT_URL}}">{{SHA}}</a> · {{ACTOR}} · {{WHEN}}</div>
      </div>
      <span class="text-xs text-base-content/60 tabular-nums">{{DURATION}}</span>
    </li>
    {{/RUN}}
  </ul>
  <div class="flex justify-between px-4 py-2">
    {{#HAS_NEWER}}<a class="btn btn-sm btn-ghost" href="{{NEWER_URL}}">← Newer</a>{{/HAS_NEWER}}
    {{#HAS_OLDER}}<a class="btn btn-sm btn-ghost ml-auto" href="{{OLDER_URL}}">Older →</a>{{/HAS_OLDER}}
  </div>
</div>
