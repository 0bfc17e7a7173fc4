{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="card bg-base-100 shadow-sm flex-1">
    <form class="card-body gap-4" action="{{P}}/admin/settings" method="post">
      <h1 class="card-title">Site settings</h1>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="label gap-3 cursor-pointer">
        <input type="checkbox" class="toggle toggle-primary" name="open_signup" {{#OPEN_SIGNUP}}checked{{/OPEN_SIGNUP}}>
        <span>Anyone may create an account (open sign-up)</span>
      </label>
      <label class="label gap-3 cursor-pointer">
        <input type="checkbox" class="toggle toggle-primary" name="org_creation" {{#ORG_CREATION}}checked{{/ORG_CREATION}}>
        <span>Any user may create organizations (otherwise only site administrators)</span>
      </label>
      <div><button class="btn btn-primary" type="submit">Save</button></div>
    </form>
  </div>
</div>
