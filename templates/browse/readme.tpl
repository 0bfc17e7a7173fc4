{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm" data-testid="readme">
  <div class="px-4 py-2 border-b border-base-300 text-sm font-semibold">{{README_NAME}}</div>
  {{#MARKDOWN}}<article class="markdown p-6">{{README_HTML:none}}</article>{{/MARKDOWN}}
  {{#PLAIN}}<pre class="p-6 text-sm whitespace-pre-wrap">{{README_TEXT}}</pre>{{/PLAIN}}
</div>
