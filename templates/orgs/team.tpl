{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-4">
  {{>NAV}}
  <div>
    <h1 class="text-xl font-bold" data-testid="team-name">{{NAME}}</h1>
    {{#HAS_DESCRIPTION}}<p class="text-base-content/70">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
    <p class="text-sm">Gives <strong>{{PERMISSION}}</strong> access to repositories added without a role of their own.</p>
  </div>
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
  <div class="grid md:grid-cols-2 gap-4">
    <section class="card bg-base-100 shadow-sm"><div class="card-body gap-3">
      <h2 class="card-title">Members</h2>
      <ul class="flex flex-col gap-2" data-testid="team-members">
        {{#MEMBER}}
        <li class="flex items-center gap-2" data-member="{{USERNAME}}">
          <img src="{{P}}/avatars/{{USERNAME}}" alt="" class="size-6 rounded-full">
          <a class="link link-hover flex-1" href="{{P}}/{{USERNAME}}">{{USERNAME}}</a>
          {{#CAN_MANAGE}}<form action="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}/members/{{USERNAME}}/remove" method="post">
            <input type="hidden" name="csrf_token" value="{{CSRF}}">
            <button class="btn btn-xs btn-ghost text-error" type="submit">Remove</button></form>{{/CAN_MANAGE}}
        </li>
        {{/MEMBER}}
        {{#NO_MEMBERS}}<li class="text-base-content/70">No members yet.</li>{{/NO_MEMBERS}}
      </ul>
      {{#CAN_MANAGE}}
      <form action="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}/members" method="post" class="join">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input class="input input-sm join-item flex-1" type="text" name="username" placeholder="Username" aria-label="Username" required>
        <button class="btn btn-sm join-item" type="submit">Add member</button>
      </form>
      {{/CAN_MANAGE}}
    </div></section>
    <section class="card bg-base-100 shadow-sm"><div class="card-body gap-3">
      <h2 class="card-title">Repositories</h2>
      <ul class="flex flex-col gap-2" data-testid="team-repos">
        {{#TEAM_REPO}}
        <li class="flex items-center gap-2" data-repo="{{FULL_NAME}}">
          <a class="link link-hover flex-1" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a>
          <span class="badge badge-sm">{{ROLE}}</span>
          {{#CAN_MANAGE}}<form action="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}/repos/{{REPO_NAME}}/remove" method="post">
            <input type="hidden" name="csrf_token" value="{{CSRF}}">
            <button class="btn btn-xs btn-ghost text-error" type="submit">Remove</button></form>{{/CAN_MANAGE}}
        </li>
        {{/TEAM_REPO}}
        {{#NO_REPOS}}<li class="text-base-content/70">No repositories yet.</li>{{/NO_REPOS}}
      </ul>
      {{#CAN_MANAGE}}
      <form action="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}/repos" method="post" class="flex gap-2">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input class="input input-sm flex-1" type="text" name="repo" placeholder="Repository name" aria-label="Repository name" required>
        <select name="permission" class="select select-sm w-24" aria-label="Role">
          <option value="">team default ({{PERMISSION}})</option><option value="read">read</option><option value="write">write</option><option value="admin">admin</option>
        </select>
        <button class="btn btn-sm" type="submit">Add</button>
      </form>
      {{/CAN_MANAGE}}
    </div></section>
  </div>
  {{#CAN_MANAGE}}
  <form action="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}/delete" method="post">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <button class="btn btn-outline btn-error btn-sm" type="submit">Delete team</button>
  </form>
  {{/CAN_MANAGE}}
</div>
