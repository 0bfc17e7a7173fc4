{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm" id="workspace-status" data-testid="workspace-status"{{#PROGRESSING}} hx-get="{{P}}/coder/{{ID}}/status" hx-trigger="every 1s" hx-swap="outerHTML"{{/PROGRESSING}}>
  <div class="card-body gap-3">
    <div class="flex items-center gap-3">
      {{#PROGRESSING}}<span class="loading loading-spinner loading-sm"></span>{{/PROGRESSING}}
      <span class="badge {{BADGE}}" data-testid="state">{{STATE}}</span>
      <span data-testid="message">{{MESSAGE}}</span>
    </div>
    {{#FAILED}}
    <div class="flex gap-2">
      <form action="{{P}}/workspaces/{{ID}}/start" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-primary btn-sm" type="submit">Try again</button></form>
      <form action="{{P}}/workspaces/{{ID}}/rebuild" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm" type="submit">Rebuild</button></form>
    </div>
    {{/FAILED}}
    {{#RESUMABLE}}<form action="{{P}}/workspaces/{{ID}}/start" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-primary btn-sm" type="submit">Start</button></form>{{/RESUMABLE}}
  </div>
</div>
