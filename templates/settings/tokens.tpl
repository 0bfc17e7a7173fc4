{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="flex-1 flex flex-col gap-6 min-w-0">
    {{#CREATED}}
    <div role="alert" class="alert alert-success flex-col items-start" x-data="copyable">
      <p>Token <strong>{{NAME}}</strong> created. Copy it now: it will not be shown again.</p>
      <div class="join w-full">
        <input class="input join-item w-full font-mono text-base-content" readonly value="{{TOKEN}}" x-ref="source" data-testid="new-token">
        <button type="button" class="btn join-item" x-on:click="copy" x-text="label">Copy</button>
      </div>
    </div>
    {{/CREATED}}
    <div class="card bg-base-100 shadow-sm">
      <form class="card-body gap-4" action="{{P}}/settings/tokens" method="post">
        <h1 class="card-title">Access tokens</h1>
        <p class="text-sm text-base-content/70">Tokens let scripts call the API (<code>Authorization: token …</code>) and git clients authenticate over HTTPS in place of your password.</p>
        {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <div class="join w-full max-w-md">
          <input class="input join-item w-full" type="text" name="name" placeholder="Token name, e.g. laptop" maxlength="100" required>
          <button class="btn btn-primary join-item" type="submit">Create token</button>
        </div>
      </form>
    </div>
    <div class="card bg-base-100 shadow-sm">
      <div class="card-body">
        <h2 class="card-title text-base">Your tokens</h2>
        {{#NO_TOKENS}}<p class="text-base-content/70">You have no access tokens.</p>{{/NO_TOKENS}}
        {{#HAS_TOKENS}}
        <div class="overflow-x-auto">
          <table class="table">
            <thead><tr><th>Name</th><th>Token</th><th>Created</th><th>Last used</th><th></th></tr></thead>
            <tbody>
              {{#TOKEN_ROW}}
              <tr>
                <td class="font-medium">{{NAME}}</td>
                <td class="font-mono text-sm">…{{LAST_EIGHT}}</td>
                <td>{{CREATED}}</td>
                <td>{{LAST_USED}}</td>
                <td class="text-right">
                  <form action="{{P}}/settings/tokens/{{ID}}/delete" method="post">
                    <input type="hidden" name="csrf_token" value="{{CSRF}}">
                    <button class="btn btn-error btn-outline btn-xs" type="submit">Revoke</button>
                  </form>
                </td>
              </tr>
              {{/TOKEN_ROW}}
            </tbody>
          </table>
        </div>
        {{/HAS_TOKENS}}
      </div>
    </div>
  </div>
</div>
