{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-4">
  {{>NAV}}
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
  <form class="card bg-base-100 shadow-sm" action="{{P}}/orgs/{{ORG}}/settings" method="post">
    <div class="card-body gap-3">
      <h2 class="card-title">Profile</h2>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="floating-label"><span>Display name</span>
        <input class="input w-full" type="text" name="full_name" value="{{FULL_NAME}}" placeholder="Display name" maxlength="255"></label>
      <label class="floating-label"><span>Description</span>
        <textarea class="textarea w-full" name="description" placeholder="Description" maxlength="1000">
{{DESCRIPTION:pre_escape}}</textarea></label>
      <label class="floating-label"><span>Website</span>
        <input class="input w-full" type="url" name="website" value="{{WEBSITE}}" placeholder="https://…" maxlength="255"></label>
      <label class="flex items-center gap-2">Base permission of every member on the organization's repositories
        <select name="base_permission" class="select select-sm w-28">
          {{#BASE_OPTION}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/BASE_OPTION}}
        </select>
      </label>
      <div><button class="btn btn-primary" type="submit">Save</button></div>
    </div>
  </form>
  {{>AVATAR_FORM}}
</div>
