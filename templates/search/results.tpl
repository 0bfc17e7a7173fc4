{{%AUTOESCAPE context="HTML"}}
{{#ERROR}}<div role="alert" class="alert alert-warning alert-soft" data-testid="search-error"><span>{{MESSAGE}}</span></div>{{/ERROR}}
{{#SUMMARY}}
{{>COUNTS}}
{{#PARTIAL}}<div role="alert" class="alert alert-info alert-soft" data-testid="search-partial"><span>Partial results: nothing in this query has three characters in a row that every match must contain, so files were read one by one until the time ran out. Add a longer word, a <code>repo:</code> or a <code>path:</code> to search everything.</span></div>{{/PARTIAL}}
{{#NONE}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No file matches.</div></div>{{/NONE}}
{{/SUMMARY}}
{{#HIT}}
<article class="card bg-base-100 shadow-sm overflow-hidden" data-testid="search-hit">
  <div class="flex flex-wrap items-center gap-2 px-4 py-2 border-b border-base-300 text-sm">
    <a class="link link-hover font-semibold" href="{{REPO_URL}}">{{REPO}}</a><span class="text-base-content/40">/</span>
    <a class="link link-hover font-mono" href="{{FILE_URL}}" data-testid="search-path">{{PATH}}</a>
    <span class="flex-1"></span>
    <span class="text-xs text-base-content/60">{{MATCH_COUNT}}</span>
  </div>
  <div class="overflow-x-auto">
    <table class="font-mono text-xs leading-5 w-full">
      {{#ROW}}
      {{#GAP}}<tr><td colspan="2" class="px-2 text-base-content/40 select-none">⋯</td></tr>{{/GAP}}
      <tr class="{{#MATCHED}}bg-warning/10{{/MATCHED}}"><td class="select-none text-right px-2 w-1"><a class="text-base-content/50 hover:underline" href="{{LINE_URL}}">{{N}}</a></td><td class="pr-4 whitespace-pre">{{#SEG}}{{#MARK}}<mark class="bg-warning/60 text-base-content rounded-sm">{{TEXT}}</mark>{{/MARK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{/SEG}}</td></tr>
      {{/ROW}}
    </table>
  </div>
  {{#MORE_LINES}}<a class="block px-4 py-1 text-xs link link-hover border-t border-base-200" href="{{FILE_URL}}">{{MORE}} more matching lines in this file</a>{{/MORE_LINES}}
</article>
{{/HIT}}
{{#PAGES}}
<div class="join self-center">
  {{#HAS_NEWER}}<a class="join-item btn btn-sm" href="{{NEWER_URL}}">Previous</a>{{/HAS_NEWER}}
  <span class="join-item btn btn-sm btn-disabled">Page {{PAGE}}</span>
  {{#HAS_OLDER}}<a class="join-item btn btn-sm" href="{{OLDER_URL}}">Next</a>{{/HAS_OLDER}}
</div>
{{/PAGES}}
