{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="mb-4">
  <h2 class="text-2xl font-semibold" data-testid="issue-title">{{TITLE}} <span class="text-base-content/50 font-normal">#{{NUMBER}}</span></h2>
  <div class="flex flex-wrap items-center gap-2 mt-2 text-sm">
    {{#OPEN}}<span class="badge badge-success" data-testid="issue-state">Open</span>{{/OPEN}}
    {{#CLOSED}}<span class="badge badge-neutral" data-testid="issue-state" title="{{CLOSED_AS}}">Closed</span>{{/CLOSED}}
    <span class="text-base-content/70"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{AUTHOR}}"><img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-5 rounded-full">{{AUTHOR}}</a> opened this {{WHEN}}</span>
  </div>
</div>
<div class="grid gap-6 lg:grid-cols-[1fr_16rem]">
  <div class="flex flex-col gap-3 min-w-0">
    <article class="card bg-base-100 shadow-sm">
      <div class="px-4 py-2 border-b border-base-300 text-sm"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{AUTHOR}}"><img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-5 rounded-full">{{AUTHOR}}</a> <span class="text-base-content/60">wrote {{WHEN}}</span></div>
      <div class="markdown px-4 py-3" data-testid="issue-body">{{BODY_HTML:none}}</div>
    </article>
    <div class="flex flex-col gap-3" id="timeline" data-testid="timeline">
      {{#ITEM}}
      {{>COMMENT}}
      {{#EVENT}}<div class="text-sm text-base-content/70 px-4" data-testid="event"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{ACTOR}}"><img src="{{P}}/avatars/{{ACTOR}}" alt="" class="size-5 rounded-full">{{ACTOR}}</a> {{WHAT}}{{#LINK}} <a class="link" href="{{LINK_URL}}">{{LINK_TEXT}}</a>{{/LINK}} {{WHEN}}</div>{{/EVENT}}
      {{/ITEM}}
    </div>
    {{#CAN_COMMENT}}
    <form class="card bg-base-100 shadow-sm" action="{{HERE}}/comments" method="post" hx-post="{{HERE}}/comments" hx-target="#timeline" hx-swap="beforeend" data-reset-on-success>
      <div class="card-body gap-2">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <textarea class="textarea w-full h-28" name="body" placeholder="Leave a comment (Markdown)" aria-label="Comment" required></textarea>
        <div class="card-actions justify-end"><button class="btn btn-primary btn-sm" type="submit">Comment</button></div>
      </div>
    </form>
    {{/CAN_COMMENT}}
    {{#SIGN_IN_TO_COMMENT}}<p class="text-sm"><a class="link" href="{{SIGNIN_URL}}">Sign in</a> to comment.</p>{{/SIGN_IN_TO_COMMENT}}
  </div>
  <aside class="flex flex-col gap-4 text-sm">
    <section>
      <h3 class="font-semibold mb-1">Labels</h3>
      <div class="flex flex-wrap gap-1" data-testid="labels">{{#LABEL}}<span class="badge badge-sm" data-label-color="{{LABEL_COLOR}}" title="{{LABEL_DESCRIPTION}}">{{LABEL_NAME}}</span>{{/LABEL}}</div>
    </section>
    <section>
      <h3 class="font-semibold mb-1">Assignees</h3>
      {{#ASSIGNEE}}<div>{{ASSIGNEE_NAME}}</div>{{/ASSIGNEE}}
      {{#NO_ASSIGNEES}}<div class="text-base-content/60">No one</div>{{/NO_ASSIGNEES}}
    </section>
    {{#TRIAGE}}
    <form class="flex flex-col gap-2" action="{{HERE}}/triage" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input class="input input-sm" name="labels" value="{{LABELS_VALUE}}" placeholder="Labels, comma-separated" aria-label="Labels">
      <input class="input input-sm" name="assignees" value="{{ASSIGNEES_VALUE}}" placeholder="Assignees, comma-separated" aria-label="Assignees">
      <button class="btn btn-sm" type="submit">Save</button>
    </form>
    {{/TRIAGE}}
    {{#CAN_CHANGE}}
    <form class="flex flex-col gap-2" action="{{HERE}}/state" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      {{#OPEN}}
      <input type="hidden" name="state" value="closed">
      <select class="select select-sm" name="reason" aria-label="Reason"><option value="completed">Completed</option><option value="not_planned">Not planned</option></select>
      <button class="btn btn-sm" type="submit">Close issue</button>
      {{/OPEN}}
      {{#CLOSED}}<input type="hidden" name="state" value="open"><button class="btn btn-sm" type="submit">Reopen issue</button>{{/CLOSED}}
    </form>
    <details>
      <summary class="cursor-pointer">Edit title and description</summary>
      <form class="flex flex-col gap-2 mt-2" action="{{HERE}}/edit" method="post">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input class="input input-sm" name="title" value="{{TITLE}}" aria-label="Title" required maxlength="256">
        <textarea class="textarea textarea-sm h-32" name="body" aria-label="Description">
{{BODY_VALUE:pre_escape}}</textarea>
        <button class="btn btn-sm" type="submit">Save</button>
      </form>
    </details>
    {{/CAN_CHANGE}}
  </aside>
</div>
