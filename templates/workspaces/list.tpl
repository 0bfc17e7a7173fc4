{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-4">
  <div class="flex items-center gap-3">
    <h1 class="text-2xl font-semibold flex-1">Your workspaces</h1>
  </div>
  <p class="text-sm text-base-content/70">VS Code in the browser on a clone of a repository, in a sandbox of its own. Open one from a repository's <strong>Code</strong> panel. Its files stay when it stops; deleting it first saves what you had not pushed to <code>refs/workspaces/&lt;name&gt;/</code> in the repository.</p>
  {{#HAS_UNAVAILABLE}}<div role="alert" class="alert alert-warning alert-soft" data-testid="workspaces-unavailable"><span>{{UNAVAILABLE}}</span></div>{{/HAS_UNAVAILABLE}}
  {{#NONE}}<div class="card bg-base-100 shadow-sm"><div class="card-body"><p class="text-base-content/70" data-testid="no-workspaces">You have no workspaces.</p></div></div>{{/NONE}}
  {{#SOME}}
  <div class="card bg-base-100 shadow-sm overflow-x-auto">
    <table class="table" data-testid="workspaces">
      <thead><tr><th>Workspace</th><th>Repository</th><th>Branch</th><th>State</th><th>Last used</th><th>Disk</th><th></th></tr></thead>
      <tbody>
        {{#WORKSPACE}}
        <tr data-workspace="{{ID}}">
          <td class="font-mono text-sm">{{ID}}</td>
          <td><a class="link link-hover" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a></td>
          <td class="font-mono text-sm">{{REF}}</td>
          <td><span class="badge {{BADGE}} badge-sm" data-testid="state" title="{{MESSAGE}}">{{STATE}}</span></td>
          <td>{{LAST_USED}}</td>
          <td>{{DISK}}</td>
          <td class="flex flex-wrap gap-1 justify-end">
            <a class="btn btn-primary btn-xs" href="{{P}}/coder/{{ID}}/" hx-boost="false">Open</a>
            {{#RUNNING}}<form action="{{P}}/workspaces/{{ID}}/stop" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-xs" type="submit">Stop</button></form>{{/RUNNING}}
            {{#STOPPED}}<form action="{{P}}/workspaces/{{ID}}/start" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-xs" type="submit">Start</button></form>{{/STOPPED}}
            <form action="{{P}}/workspaces/{{ID}}/rebuild" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-xs" type="submit">Rebuild</button></form>
            <form action="{{P}}/workspaces/{{ID}}/delete" method="post" onsubmit="return confirm('Delete workspace {{ID:javascript_escape}}? What it has not pushed is saved to the repository first.')"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-error btn-outline btn-xs" type="submit">Delete</button></form>
          </td>
        </tr>
        {{/WORKSPACE}}
      </tbody>
    </table>
  </div>
  {{/SOME}}
</div>
