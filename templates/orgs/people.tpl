{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-4">
  {{>NAV}}
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
  <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="member-list">
    {{#MEMBER}}
    <li class="list-row items-center" data-member="{{USERNAME}}">
      <img src="{{P}}/avatars/{{USERNAME}}" alt="" class="size-8 rounded-full">
      <a class="list-col-grow link link-hover font-medium" href="{{P}}/{{USERNAME}}">{{USERNAME}}</a>
      <span class="badge badge-sm {{#IS_OWNER}}badge-primary{{/IS_OWNER}}">{{ROLE}}</span>
      {{#CAN_MANAGE}}
      <form action="{{P}}/orgs/{{ORG}}/people" method="post" class="flex gap-1">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input type="hidden" name="username" value="{{USERNAME}}">
        <select name="role" class="select select-xs w-28" aria-label="Role of {{USERNAME}}">
          <option value="member" {{#IS_MEMBER}}selected{{/IS_MEMBER}}>member</option>
          <option value="owner" {{#IS_OWNER}}selected{{/IS_OWNER}}>owner</option>
        </select>
        <button class="btn btn-xs" type="submit">Change</button>
      </form>
      {{/CAN_MANAGE}}
      {{#CAN_REMOVE}}
      <form action="{{P}}/orgs/{{ORG}}/people/{{USERNAME}}/remove" method="post">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <button class="btn btn-xs btn-ghost text-error" type="submit">{{REMOVE_LABEL}}</button>
      </form>
      {{/CAN_REMOVE}}
    </li>
    {{/MEMBER}}
  </ul>
  {{#CAN_MANAGE}}
  <form class="card bg-base-100 shadow-sm" action="{{P}}/orgs/{{ORG}}/people" method="post">
    <div class="card-body gap-3 sm:flex-row sm:items-end">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="floating-label flex-1"><span>Username</span>
        <input class="input w-full" type="text" name="username" placeholder="Username" required></label>
      <select name="role" class="select w-full sm:w-36" aria-label="Role">
        <option value="member">member</option>
        <option value="owner">owner</option>
      </select>
      <button class="btn btn-primary" type="submit">Add member</button>
    </div>
  </form>
  {{/CAN_MANAGE}}
</div>
