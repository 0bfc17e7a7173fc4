{{%AUTOESCAPE context="HTML"}}
<form id="create-repo" class="card bg-base-100 shadow-sm" action="{{P}}/repos/create" method="post"
      hx-post="{{P}}/repos/create" hx-target="this" hx-swap="outerHTML">
  <div class="card-body gap-3">
    <h2 class="card-title">New repository</h2>
    {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <div class="flex items-center gap-1">
      <select class="select w-36 shrink-0" name="owner" aria-label="Owner" data-testid="owner-picker">
        {{#OWNER_OPTION}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/OWNER_OPTION}}
      </select>
      <span class="text-lg">/</span>
      <label class="floating-label flex-1 min-w-0">
        <span>Name</span>
        <input class="input w-full" type="text" name="name" value="{{FORM_NAME}}" placeholder="Name" maxlength="100" required>
      </label>
    </div>
    <label class="floating-label">
      <span>Description (optional)</span>
      <input class="input w-full" type="text" name="description" value="{{FORM_DESCRIPTION}}" placeholder="Description (optional)" maxlength="1000">
    </label>
    <div class="flex gap-4">
      <label class="label gap-2 cursor-pointer"><input type="radio" class="radio radio-sm" name="visibility" value="public" {{#FORM_PUBLIC}}checked{{/FORM_PUBLIC}}> Public</label>
      <label class="label gap-2 cursor-pointer"><input type="radio" class="radio radio-sm" name="visibility" value="private" {{#FORM_PRIVATE}}checked{{/FORM_PRIVATE}}> Private</label>
    </div>
    <label class="label gap-2 cursor-pointer"><input type="checkbox" class="checkbox checkbox-sm" name="init_readme"> Add a README</label>
    <button class="btn btn-primary" type="submit">Create repository</button>
  </div>
</form>
