{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-wrap items-center gap-2 mb-3">
  <p class="text-sm" data-testid="diff-stats">{{FILES_CHANGED}}, <span class="text-success">+{{ADDITIONS}}</span> <span class="text-error">−{{DELETIONS}}</span></p>
  <span class="flex-1"></span>
  <div class="join" role="group" aria-label="Diff view">
    <a class="btn btn-xs join-item {{#IS_UNIFIED}}btn-active{{/IS_UNIFIED}}" href="{{UNIFIED_URL}}" {{#IS_UNIFIED}}aria-current="true"{{/IS_UNIFIED}}>Unified</a>
    <a class="btn btn-xs join-item {{#IS_SPLIT}}btn-active{{/IS_SPLIT}}" href="{{SPLIT_URL}}" {{#IS_SPLIT}}aria-current="true"{{/IS_SPLIT}}>Split</a>
  </div>
</div>
{{#TRUNCATED}}<div role="alert" class="alert alert-warning alert-soft mb-3" data-testid="truncated"><span>This commit is large: some files are listed without their changes.</span></div>{{/TRUNCATED}}
<div class="flex flex-col gap-3">
  {{#FILE}}
  <details class="card bg-base-100 shadow-sm overflow-hidden" open data-testid="diff-file">
    <summary class="flex flex-wrap items-center gap-2 px-4 py-2 cursor-pointer border-b border-base-300 text-sm">
      <span class="badge badge-sm badge-outline">{{STATUS}}</span>
      <span class="font-mono">{{#MOVED}}{{OLD_PATH}} → {{/MOVED}}{{PATH}}</span>
      <span class="flex-1"></span>
      {{#BINARY}}<span class="badge badge-sm badge-ghost">binary</span>{{/BINARY}}
      <span class="text-success">+{{FILE_ADDITIONS}}</span><span class="text-error">−{{FILE_DELETIONS}}</span>
    </summary>
    {{#HIDDEN}}<div class="px-4 py-3 text-sm text-base-content/70">Changes not shown: this commit is too large.</div>{{/HIDDEN}}
    <div class="overflow-x-auto">
      <table class="font-mono text-xs leading-5 w-full">
        {{#HUNK}}
        <tbody>
          <tr class="bg-info/10 text-base-content/60"><td colspan="3" class="px-4 py-1">{{HEADER}}</td></tr>
          {{#LINE}}<tr class="group {{#ADDED}}bg-success/15{{/ADDED}}{{#REMOVED}}bg-error/15{{/REMOVED}}"><td class="select-none text-right px-2 w-1 text-base-content/40">{{OLD}}</td><td class="select-none text-right px-2 w-1 text-base-content/40 relative">{{#COMMENTABLE}}<button type="button" class="absolute left-0 inset-y-0 w-5 rounded-sm bg-primary text-primary-content font-bold opacity-0 group-hover:opacity-100 focus:opacity-100 cursor-pointer" hx-get="{{COMMENT_URL}}" hx-target="closest tr" hx-swap="afterend" aria-label="{{COMMENT_LABEL}}" data-testid="add-line-comment">+</button>{{/COMMENTABLE}}{{NEW}}</td><td class="pr-4 whitespace-pre">{{SIGN}}{{TEXT}}</td></tr>{{#NOTE}}{{>NOTE_ROW}}{{/NOTE}}{{/LINE}}
        </tbody>
        {{/HUNK}}
        {{#SPLIT_HUNK}}
        <tbody data-testid="split">
          <tr class="bg-info/10 text-base-content/60"><td colspan="4" class="px-4 py-1">{{HEADER}}</td></tr>
          {{#SPLIT_ROW}}<tr class="group">{{#LEFT}}<td class="select-none text-right px-2 w-1 text-base-content/40 relative {{#REMOVED}}bg-error/15{{/REMOVED}}{{#BLANK}}bg-base-200{{/BLANK}}">{{#COMMENTABLE}}<button type="button" class="absolute left-0 inset-y-0 w-5 rounded-sm bg-primary text-primary-content font-bold opacity-0 group-hover:opacity-100 focus:opacity-100 cursor-pointer" hx-get="{{COMMENT_URL}}" hx-target="closest tr" hx-swap="afterend" aria-label="{{COMMENT_LABEL}}" data-testid="add-line-comment">+</button>{{/COMMENTABLE}}{{N}}</td><td class="pr-4 whitespace-pre w-1/2 border-r border-base-300 {{#REMOVED}}bg-error/15{{/REMOVED}}{{#BLANK}}bg-base-200{{/BLANK}}">{{TEXT}}</td>{{/LEFT}}{{#RIGHT}}<td class="select-none text-right px-2 w-1 text-base-content/40 relative {{#ADDED}}bg-success/15{{/ADDED}}{{#BLANK}}bg-base-200{{/BLANK}}">{{#COMMENTABLE}}<button type="button" class="absolute left-0 inset-y-0 w-5 rounded-sm bg-primary text-primary-content font-bold opacity-0 group-hover:opacity-100 focus:opacity-100 cursor-pointer" hx-get="{{COMMENT_URL}}" hx-target="closest tr" hx-swap="afterend" aria-label="{{COMMENT_LABEL}}" data-testid="add-line-comment">+</button>{{/COMMENTABLE}}{{N}}</td><td class="pr-4 whitespace-pre w-1/2 {{#ADDED}}bg-success/15{{/ADDED}}{{#BLANK}}bg-base-200{{/BLANK}}">{{TEXT}}</td>{{/RIGHT}}</tr>{{#NOTE}}{{>NOTE_ROW}}{{/NOTE}}{{/SPLIT_ROW}}
        </tbody>
        {{/SPLIT_HUNK}}
      </table>
    </div>
  </details>
  {{/FILE}}
</div>
