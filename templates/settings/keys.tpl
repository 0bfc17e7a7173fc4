{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="flex-1 flex flex-col gap-6 min-w-0">
    <div class="card bg-base-100 shadow-sm">
      <form class="card-body gap-4" action="{{P}}/settings/keys" method="post">
        <h1 class="card-title">SSH keys</h1>
        <p class="text-sm text-base-content/70">Keys let git clone and push over SSH as you. Paste the contents of a public key file, e.g. <code>~/.ssh/id_ed25519.pub</code>.</p>
        {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <label class="floating-label">
          <span>Title</span>
          <input class="input w-full max-w-md" type="text" name="title" value="{{FORM_TITLE}}" placeholder="Title, e.g. laptop" maxlength="100" required>
        </label>
        <textarea class="textarea w-full font-mono text-sm" name="key" rows="3" placeholder="ssh-ed25519 AAAA… you@laptop" aria-label="Public key" required>
{{FORM_KEY:pre_escape}}</textarea>
        <div><button class="btn btn-primary" type="submit">Add key</button></div>
      </form>
    </div>
    <div class="card bg-base-100 shadow-sm">
      <div class="card-body">
        <h2 class="card-title text-base">Your keys</h2>
        {{#NO_KEYS}}<p class="text-base-content/70">You have no SSH keys.</p>{{/NO_KEYS}}
        {{#HAS_KEYS}}
        <div class="overflow-x-auto">
          <table class="table">
            <thead><tr><th>Title</th><th>Fingerprint</th><th>Added</th><th>Last used</th><th></th></tr></thead>
            <tbody>
              {{#KEY_ROW}}
              <tr>
                <td class="font-medium">{{TITLE}}</td>
                <td class="font-mono text-xs break-all">{{FINGERPRINT}}</td>
                <td>{{CREATED}}</td>
                <td>{{LAST_USED}}</td>
                <td class="text-right">
                  <form action="{{P}}/settings/keys/{{ID}}/delete" method="post">
                    <input type="hidden" name="csrf_token" value="{{CSRF}}">
                    <button class="btn btn-error btn-outline btn-xs" type="submit">Delete</button>
                  </form>
                </td>
              </tr>
              {{/KEY_ROW}}
            </tbody>
          </table>
        </div>
        {{/HAS_KEYS}}
      </div>
    </div>
  </div>
</div>
