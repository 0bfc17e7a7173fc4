{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-4" id="run" data-run="{{RUN_ID}}" data-status="{{STATUS}}" {{#LIVE}}data-live="{{RUN_URL}}/events"{{/LIVE}}>
  <div class="flex flex-wrap items-center gap-2">
    <span class="text-2xl {{STATUS_CLASS}}" title="{{STATUS_WORD}}">{{STATUS_ICON}}</span>
    <h2 class="text-lg font-semibold"><a class="link link-hover" href="{{ACTION_URL}}">{{NAME}}</a> #{{NUMBER}}</h2>
    <span class="badge badge-sm" data-testid="run-status">{{STATUS_WORD}}</span>
    {{#RERUN}}<span class="badge badge-ghost badge-sm">attempt {{ATTEMPT}}</span>{{/RERUN}}
    <div class="ml-auto flex gap-2">
      {{#CAN_CANCEL}}<form method="post" action="{{RUN_URL}}/cancel"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm btn-outline btn-error" data-testid="cancel">Cancel run</button></form>{{/CAN_CANCEL}}
      {{#CAN_RERUN_FAILED}}<form method="post" action="{{RUN_URL}}/rerun"><input type="hidden" name="csrf_token" value="{{CSRF}}"><input type="hidden" name="failed" value="1"><button class="btn btn-sm btn-outline" data-testid="rerun-failed">Re-run failed jobs</button></form>{{/CAN_RERUN_FAILED}}
      {{#CAN_RERUN}}<form method="post" action="{{RUN_URL}}/rerun"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm btn-outline" data-testid="rerun">Re-run all jobs</button></form>{{/CAN_RERUN}}
      <a class="btn btn-sm btn-ghost" href="{{RUN_URL}}/logs" hx-boost="false">Raw logs</a>
    </div>
  </div>
  <p class="text-sm text-base-content/70">{{EVENT}}{{#HAS_PULL}} <a class="link" href="{{PULL_URL}}">#{{PULL}}</a>{{/HAS_PULL}} by {{ACTOR}} {{WHEN}} · <span class="badge badge-ghost badge-sm font-mono">{{BRANCH}}</span> · <a class="link font-mono" href="{{COMMIT_URL}}">{{SHA}}</a> · {{DURATION}}</p>
  {{#AWAITS_APPROVAL}}<div role="alert" class="alert alert-warning alert-soft" data-testid="awaits-approval">
    <span>This run waits for approval: the pull request comes from someone who cannot write to this repository. Once approved, its jobs run without the repository's secrets.</span>
    {{#CAN_APPROVE}}<form method="post" action="{{RUN_URL}}/approve"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm btn-warning" data-testid="approve">Approve and run</button></form>{{/CAN_APPROVE}}
  </div>{{/AWAITS_APPROVAL}}
  {{#UNTRUSTED}}<p class="text-sm text-base-content/70" data-testid="untrusted">Its pull request comes from someone who cannot write here: the jobs ran without the repository's secrets.</p>{{/UNTRUSTED}}
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="run-error"><span class="font-mono text-sm whitespace-pre-wrap">{{ERROR}}</span></div>{{/HAS_ERROR}}
  <div class="card bg-base-100 shadow-sm"><div class="card-body overflow-x-auto">
    <div class="flex items-center gap-6" data-testid="job-graph">
      {{#COLUMN}}
      <div class="flex flex-col gap-2 job-column">
        {{#NODE}}<a href="#job-{{JOB_ID}}" class="flex items-center gap-2 rounded-box border border-base-300 px-3 py-2 text-sm hover:bg-base-200" data-testid="job-node" data-status="{{STATUS}}"><span class="{{STATUS_CLASS}}">{{STATUS_ICON}}</span><span>{{JOB_NAME}}</span><span class="text-xs text-base-content/50 tabular-nums">{{JOB_DURATION}}</span></a>{{/NODE}}
      </div>
      {{/COLUMN}}
    </div>
  </div></div>
  <div class="flex flex-col gap-3">{{>JOB}}</div>
  <div class="card bg-base-100 shadow-sm"><div class="card-body p-4 gap-2"><h3 class="font-semibold">Artifacts</h3>{{>ARTIFACTS}}</div></div>
</div>
