{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-3">
  <p class="text-sm text-base-content/70">Workflows in <code class="font-mono">.github/workflows</code> and <code class="font-mono">.skyscape/workflows</code> of <strong>{{BRANCH}}</strong>.</p>
  {{#NONE}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No workflows yet. Add a GitHub Actions file such as <code class="font-mono">.github/workflows/ci.yml</code> and push it.</div></div>{{/NONE}}
  {{#WORKFLOW}}
  <article class="card bg-base-100 shadow-sm" data-testid="workflow">
    <div class="card-body gap-2">
      <div class="flex flex-wrap items-center gap-2">
        {{#INVALID}}<span class="badge badge-error badge-sm">invalid</span>{{/INVALID}}
        <h2 class="font-semibold">{{NAME}}</h2>
        <a class="link link-hover font-mono text-sm text-base-content/60" href="{{FILE_URL}}">{{FILE}}</a>
      </div>
      {{#INVALID}}<div role="alert" class="alert alert-error alert-soft" data-testid="workflow-error"><span class="font-mono text-sm">{{ERROR}}</span></div>{{/INVALID}}
      <p class="text-sm text-base-content/70">{{TRIGGERS}}</p>
      <ol class="flex flex-wrap gap-2 text-sm">
        {{#JOB}}<li class="badge badge-outline gap-1" data-testid="workflow-job">{{JOB_NAME}} <span class="text-base-content/50">on {{RUNS_ON}}</span>{{#HAS_MATRIX}} <span class="text-base-content/50">× {{MATRIX}}</span>{{/HAS_MATRIX}}{{#HAS_NEEDS}} <span class="text-base-content/50">after {{NEEDS}}</span>{{/HAS_NEEDS}}</li>{{/JOB}}
      </ol>
    </div>
  </article>
  {{/WORKFLOW}}
</div>
