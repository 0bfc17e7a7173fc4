{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="card bg-base-100 shadow-sm mb-4">
  <div class="card-body gap-2">
    <h1 class="text-lg font-semibold" data-testid="commit-summary">{{SUMMARY}}</h1>
    {{#HAS_MESSAGE}}<pre class="whitespace-pre-wrap text-sm text-base-content/80" data-testid="commit-message">{{MESSAGE}}</pre>{{/HAS_MESSAGE}}
    <div class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-base-content/70">
      <span class="inline-flex items-center gap-1"><img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-5 rounded-full"><strong>{{AUTHOR}}</strong> authored {{WHEN}}</span>
      {{#HAS_COMMITTER}}<span>{{COMMITTER}} committed</span>{{/HAS_COMMITTER}}
      <span class="flex-1"></span>
      {{#PARENT}}<a class="link font-mono" href="{{PARENT_URL}}" title="Parent">parent {{PARENT_SHA}}</a>{{/PARENT}}
      <span class="font-mono" data-testid="commit-sha">{{SHA}}</span>
      <a class="btn btn-xs" href="{{TREE_URL}}">Browse files</a>
    </div>
  </div>
</div>
<div class="mb-4" hx-get="{{P}}/{{REPO_FULL_NAME}}/actions/checks?sha={{SHA}}" hx-trigger="load" hx-swap="outerHTML"></div>
{{>CHANGES}}
