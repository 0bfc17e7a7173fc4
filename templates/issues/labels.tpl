{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="card bg-base-100 shadow-sm max-w-3xl">
  <ul class="list" data-testid="label-list">
    {{#LABEL_ROW}}
    <li class="list-row items-center">
      <a href="{{FILTER_URL}}"><span class="badge" data-label-color="{{LABEL_COLOR}}">{{LABEL_NAME}}</span></a>
      <div class="list-col-grow text-sm text-base-content/70">{{LABEL_DESCRIPTION}}</div>
      {{#CAN_EDIT}}
      <form action="{{ACTION}}/delete" method="post" hx-confirm="Delete the label {{LABEL_NAME}}?">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input type="hidden" name="name" value="{{LABEL_NAME}}">
        <button class="btn btn-ghost btn-xs text-error" type="submit">Delete</button>
      </form>
      {{/CAN_EDIT}}
    </li>
    {{/LABEL_ROW}}
  </ul>
  {{#CAN_EDIT}}
  <form class="flex flex-wrap gap-2 p-4 border-t border-base-300" action="{{ACTION}}" method="post">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input class="input input-sm w-40" name="name" placeholder="Name" aria-label="Name" required maxlength="50">
    <input class="input input-sm w-28 font-mono" name="color" placeholder="d73a4a" aria-label="Color" required pattern="#?[0-9a-fA-F]{6}">
    <input class="input input-sm flex-1" name="description" placeholder="Description" aria-label="Description" maxlength="200">
    <button class="btn btn-sm btn-primary" type="submit">Create label</button>
  </form>
  {{/CAN_EDIT}}
</div>
