{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="flex flex-col gap-4 flex-1 min-w-0">
    <div class="card bg-base-100 shadow-sm"><div class="card-body">
      <div class="flex items-center gap-2">
        <h1 class="card-title">Runners</h1>
        <form class="ml-auto" method="post" action="{{P}}/admin/runners/token"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm btn-primary" data-testid="new-registration">New registration token</button></form>
      </div>
      {{#HAS_TOKEN}}<div role="alert" class="alert alert-info alert-soft flex-col items-start text-sm" data-testid="registration">
        <span>Good for one runner within a day; it is not shown again. On the runner's machine:</span>
        <code class="font-mono break-all">workspace runner register --url {{URL}} --token {{TOKEN}} --name NAME --labels self-hosted,linux</code>
        <code class="font-mono">workspace runner run</code>
      </div>{{/HAS_TOKEN}}
      <p class="text-sm text-base-content/70">A job whose <code class="font-mono">runs-on</code> labels are all a runner's waits for such a runner; every other job runs on this server.</p>
      <table class="table" data-testid="runners">
        <thead><tr><th>Runner</th><th>Labels</th><th>Status</th><th>Last contact</th><th></th></tr></thead>
        <tbody>
          {{#RUNNER}}<tr data-testid="runner-{{NAME}}"><td class="font-mono">{{NAME}}</td><td>{{LABELS}}</td><td><span class="{{STATUS_CLASS}}">{{STATUS_ICON}}</span> {{STATE}}</td><td>{{CONTACT}}</td>
            <td><form method="post" action="{{P}}/admin/runners/{{ID}}/delete"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-xs btn-ghost text-error">Remove</button></form></td></tr>{{/RUNNER}}
        </tbody>
      </table>
    </div></div>
    <div class="card bg-base-100 shadow-sm"><div class="card-body">
      <h2 class="card-title text-base">Images for runs-on labels</h2>
      <p class="text-sm text-base-content/70">A job without <code class="font-mono">container:</code> runs in the image of its first label here, or in ACTIONS_IMAGE.</p>
      <table class="table table-sm" data-testid="images"><tbody>{{#IMAGE}}<tr><td class="font-mono">{{LABEL}}</td><td class="font-mono">{{IMAGE_NAME}}</td></tr>{{/IMAGE}}</tbody></table>
      <form method="post" action="{{P}}/admin/runners/images" class="join">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input class="input input-sm join-item font-mono" name="label" placeholder="ubuntu-latest" required>
        <input class="input input-sm join-item font-mono" name="image" placeholder="debian:bookworm-slim (empty removes)">
        <button class="btn btn-sm join-item">Save</button>
      </form>
    </div></div>
  </div>
</div>
