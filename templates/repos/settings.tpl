{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-6 max-w-3xl">
  <form class="card bg-base-100 shadow-sm" action="{{P}}/{{FULL_NAME}}/settings" method="post">
    <div class="card-body gap-4">
      <h2 class="card-title">General</h2>
      {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="floating-label">
        <span>Description</span>
        <input class="input w-full" type="text" name="description" value="{{DESCRIPTION}}" placeholder="Description" maxlength="1000">
      </label>
      <div class="flex gap-4">
        <label class="label gap-2 cursor-pointer"><input type="radio" class="radio radio-sm" name="visibility" value="public" {{#PUBLIC}}checked{{/PUBLIC}}> Public</label>
        <label class="label gap-2 cursor-pointer"><input type="radio" class="radio radio-sm" name="visibility" value="private" {{#PRIVATE}}checked{{/PRIVATE}}> Private</label>
      </div>
      <label class="floating-label">
        <span>Default branch</span>
        <input class="input w-full font-mono" type="text" name="default_branch" value="{{DEFAULT_BRANCH}}" list="branches" placeholder="Default branch" required>
        <datalist id="branches">{{#BRANCH}}<option value="{{BRANCH_NAME}}">{{/BRANCH}}</datalist>
      </label>
      <div><button class="btn btn-primary" type="submit">Save</button></div>
    </div>
  </form>

  <div class="card bg-base-100 shadow-sm">
    <div class="card-body flex-row items-center gap-4">
      <div class="flex-1"><h2 class="card-title">Action secrets</h2><p class="text-sm text-base-content/70">Values jobs of this repository read as secrets, encrypted and write-only.</p></div>
      <a class="btn btn-sm" href="{{P}}/{{FULL_NAME}}/settings/secrets" data-testid="secrets-link">Manage secrets</a>
    </div>
  </div>

  <div class="card bg-base-100 shadow-sm">
    <div class="card-body gap-4">
      <h2 class="card-title">Collaborators</h2>
      <div class="overflow-x-auto">
        <table class="table" data-testid="collaborators">
          <thead><tr><th>User</th><th>Role</th><th></th></tr></thead>
          <tbody>
            {{#COLLABORATOR}}
            <tr data-testid="collaborator-{{USERNAME}}">
              <td><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{USERNAME}}"><img src="{{P}}/avatars/{{USERNAME}}" alt="" class="size-5 rounded-full">{{USERNAME}}</a></td>
              <td>
                <form action="{{P}}/{{FULL_NAME}}/collaborators" method="post" class="flex gap-2">
                  <input type="hidden" name="csrf_token" value="{{CSRF}}">
                  <input type="hidden" name="username" value="{{USERNAME}}">
                  <select class="select select-sm w-28" name="role" aria-label="Role of {{USERNAME}}">
                    {{#ROLE_OPTION}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/ROLE_OPTION}}
                  </select>
                  <button class="btn btn-sm" type="submit">Change</button>
                </form>
              </td>
              <td class="text-right">
                <form action="{{P}}/{{FULL_NAME}}/collaborators/{{USERNAME}}/remove" method="post">
                  <input type="hidden" name="csrf_token" value="{{CSRF}}">
                  <button class="btn btn-sm btn-ghost text-error" type="submit">Remove</button>
                </form>
              </td>
            </tr>
            {{/COLLABORATOR}}
            {{#TEAM}}
            <tr data-testid="team-{{ORG}}-{{SLUG}}">
              <td class="font-medium"><a class="link link-hover" href="{{P}}/orgs/{{ORG}}/teams/{{SLUG}}">{{ORG}}/{{SLUG}}</a> <span class="badge badge-sm badge-ghost">team</span></td>
              <td>{{ROLE}}</td>
              <td class="text-right text-xs text-base-content/60">managed on the team's page</td>
            </tr>
            {{/TEAM}}
          </tbody>
        </table>
      </div>
      {{#ORG_OWNED}}<p class="text-sm text-base-content/70">Owners of {{OWNER}} administer it, and its members have the organization's base permission.</p>{{/ORG_OWNED}}
      <form action="{{P}}/{{FULL_NAME}}/collaborators" method="post" class="join w-full max-w-lg">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input class="input join-item w-full" type="text" name="username" placeholder="Username" required>
        <select class="select join-item w-28" name="role" aria-label="Role">
          <option value="read">read</option><option value="write" selected>write</option><option value="admin">admin</option>
        </select>
        <button class="btn btn-primary join-item" type="submit">Add</button>
      </form>
    </div>
  </div>

  <div hx-get="{{P}}/{{FULL_NAME}}/search/status" hx-trigger="load" hx-swap="outerHTML"></div>

  <form class="card bg-base-100 shadow-sm" action="{{P}}/{{FULL_NAME}}/settings/rename" method="post">
    <div class="card-body gap-3">
      <h2 class="card-title">Rename</h2>
      <p class="text-sm text-base-content/70">The old name keeps leading here — pages, the API and git — until another repository of {{OWNER}} takes it.</p>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <div class="join w-full max-w-lg">
        <input class="input join-item w-full font-mono" type="text" name="name" value="{{NAME}}" aria-label="New name" required maxlength="100">
        <button class="btn join-item" type="submit">Rename</button>
      </div>
    </div>
  </form>

  <form class="card bg-base-100 shadow-sm border border-error/40" action="{{P}}/{{FULL_NAME}}/settings/transfer" method="post">
    <div class="card-body gap-3">
      <h2 class="card-title text-error">Transfer ownership</h2>
      <p class="text-sm text-base-content/70">The new owner becomes its admin; collaborators keep their roles, and {{FULL_NAME}} leads to its new name. Type <code class="font-mono">{{FULL_NAME}}</code> to confirm.</p>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <div class="join w-full max-w-lg">
        <input class="input join-item w-40" type="text" name="new_owner" placeholder="New owner" aria-label="New owner" required>
        <input class="input join-item w-full font-mono" type="text" name="confirm" placeholder="{{FULL_NAME}}" aria-label="Repository name to confirm" required>
        <button class="btn btn-error join-item" type="submit">Transfer</button>
      </div>
    </div>
  </form>

  <form class="card bg-base-100 shadow-sm border border-error/40" action="{{P}}/{{FULL_NAME}}/delete" method="post">
    <div class="card-body gap-3">
      <h2 class="card-title text-error">Delete this repository</h2>
      <p class="text-sm text-base-content/70">This removes the repository and its history for good. Type <code class="font-mono">{{FULL_NAME}}</code> to confirm.</p>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <div class="join w-full max-w-lg">
        <input class="input join-item w-full font-mono" type="text" name="confirm" placeholder="{{FULL_NAME}}" aria-label="Repository name to confirm" required>
        <button class="btn btn-error join-item" type="submit">Delete</button>
      </div>
    </div>
  </form>
</div>
