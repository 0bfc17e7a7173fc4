{{%AUTOESCAPE context="HTML"}}
{{#NONE}}<li class="p-4 text-base-content/70">Nothing has happened yet.</li>{{/NONE}}
{{#ITEM}}
<li class="list-row items-center" data-testid="activity-item">
  <div class="list-col-grow min-w-0 text-sm">
    <a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{ACTOR}}"><img src="{{P}}/avatars/{{ACTOR}}" alt="" class="size-5 rounded-full">{{ACTOR}}</a> {{WHAT}}
    <a class="link link-hover" href="{{TARGET_URL}}">{{TARGET}}</a>
    {{#SHOW_REPO}}in <a class="link link-hover font-medium" href="{{REPO_URL}}">{{REPO}}</a>{{/SHOW_REPO}}
  </div>
  <span class="text-xs text-base-content/60 whitespace-nowrap">{{WHEN}}</span>
</li>
{{/ITEM}}
{{#HAS_MORE}}<li class="p-2"><button class="btn btn-sm btn-ghost w-full" hx-get="{{MORE_URL}}" hx-target="closest li" hx-swap="outerHTML">Older</button></li>{{/HAS_MORE}}
