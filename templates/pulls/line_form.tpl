{{%AUTOESCAPE context="HTML"}}
<tr data-note><td colspan="4" class="px-3 py-2 bg-base-200">
  <form class="card bg-base-100 shadow-sm" action="{{ACTION}}" method="post" hx-post="{{ACTION}}" hx-target="closest tr" hx-swap="outerHTML" data-testid="line-form">
    <div class="card-body p-3 gap-2">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input type="hidden" name="path" value="{{PATH}}">
      <input type="hidden" name="side" value="{{SIDE}}">
      <input type="hidden" name="line" value="{{LINE}}">
      <input type="hidden" name="fragment" value="row">
      <p class="text-xs text-base-content/60">Comment on <code class="font-mono">{{PATH}}:{{LINE}}</code>{{#OLD_SIDE}} (old version){{/OLD_SIDE}}</p>
      <textarea class="textarea w-full h-20" name="body" placeholder="Leave a comment (Markdown)" aria-label="Line comment" required autofocus></textarea>
      <div class="flex justify-end gap-2">
        <button class="btn btn-sm btn-ghost" type="button" data-dismiss-row>Cancel</button>
        <button class="btn btn-sm btn-primary" type="submit">Comment</button>
      </div>
    </div>
  </form>
</td></tr>
