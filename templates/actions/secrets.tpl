{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-4 max-w-2xl">
  <h2 class="text-lg font-semibold">Action secrets</h2>
  <p class="text-sm text-base-content/70">Jobs of this repository read them as <code class="font-mono">$&#123;&#123; secrets.NAME &#125;&#125;</code>; they are encrypted at rest, never shown again, and masked in logs.</p>
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="secret-error">{{ERROR}}</div>{{/HAS_ERROR}}
  <div class="card bg-base-100 shadow-sm">
    {{#NONE}}<div class="card-body text-base-content/70">No secrets yet.</div>{{/NONE}}
    <ul class="list" data-testid="secrets">
      {{#SECRET}}
      <li class="list-row items-center"><span class="font-mono list-col-grow">{{SECRET_NAME}}</span><span class="text-xs text-base-content/60">updated {{UPDATED}}</span>
        <form method="post" action="{{P}}/{{FULL_NAME}}/settings/secrets/delete"><input type="hidden" name="csrf_token" value="{{CSRF}}"><input type="hidden" name="name" value="{{SECRET_NAME}}"><button class="btn btn-xs btn-ghost text-error">Delete</button></form></li>
      {{/SECRET}}
    </ul>
  </div>
  <form method="post" action="" class="card bg-base-100 shadow-sm"><div class="card-body gap-2">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <label class="text-sm">Name <input class="input input-sm w-full font-mono" name="name" value="{{NAME}}" required placeholder="DEPLOY_TOKEN"></label>
    <label class="text-sm">Value <textarea class="textarea textarea-sm w-full font-mono" name="value" rows="3" required></textarea></label>
    <button class="btn btn-sm btn-primary self-start" type="submit">Save secret</button>
  </div></form>
</div>
