{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm" data-testid="search-status">
  <div class="card-body gap-2">
    <h2 class="card-title">Code search</h2>
    {{#INDEXED}}
    <p class="text-sm">The index holds <strong>{{BRANCH}}</strong> at <a class="link font-mono" href="{{COMMIT_URL}}">{{SHORT_COMMIT}}</a>: {{FILES}} text files, {{SIZE}}, updated {{WHEN}}.</p>
    {{/INDEXED}}
    {{#NOT_INDEXED}}<p class="text-sm text-base-content/70">Not indexed yet: the index is built in the background after each push.</p>{{/NOT_INDEXED}}
    <form action="{{REINDEX_URL}}" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <button class="btn btn-sm" type="submit">Rebuild the index</button>
    </form>
  </div>
</div>
