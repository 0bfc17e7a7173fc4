{{%AUTOESCAPE context="HTML"}}
<div class="flex items-center gap-2 mb-4">
  <h1 class="text-xl font-bold flex-1">Notifications</h1>
  {{#EMAIL}}
  <form action="{{EMAIL_URL}}" method="post">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    {{#EMAIL_ON}}<input type="hidden" name="email" value="off"><button class="btn btn-sm btn-ghost" type="submit">Stop emailing me</button>{{/EMAIL_ON}}
    {{#EMAIL_OFF}}<input type="hidden" name="email" value="on"><button class="btn btn-sm btn-ghost" type="submit">Email me too</button>{{/EMAIL_OFF}}
  </form>
  {{/EMAIL}}
  <form action="{{READ_ALL_URL}}" method="post">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <button class="btn btn-sm" type="submit">Mark all as read</button>
  </form>
</div>
<div class="card bg-base-100 shadow-sm">
  {{#NONE}}<div class="card-body text-base-content/70">Nothing yet. You hear here when someone mentions you, assigns you, asks for your review, comments where you take part, or opens something in a repository you watch.</div>{{/NONE}}
  <ul class="list" data-testid="notifications">
    {{#ITEM}}
    <li class="list-row items-center">
      {{#UNREAD}}<span class="status status-primary" aria-label="Unread"></span>{{/UNREAD}}
      <div class="list-col-grow min-w-0">
        <a class="link link-hover {{#UNREAD}}font-semibold{{/UNREAD}}" href="{{URL}}">{{TITLE}}</a>
        <div class="text-xs text-base-content/60">{{WHERE}} · {{WHY}} · {{WHEN}}</div>
      </div>
    </li>
    {{/ITEM}}
  </ul>
</div>
