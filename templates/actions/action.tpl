{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-4">
  <div class="flex flex-wrap items-center gap-2">
    <a class="link link-hover text-sm" href="{{P}}/{{REPO_FULL_NAME}}/actions">Actions</a><span class="text-base-content/40">/</span>
    <h2 class="text-lg font-semibold" data-testid="action-name">{{NAME}}</h2>
    {{#IS_FILE}}<a class="link link-hover font-mono text-sm text-base-content/60" href="{{FILE_URL}}">{{FILE}}</a>{{/IS_FILE}}
    {{#IS_UI}}<span class="badge badge-ghost badge-sm">defined here</span>{{/IS_UI}}
  </div>
  {{#HAS_MESSAGE}}<div role="alert" class="alert alert-error alert-soft" data-testid="action-error">{{MESSAGE}}</div>{{/HAS_MESSAGE}}
  {{#INVALID}}<div role="alert" class="alert alert-error alert-soft" data-testid="workflow-error"><span class="font-mono text-sm">{{ERROR}}</span></div>{{/INVALID}}
  <div class="card bg-base-100 shadow-sm">
    <div class="card-body gap-2">
      <p class="text-sm text-base-content/70">Runs on: {{TRIGGERS}}</p>
      <ol class="flex flex-wrap gap-2 text-sm">
        {{#JOB}}<li class="badge badge-outline gap-1" data-testid="workflow-job">{{JOB_NAME}} <span class="text-base-content/50">on {{RUNS_ON}}</span>{{#HAS_MATRIX}} <span class="text-base-content/50">× {{MATRIX}}</span>{{/HAS_MATRIX}}{{#HAS_NEEDS}} <span class="text-base-content/50">after {{NEEDS}}</span>{{/HAS_NEEDS}}</li>{{/JOB}}
      </ol>
      {{#IS_UI}}<details><summary class="text-sm cursor-pointer">Workflow</summary><pre class="text-xs bg-base-200 p-2 rounded overflow-x-auto" data-testid="definition">{{DEFINITION}}</pre></details>{{/IS_UI}}
      {{#CAN_WRITE}}{{#DISPATCH}}
      <form method="post" action="{{ACTION_URL}}/run" class="flex flex-wrap items-end gap-2" data-testid="run-form">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <label class="text-sm">Branch or tag <input class="input input-sm w-40 font-mono" name="ref" value="{{DEFAULT_BRANCH}}"></label>
        {{#INPUT}}
        <label class="text-sm">{{DESCRIPTION}}{{#REQUIRED}} *{{/REQUIRED}}
          {{#TEXT}}<input class="input input-sm w-40" name="inputs[{{INPUT_NAME}}]" value="{{DEFAULT}}" {{#REQUIRED}}required{{/REQUIRED}}>{{/TEXT}}
          {{#BOOLEAN}}<input type="hidden" name="inputs[{{INPUT_NAME}}]" value="false"><input type="checkbox" class="checkbox checkbox-sm" name="inputs[{{INPUT_NAME}}]" value="true" {{#CHECKED}}checked{{/CHECKED}}>{{/BOOLEAN}}
          {{#CHOICE}}<select class="select select-sm w-40" name="inputs[{{INPUT_NAME}}]">{{#OPTION}}<option {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/OPTION}}</select>{{/CHOICE}}
        </label>
        {{/INPUT}}
        <button class="btn btn-sm btn-primary" type="submit" data-testid="run-button">Run</button>
      </form>
      {{/DISPATCH}}{{/CAN_WRITE}}
      {{#CAN_ADMIN}}
      <div class="flex flex-col gap-2">
        <div class="flex items-center gap-2">
          <button class="btn btn-sm btn-ghost" hx-post="{{ACTION_URL}}/token" hx-target="closest .flex-col" hx-swap="beforeend" data-testid="new-token">New trigger URL</button>
          {{#HAS_TRIGGER}}<span class="text-xs text-base-content/60">A trigger URL is active; a new token replaces its token.</span>{{/HAS_TRIGGER}}
        </div>
      </div>
      {{/CAN_ADMIN}}
    </div>
  </div>
  {{>RUN_ROWS}}
</div>
