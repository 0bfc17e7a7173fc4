{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="flex-1 flex flex-col gap-6">
    <div class="card bg-base-100 shadow-sm">
      <form class="card-body gap-4 max-w-md" action="{{P}}/settings/password" method="post">
        <h1 class="card-title">Change password</h1>
        <p class="text-sm text-base-content/70">Changing it signs {{USERNAME}} out of every other browser and device.</p>
        {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <label class="floating-label">
          <span>Current password</span>
          <input class="input w-full" type="password" name="current_password" placeholder="Current password" autocomplete="current-password" required>
        </label>
        <label class="floating-label">
          <span>New password</span>
          <input class="input w-full" type="password" name="new_password" placeholder="New password (8 characters or more)" autocomplete="new-password" minlength="8" required>
        </label>
        <div><button class="btn btn-primary" type="submit">Change password</button></div>
      </form>
    </div>
  </div>
</div>
