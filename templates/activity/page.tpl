{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<ul class="list bg-base-100 rounded-box shadow-sm" data-testid="activity" hx-get="{{FEED_URL}}" hx-trigger="load, every 15s" hx-swap="innerHTML">
  <li class="p-4"><span class="loading loading-spinner loading-sm" aria-label="Loading"></span></li>
</ul>
