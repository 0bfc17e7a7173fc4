{{%AUTOESCAPE context="HTML"}}
<form class="join" action="{{WATCH_URL}}" method="post" hx-post="{{WATCH_URL}}" hx-swap="outerHTML" data-testid="watch">
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{#WATCHING}}<input type="hidden" name="watch" value="0"><button class="btn btn-sm join-item" type="submit">Unwatch</button>{{/WATCHING}}
  {{#NOT_WATCHING}}<input type="hidden" name="watch" value="1"><button class="btn btn-sm join-item" type="submit">Watch</button>{{/NOT_WATCHING}}
  <span class="btn btn-sm join-item pointer-events-none" aria-label="Watchers">{{WATCHERS}}</span>
</form>
