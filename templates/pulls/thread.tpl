{{%AUTOESCAPE context="HTML"}}
<div class="card bg-base-100 shadow-sm font-sans" data-testid="line-thread" data-thread id="line-comment-{{THREAD_ID}}">
  <div class="px-4 py-2 border-b border-base-300 text-sm flex items-center gap-2">
    <code class="font-mono">{{THREAD_PATH}}:{{THREAD_LINE}}</code>
    {{#OLD_SIDE}}<span class="badge badge-ghost badge-sm">old</span>{{/OLD_SIDE}}
    {{#OUTDATED}}<span class="badge badge-warning badge-sm">outdated</span>{{/OUTDATED}}
  </div>
  <pre class="px-4 py-1 text-xs bg-base-200 overflow-x-auto">{{THREAD_CODE}}</pre>
  {{#THREAD_COMMENT}}
  <div class="px-4 py-2 border-t border-base-200" data-testid="line-comment">
    <div class="text-sm"><strong>{{THREAD_AUTHOR}}</strong> <span class="text-base-content/60">{{THREAD_WHEN}}</span></div>
    <div class="markdown text-sm">{{THREAD_HTML:none}}</div>
  </div>
  {{/THREAD_COMMENT}}
  {{#CAN_REPLY}}
  <form class="flex gap-2 px-4 py-2 border-t border-base-200" action="{{THREAD_ACTION}}" method="post" hx-post="{{THREAD_ACTION}}" hx-target="closest [data-thread]" hx-swap="outerHTML">
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input type="hidden" name="in_reply_to" value="{{THREAD_ID}}">
    <input class="input input-sm flex-1" name="body" placeholder="Reply" aria-label="Reply" required>
    <button class="btn btn-sm" type="submit">Reply</button>
  </form>
  {{/CAN_REPLY}}
</div>
