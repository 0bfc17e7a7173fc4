{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
{{#NONE}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No {{KIND}} yet.</div></div>{{/NONE}}
<ul class="list bg-base-100 rounded-box shadow-sm" data-testid="refs">
  {{#REF_ROW}}
  <li class="list-row items-center" data-ref="{{NAME}}">
    <div class="list-col-grow min-w-0">
      <div class="flex items-center gap-2">
        <a class="link link-hover font-mono font-semibold" href="{{FILES_URL}}">{{NAME}}</a>
        {{#DEFAULT}}<span class="badge badge-primary badge-sm">default</span>{{/DEFAULT}}
      </div>
      <div class="text-xs text-base-content/60 truncate"><a class="link link-hover" href="{{COMMIT_URL}}">{{SUMMARY}}</a> · {{AUTHOR}} · {{WHEN}}</div>
    </div>
    <span id="status-{{SHA}}"></span>
    {{#AHEAD_BEHIND}}<div class="text-xs font-mono text-base-content/70 whitespace-nowrap" title="Behind and ahead of the default branch" data-testid="ahead-behind">{{BEHIND}} behind · {{AHEAD}} ahead</div><a class="btn btn-xs" href="{{COMPARE_URL}}">Compare</a>{{/AHEAD_BEHIND}}
    {{#CAN_DELETE}}
    <form action="{{ACTION}}" method="post" hx-confirm="Delete the branch {{NAME}}?">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="branch" value="{{NAME}}">
      <input type="hidden" name="sha" value="{{SHA}}">
      <button class="btn btn-ghost btn-sm text-error" type="submit" aria-label="Delete {{NAME}}">Delete</button>
    </form>
    {{/CAN_DELETE}}
  </li>
  {{/REF_ROW}}
</ul>
{{#HAS_SHAS}}<div hx-get="{{P}}/{{REPO_FULL_NAME}}/actions/statuses?shas={{SHAS}}" hx-trigger="load" hx-swap="none"></div>{{/HAS_SHAS}}
