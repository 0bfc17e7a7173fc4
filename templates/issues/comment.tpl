{{%AUTOESCAPE context="HTML"}}
<article class="card bg-base-100 shadow-sm" id="comment-{{COMMENT_ID}}" data-testid="comment">
  <div class="flex items-center gap-2 px-4 py-2 border-b border-base-300 text-sm">
    <a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{COMMENT_AUTHOR}}"><img src="{{P}}/avatars/{{COMMENT_AUTHOR}}" alt="" class="size-5 rounded-full">{{COMMENT_AUTHOR}}</a>
    <a class="link link-hover text-base-content/60" href="#comment-{{COMMENT_ID}}">commented {{COMMENT_WHEN}}</a>
    {{#REPLY}}<a class="text-xs link text-base-content/60" href="#comment-{{PARENT_ID}}">in reply</a>{{/REPLY}}
    <span class="flex-1"></span>
    {{#CAN_DELETE}}
    <form action="{{COMMENT_ACTION}}/delete" method="post" hx-confirm="Delete this comment?">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <button class="btn btn-ghost btn-xs text-error" type="submit">Delete</button>
    </form>
    {{/CAN_DELETE}}
  </div>
  <div class="markdown px-4 py-3">{{COMMENT_HTML:none}}</div>
  {{#CAN_EDIT}}
  <details class="px-4 pb-2 text-sm">
    <summary class="cursor-pointer text-base-content/60">Edit</summary>
    <form class="flex flex-col gap-2 mt-2" action="{{COMMENT_ACTION}}/edit" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <textarea class="textarea textarea-sm w-full h-24" name="body" aria-label="Edit comment" required>
{{COMMENT_BODY:pre_escape}}</textarea>
      <button class="btn btn-sm self-end" type="submit">Save</button>
    </form>
  </details>
  {{/CAN_EDIT}}
  {{#CAN_REPLY}}
  <details class="px-4 pb-2 text-sm">
    <summary class="cursor-pointer text-base-content/60">Reply</summary>
    <form class="flex gap-2 mt-2" action="{{REPLY_ACTION}}" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="parent_id" value="{{REPLY_TO}}">
      <input class="input input-sm flex-1" name="body" placeholder="Reply" aria-label="Reply" required>
      <button class="btn btn-sm" type="submit">Reply</button>
    </form>
  </details>
  {{/CAN_REPLY}}
</article>
