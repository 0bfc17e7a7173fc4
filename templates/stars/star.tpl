{{%AUTOESCAPE context="HTML"}}
<form class="join" action="{{STAR_URL}}" method="post" hx-post="{{STAR_URL}}" hx-swap="outerHTML" data-testid="star">
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{#STARRED}}<input type="hidden" name="star" value="0"><button class="btn btn-sm join-item" type="submit">Unstar</button>{{/STARRED}}
  {{#NOT_STARRED}}<input type="hidden" name="star" value="1"><button class="btn btn-sm join-item" type="submit">Star</button>{{/NOT_STARRED}}
  <span class="btn btn-sm join-item pointer-events-none" aria-label="Stars">{{STARS}}</span>
</form>
