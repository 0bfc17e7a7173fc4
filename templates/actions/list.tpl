{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="grid gap-4 md:grid-cols-[16rem_1fr]">
  <aside class="flex flex-col gap-2">
    <ul class="menu bg-base-100 rounded-box shadow-sm w-full" data-testid="actions">
      <li class="menu-title">Actions</li>
      <li><a class="menu-active" href="{{P}}/{{REPO_FULL_NAME}}/actions">All runs</a></li>
      {{#ACTION}}<li><a href="{{URL}}" data-testid="action-link">{{#INVALID}}<span class="text-error" title="{{ERROR}}">⚠</span>{{/INVALID}}<span class="truncate">{{NAME}}</span></a></li>{{/ACTION}}
    </ul>
    {{#NO_ACTIONS}}<p class="text-sm text-base-content/70 px-2">No workflows yet. Push a GitHub Actions file such as <code class="font-mono">.github/workflows/ci.yml</code>, or define an action here.</p>{{/NO_ACTIONS}}
    {{#ACTION}}{{#INVALID}}<div role="alert" class="alert alert-error alert-soft text-sm" data-testid="workflow-error"><span class="font-mono break-all">{{ERROR}}</span></div>{{/INVALID}}{{/ACTION}}
    <p class="text-xs text-base-content/60 px-2" data-testid="sandbox">Jobs run in: {{SANDBOX}}</p>
    {{#CAN_WRITE}}
    <details class="collapse collapse-arrow bg-base-100 shadow-sm" {{#FORM_OPEN}}open{{/FORM_OPEN}}>
      <summary class="collapse-title font-medium">New action</summary>
      <div class="collapse-content">{{>CREATE_FORM}}</div>
    </details>
    {{/CAN_WRITE}}
  </aside>
  <section class="flex flex-col gap-3 min-w-0">
    <form class="join flex-wrap" method="get" action="">
      <select class="select select-sm join-item" name="status" aria-label="Status">
        <option value="">Any status</option>
        {{#STATUS_OPTION}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/STATUS_OPTION}}
      </select>
      <select class="select select-sm join-item" name="event" aria-label="Event">
        <option value="">Any event</option>
        {{#EVENT_OPTION}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{LABEL}}</option>{{/EVENT_OPTION}}
      </select>
      <input class="input input-sm join-item w-36" name="branch" value="{{FILTER_BRANCH}}" placeholder="Branch" aria-label="Branch">
      <button class="btn btn-sm join-item" type="submit">Filter</button>
      <a class="btn btn-sm btn-ghost ml-auto" href="{{P}}/{{REPO_FULL_NAME}}/actions/stats">Statistics</a>
    </form>
    {{>RUN_ROWS}}
  </section>
</div>
