{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="flex-1 flex flex-col gap-6">
    <form class="card bg-base-100 shadow-sm" action="{{P}}/settings/profile" method="post">
      <div class="card-body gap-3 max-w-xl">
        <h1 class="card-title">Public profile</h1>
        <p class="text-sm text-base-content/70">Shown on <a class="link" href="{{P}}/{{USERNAME}}">your profile</a> and beside your name.</p>
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <label class="floating-label"><span>Name</span>
          <input class="input w-full" type="text" name="full_name" value="{{FULL_NAME}}" placeholder="Name" maxlength="255"></label>
        <label class="floating-label"><span>Bio</span>
          <textarea class="textarea w-full" name="bio" placeholder="Bio" maxlength="1000">
{{BIO:pre_escape}}</textarea></label>
        <label class="floating-label"><span>Website</span>
          <input class="input w-full" type="url" name="website" value="{{WEBSITE}}" placeholder="https://…" maxlength="255"></label>
        <div><button class="btn btn-primary" type="submit">Save profile</button></div>
      </div>
    </form>
    {{>AVATAR_FORM}}
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
