{{%AUTOESCAPE context="HTML"}}
<div class="flex justify-center py-6 sm:py-12">
  <div class="card bg-base-100 w-full max-w-sm shadow-sm">
    <form class="card-body gap-4" action="{{P}}/auth/signin" method="post">
      <h1 class="card-title text-2xl">Sign in to Skyscape</h1>
      {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="next" value="{{NEXT}}">
      <label class="floating-label">
        <span>Username or email</span>
        <input class="input w-full" type="text" name="username" value="{{LOGIN}}" placeholder="Username or email" autocomplete="username" autocapitalize="none" required autofocus>
      </label>
      <label class="floating-label">
        <span>Password</span>
        <input class="input w-full" type="password" name="password" placeholder="Password" autocomplete="current-password" required>
      </label>
      <button class="btn btn-primary w-full" type="submit">Sign in</button>
      <p class="text-sm text-center text-base-content/70">New here? <a class="link link-primary" href="{{P}}/signup">Create an account</a></p>
    </form>
  </div>
</div>
