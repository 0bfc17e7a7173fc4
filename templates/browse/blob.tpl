{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
{{>PATH}}
<div class="card bg-base-100 shadow-sm">
  <div class="flex flex-wrap items-center gap-3 px-4 py-2 border-b border-base-300 text-sm">
    <span class="text-base-content/70" data-testid="file-size">{{SIZE}}{{#HAS_LINES}} · {{LINE_COUNT}} lines{{/HAS_LINES}}</span>
    <span class="flex-1"></span>
    {{#RENDERED}}<div class="join" role="group" aria-label="View"><span class="btn btn-xs join-item btn-active" aria-current="true">Preview</span><a class="btn btn-xs join-item" href="{{SOURCE_URL}}" data-testid="show-source">Code</a></div>{{/RENDERED}}
    {{#SOURCE}}<div class="join" role="group" aria-label="View"><a class="btn btn-xs join-item" href="{{PREVIEW_URL}}" data-testid="show-preview">Preview</a><span class="btn btn-xs join-item btn-active" aria-current="true">Code</span></div>{{/SOURCE}}
    <a class="btn btn-xs" href="{{PERMALINK}}" title="This file at commit {{COMMIT}}">Permalink</a>
    {{#HAS_LINES}}<a class="btn btn-xs" href="{{BLAME_URL}}" data-testid="blame-link">Blame</a>{{/HAS_LINES}}
    <a class="btn btn-xs" href="{{RAW_URL}}" hx-boost="false" data-testid="raw-link">Raw</a>
  </div>
  {{#TEXT_FILE}}
  <div class="overflow-x-auto">
    <table class="code-table" data-testid="code" data-language="{{LANGUAGE}}">
      <tbody>
        {{CODE_ROWS:none}}
      </tbody>
    </table>
  </div>
  {{/TEXT_FILE}}
  {{#RENDERED}}<article class="markdown p-6" data-testid="rendered">{{MARKDOWN_HTML:none}}</article>{{/RENDERED}}
  {{#IMAGE}}<div class="p-4 flex justify-center bg-base-200"><img src="{{RAW_URL}}" alt="{{FILE_NAME}}" class="max-w-full"></div>{{/IMAGE}}
  {{#BINARY}}<div class="card-body items-center text-base-content/70">Binary file. <a class="btn btn-sm" href="{{RAW_URL}}" hx-boost="false">Download</a></div>{{/BINARY}}
  {{#TOO_LARGE}}<div class="card-body items-center text-base-content/70">This file is too large to show. <a class="btn btn-sm" href="{{RAW_URL}}" hx-boost="false">Download</a></div>{{/TOO_LARGE}}
</div>
