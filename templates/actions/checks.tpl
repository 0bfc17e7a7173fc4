{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm" data-testid="checks" data-status="{{STATUS}}" {{#LIVE}}hx-get="{{SELF_URL}}" hx-trigger="every 3s" hx-swap="outerHTML"{{/LIVE}}>
  <div class="px-4 py-2 border-b border-base-300 flex items-center gap-2"><span class="{{STATUS_CLASS}}">{{STATUS_ICON}}</span><span class="font-medium">{{SUMMARY}}</span></div>
  <ul class="list">
    {{#RUN}}<li class="list-row items-center py-2"><span class="{{STATUS_CLASS}}" title="{{STATUS_WORD}}">{{STATUS_ICON}}</span><a class="link link-hover list-col-grow" href="{{URL}}">{{NAME}} #{{NUMBER}}</a><span class="text-xs text-base-content/60">{{EVENT}} · {{DURATION}}</span></li>{{/RUN}}
  </ul>
</div>
