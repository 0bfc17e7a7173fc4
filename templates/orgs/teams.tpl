{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-4">
  {{>NAV}}
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
  {{#NO_TEAMS}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">No teams yet.</div></div>{{/NO_TEAMS}}
  {{#HAS_TEAMS}}
  <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="team-list">
    {{#TEAM}}
    <li class="list-row items-center" data-team="{{SLUG}}">
      <div class="list-col-grow min-w-0">
        <a class="link link-hover font-semibold text-primary" href="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}">{{NAME}}</a>
        {{#HAS_DESCRIPTION}}<p class="text-sm text-base-content/70 truncate">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
      </div>
      <span class="badge badge-sm">{{PERMISSION}}</span>
      <span class="text-xs text-base-content/60 whitespace-nowrap">{{MEMBERS}} · {{REPOS}}</span>
    </li>
    {{/TEAM}}
  </ul>
  {{/HAS_TEAMS}}
  {{#CAN_MANAGE}}
  <form class="card bg-base-100 shadow-sm" action="{{P}}/orgs/{{ORG}}/teams" method="post">
    <div class="card-body gap-3">
      <h2 class="card-title">New team</h2>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="floating-label"><span>Team name</span>
        <input class="input w-full" type="text" name="name" placeholder="Team name" maxlength="255" required></label>
      <label class="floating-label"><span>Description (optional)</span>
        <input class="input w-full" type="text" name="description" placeholder="Description (optional)" maxlength="1000"></label>
      <label class="flex items-center gap-2">Permission on the repositories it is given
        <select name="permission" class="select select-sm w-32">
          <option value="read">read</option><option value="write">write</option><option value="admin">admin</option>
        </select>
      </label>
      <div><button class="btn btn-primary" type="submit">Create team</button></div>
    </div>
  </form>
  {{/CAN_MANAGE}}
</div>
