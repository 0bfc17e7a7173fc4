{{%AUTOESCAPE context="HTML"}}
<div class="flex justify-center py-6 sm:py-12">
  <div class="card bg-base-100 w-full max-w-sm shadow-sm">
    {{#OPEN}}
    <form class="card-body gap-4" action="{{P}}/auth/signup" method="post">
      <h1 class="card-title text-2xl">Create your account</h1>
      {{#FIRST_USER}}<div role="alert" class="alert alert-info alert-soft"><span>You are the first user: this account will administer the site.</span></div>{{/FIRST_USER}}
      {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="floating-label">
        <span>Username</span>
        <input class="input w-full" type="text" name="username" value="{{USERNAME}}" placeholder="Username" autocomplete="username" autocapitalize="none" pattern="[a-z0-9](?:[a-z0-9\-]{0,37}[a-z0-9])?" maxlength="39" required autofocus>
      </label>
      <p class="text-xs text-base-content/60 -mt-2">Lowercase letters, digits and hyphens.</p>
      <label class="floating-label">
        <span>Email</span>
        <input class="input w-full" type="email" name="email" value="{{EMAIL}}" placeholder="Email" autocomplete="email" required>
      </label>
      <label class="floating-label">
        <span>Password</span>
        <input class="input w-full" type="password" name="password" placeholder="Password (8 characters or more)" autocomplete="new-password" minlength="8" required>
      </label>
      <button class="btn btn-primary w-full" type="submit">Create account</button>
      <p class="text-sm text-center text-base-content/70">Already have an account? <a class="link link-primary" href="{{P}}/signin">Sign in</a></p>
    </form>
    {{/OPEN}}
    {{#CLOSED}}
    <div class="card-body">
      <h1 class="card-title text-2xl">Sign-up is closed</h1>
      <p class="text-base-content/70">Accounts on this site are created by its administrators. Ask one of them for an account.</p>
      {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
      <a class="btn btn-primary" href="{{P}}/signin">Sign in</a>
    </div>
    {{/CLOSED}}
  </div>
</div>
