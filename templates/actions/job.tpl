{{%AUTOESCAPE context="HTML"}}
<section class="card bg-base-100 shadow-sm" id="job-{{JOB_ID}}" data-testid="job" data-job="{{JOB_ID}}" data-status="{{STATUS}}" data-partial="{{PARTIAL_URL}}">
  <div class="card-body gap-2 p-4">
    <div class="flex flex-wrap items-center gap-2">
      <span class="{{STATUS_CLASS}}" title="{{STATUS_WORD}}">{{STATUS_ICON}}</span>
      <h3 class="font-semibold">{{JOB_NAME}}</h3>
      <span class="text-xs text-base-content/60">{{STATUS_WORD}} {{JOB_DURATION}}</span>
      {{#HAS_WHERE}}<span class="text-xs text-base-content/50">· {{WHERE}}</span>{{/HAS_WHERE}}
      <a class="link link-hover text-xs ml-auto" href="{{RAW_URL}}" hx-boost="false">raw</a>
    </div>
    {{#QUEUED}}<p class="text-sm text-base-content/60" data-testid="job-queued">Queued for <code class="font-mono">runs-on: {{RUNS_ON}}</code>: it starts when this server has a free slot or, for a remote runner's labels, when such a runner takes it.</p>{{/QUEUED}}
    {{#HAS_JOB_ERROR}}<div role="alert" class="alert alert-error alert-soft text-sm" data-testid="job-error">{{JOB_ERROR}}</div>{{/HAS_JOB_ERROR}}
    {{#STEP}}
    <details class="step" data-step="{{STEP_NUMBER}}" data-status="{{STATUS}}" {{#OPEN}}open{{/OPEN}}>
      <summary class="flex items-center gap-2 cursor-pointer rounded px-2 py-1 hover:bg-base-200"><span class="step-icon {{STATUS_CLASS}}">{{STATUS_ICON}}</span><span class="text-sm">{{STEP_NAME}}</span><span class="ml-auto text-xs text-base-content/50 tabular-nums">{{STEP_DURATION}}</span></summary>
      <div class="log" data-job="{{JOB_ID}}" data-step="{{STEP_NUMBER}}" data-offset="{{OFFSET}}">{{LOG:none}}</div>
    </details>
    {{/STEP}}
  </div>
</section>
