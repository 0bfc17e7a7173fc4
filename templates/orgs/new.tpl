{{%AUTOESCAPE context="HTML"}}
<form class="card bg-base-100 shadow-sm max-w-xl mx-auto" action="{{P}}/orgs/new" method="post">
  <div class="card-body gap-3">
    <h1 class="card-title">New organization</h1>
    {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <label class="floating-label">
      <span>Organization name</span>
      <input class="input w-full" type="text" name="username" value="{{FORM_USERNAME}}" placeholder="Organization name" maxlength="39" required>
    </label>
    <p class="text-sm text-base-content/70">Lowercase letters, digits and hyphens; it is the first part of its repositories' addresses.</p>
    <label class="floating-label">
      <span>Display name (optional)</span>
      <input class="input w-full" type="text" name="full_name" value="{{FORM_FULL_NAME}}" placeholder="Display name (optional)" maxlength="255">
    </label>
    <label class="floating-label">
      <span>Description (optional)</span>
      <textarea class="textarea w-full" name="description" placeholder="Description (optional)" maxlength="1000">
{{FORM_DESCRIPTION:pre_escape}}</textarea>
    </label>
    <button class="btn btn-primary" type="submit">Create organization</button>
  </div>
</form>
