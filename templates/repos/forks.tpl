{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<h2 class="text-lg font-semibold mb-3">Forks</h2>
{{#NO_FORKS}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No forks yet.</div></div>{{/NO_FORKS}}
{{#HAS_FORKS}}
<ul class="list bg-base-100 rounded-box shadow-sm" data-testid="fork-list">
  {{#FORK}}
  <li class="list-row items-center" data-repo="{{FULL_NAME}}">
    <img src="{{P}}/avatars/{{OWNER}}" alt="" class="size-6 rounded">
    <a class="list-col-grow link link-hover font-medium" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a>
    <span class="text-xs text-base-content/60">Updated {{UPDATED}}</span>
  </li>
  {{/FORK}}
</ul>
{{/HAS_FORKS}}
