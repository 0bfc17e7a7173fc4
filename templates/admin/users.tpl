{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col sm:flex-row gap-6">
  {{>NAV}}
  <div class="card bg-base-100 shadow-sm flex-1 min-w-0">
    <div class="card-body">
      <h1 class="card-title">Users</h1>
      <div class="overflow-x-auto">
        <table class="table">
          <thead><tr><th>User</th><th>Joined</th><th>Role</th><th>Status</th><th></th></tr></thead>
          <tbody>
            {{#USER_ROW}}
            <tr data-testid="user-{{USERNAME}}">
              <td><div class="font-medium">{{USERNAME}}</div><div class="text-sm text-base-content/60">{{EMAIL}}</div></td>
              <td>{{CREATED}}</td>
              <td>{{#IS_ADMIN}}<span class="badge badge-primary badge-soft">admin</span>{{/IS_ADMIN}}{{#NOT_ADMIN}}<span class="badge badge-ghost">user</span>{{/NOT_ADMIN}}</td>
              <td>{{#IS_DISABLED}}<span class="badge badge-error badge-soft">disabled</span>{{/IS_DISABLED}}{{#IS_ENABLED}}<span class="badge badge-success badge-soft">active</span>{{/IS_ENABLED}}</td>
              <td class="text-right">
                {{#SELF}}<span class="text-sm text-base-content/60">you</span>{{/SELF}}
                {{#OTHER}}
                <div class="flex gap-2 justify-end">
                  <form action="{{P}}/admin/users/{{ID}}/admin" method="post">
                    <input type="hidden" name="csrf_token" value="{{CSRF}}">
                    {{#NOT_ADMIN}}<input type="hidden" name="admin" value="on"><button class="btn btn-xs" type="submit">Make admin</button>{{/NOT_ADMIN}}
                    {{#IS_ADMIN}}<input type="hidden" name="admin" value="off"><button class="btn btn-xs" type="submit">Remove admin</button>{{/IS_ADMIN}}
                  </form>
                  <form action="{{P}}/admin/users/{{ID}}/disable" method="post">
                    <input type="hidden" name="csrf_token" value="{{CSRF}}">
                    {{#IS_ENABLED}}<input type="hidden" name="disabled" value="on"><button class="btn btn-xs btn-error btn-outline" type="submit">Disable</button>{{/IS_ENABLED}}
                    {{#IS_DISABLED}}<input type="hidden" name="disabled" value="off"><button class="btn btn-xs" type="submit">Enable</button>{{/IS_DISABLED}}
                  </form>
                </div>
                {{/OTHER}}
              </td>
            </tr>
            {{/USER_ROW}}
          </tbody>
        </table>
      </div>
    </div>
  </div>
</div>
