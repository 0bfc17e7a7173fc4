{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="mb-4">
  <h2 class="text-2xl font-semibold" data-testid="pull-title">{{TITLE}} <span class="text-base-content/50 font-normal">#{{NUMBER}}</span></h2>
  <div class="flex flex-wrap items-center gap-2 mt-2 text-sm">
    {{#OPEN}}<span class="badge badge-success" data-testid="pull-state">Open</span>{{/OPEN}}
    {{#MERGED}}<span class="badge badge-primary" data-testid="pull-state">Merged</span>{{/MERGED}}
    {{#CLOSED}}<span class="badge badge-neutral" data-testid="pull-state">Closed</span>{{/CLOSED}}
    {{#DRAFT}}<span class="badge badge-ghost">Draft</span>{{/DRAFT}}
    <span class="text-base-content/70"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{WHO}}"><img src="{{P}}/avatars/{{WHO}}" alt="" class="size-5 rounded-full">{{WHO}}</a> {{VERB}} <code class="font-mono">{{HEAD}}</code> into <code class="font-mono">{{BASE}}</code> · {{WHEN}}</span>
  </div>
  <div role="tablist" class="tabs tabs-box tabs-sm mt-3 w-fit">
    <a role="tab" class="tab {{#TAB_CONVERSATION}}tab-active{{/TAB_CONVERSATION}}" href="{{HERE}}">Conversation</a>
    <a role="tab" class="tab {{#TAB_COMMITS}}tab-active{{/TAB_COMMITS}}" href="{{HERE}}/commits">Commits</a>
    <a role="tab" class="tab {{#TAB_FILES}}tab-active{{/TAB_FILES}}" href="{{HERE}}/files">Files changed</a>
  </div>
</div>
{{#TAB_CONVERSATION}}
<div class="flex flex-col gap-3 max-w-4xl">
  <article class="card bg-base-100 shadow-sm">
    <div class="px-4 py-2 border-b border-base-300 text-sm"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{AUTHOR}}"><img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-5 rounded-full">{{AUTHOR}}</a> <span class="text-base-content/60">wrote {{WHEN}}</span></div>
    <div class="markdown px-4 py-3">{{BODY_HTML:none}}</div>
  </article>
  <div class="flex flex-wrap items-center gap-2 text-sm px-1" data-testid="reviewers">
    <span class="font-semibold">Reviewers</span>
    {{#REQUESTED}}<span class="badge badge-outline badge-sm">{{REVIEWER_NAME}}</span>{{/REQUESTED}}
    {{#NO_REQUESTS}}<span class="text-base-content/60">none requested</span>{{/NO_REQUESTS}}
    {{#CAN_REQUEST}}
    <form class="flex gap-2 ml-auto" action="{{REVIEWERS_ACTION}}" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <input class="input input-sm w-48" name="reviewers" placeholder="usernames, comma separated" aria-label="Request review from" required>
      <button class="btn btn-sm" type="submit">Request review</button>
    </form>
    {{/CAN_REQUEST}}
  </div>
  <div class="flex flex-col gap-3" id="timeline" data-testid="timeline">
    {{#ITEM}}
    {{>COMMENT}}
    {{#EVENT}}<div class="text-sm text-base-content/70 px-4" data-testid="event"><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{ACTOR}}"><img src="{{P}}/avatars/{{ACTOR}}" alt="" class="size-5 rounded-full">{{ACTOR}}</a> {{WHAT}}{{#LINK}} <a class="link" href="{{LINK_URL}}">{{LINK_TEXT}}</a>{{/LINK}} {{WHEN}}</div>{{/EVENT}}
    {{/ITEM}}
  </div>
  {{#REVIEW}}
  <div class="card bg-base-100 shadow-sm" data-testid="review">
    <div class="px-4 py-2 text-sm flex items-center gap-2">
      {{#APPROVED}}<span class="badge badge-success badge-sm">approved</span>{{/APPROVED}}
      {{#CHANGES}}<span class="badge badge-error badge-sm">changes requested</span>{{/CHANGES}}
      {{#COMMENTED}}<span class="badge badge-ghost badge-sm">review</span>{{/COMMENTED}}
      <span><a class="inline-flex items-center gap-1 font-semibold link link-hover" href="{{P}}/{{REVIEWER}}"><img src="{{P}}/avatars/{{REVIEWER}}" alt="" class="size-5 rounded-full">{{REVIEWER}}</a> {{VERDICT}} {{REVIEW_WHEN}}</span>
    </div>
    {{#HAS_BODY}}<div class="markdown px-4 pb-3">{{REVIEW_HTML:none}}</div>{{/HAS_BODY}}
  </div>
  {{/REVIEW}}
  {{#THREADS}}{{>THREAD}}{{/THREADS}}
  {{#MERGED}}<div role="alert" class="alert alert-soft" data-testid="merged"><span><strong>{{MERGED_BY}}</strong> merged this as <a class="link font-mono" href="{{MERGE_COMMIT_URL}}">{{MERGE_COMMIT}}</a>.</span></div>{{/MERGED}}
  {{#OPEN}}<div hx-get="{{CHECKS_URL}}" hx-trigger="load" hx-swap="outerHTML"></div>{{/OPEN}}
  {{#MERGE_BOX}}
  <div class="card bg-base-100 shadow-sm" data-testid="merge-box">
    <div class="card-body gap-2">
      {{#CLEAN}}<p class="text-success font-medium">No conflicts with {{BASE}}.</p>{{/CLEAN}}
      {{#CONFLICT}}<p class="text-error font-medium">This branch conflicts with {{BASE}} in:</p><ul class="list-disc pl-6 font-mono text-sm">{{#CONFLICT_PATH}}<li>{{PATH}}</li>{{/CONFLICT_PATH}}</ul>{{/CONFLICT}}
      {{#UNKNOWN}}<p class="text-base-content/70">Mergeability is unknown: a branch is missing.</p>{{/UNKNOWN}}
      {{#IS_DRAFT}}<p class="text-base-content/70">Drafts cannot be merged.</p>{{/IS_DRAFT}}
      {{#CAN_MERGE}}
      <form class="flex flex-wrap items-center gap-2" action="{{ACTION}}" method="post">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input type="hidden" name="head_sha" value="{{HEAD_SHA}}">
        <select class="select select-sm w-48" name="method" aria-label="Merge method">
          <option value="merge">Create a merge commit</option>
          <option value="squash">Squash and merge</option>
          <option value="rebase">Rebase and merge</option>
        </select>
        {{#SAME_REPO_HEAD}}<label class="label text-sm"><input class="checkbox checkbox-sm" type="checkbox" name="delete_branch" value="on"> Delete {{HEAD}}</label>{{/SAME_REPO_HEAD}}
        <button class="btn btn-primary btn-sm" type="submit">Merge pull request</button>
      </form>
      {{/CAN_MERGE}}
    </div>
  </div>
  {{/MERGE_BOX}}
  <div class="flex gap-2 justify-end">
    {{#CAN_READY}}<form action="{{READY_ACTION}}" method="post"><input type="hidden" name="csrf_token" value="{{CSRF}}"><button class="btn btn-sm" type="submit">Ready for review</button></form>{{/CAN_READY}}
    {{#STATE_FORM}}
    <form action="{{STATE_ACTION}}" method="post">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      {{#CAN_CLOSE}}<input type="hidden" name="state" value="closed"><input type="hidden" name="reason" value="not_planned"><button class="btn btn-sm" type="submit">Close pull request</button>{{/CAN_CLOSE}}
      {{#CAN_REOPEN}}<input type="hidden" name="state" value="open"><button class="btn btn-sm" type="submit">Reopen pull request</button>{{/CAN_REOPEN}}
    </form>
    {{/STATE_FORM}}
  </div>
  {{#CAN_COMMENT}}
  <form class="card bg-base-100 shadow-sm" action="{{ISSUE_HERE}}/comments" method="post" hx-post="{{ISSUE_HERE}}/comments" hx-target="#timeline" hx-swap="beforeend" data-reset-on-success>
    <div class="card-body gap-2">
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <textarea class="textarea w-full h-28" name="body" placeholder="Leave a comment (Markdown)" aria-label="Comment" required></textarea>
      <div class="card-actions justify-end"><button class="btn btn-primary btn-sm" type="submit">Comment</button></div>
    </div>
  </form>
  {{/CAN_COMMENT}}
  {{#SIGN_IN_TO_COMMENT}}<p class="text-sm"><a class="link" href="{{SIGNIN_URL}}">Sign in</a> to comment.</p>{{/SIGN_IN_TO_COMMENT}}
  {{#REVIEW_FORM}}
  <form class="card bg-base-100 shadow-sm" action="{{REVIEW_ACTION}}" method="post" data-testid="review-form">
    <div class="card-body gap-2">
      <h3 class="font-semibold">Review</h3>
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <textarea class="textarea w-full h-20" name="body" placeholder="Your review (Markdown)" aria-label="Review"></textarea>
      <div class="card-actions justify-end items-center">
        <select class="select select-sm w-48" name="state" aria-label="Verdict">
          <option value="commented">Comment</option>
          {{#CAN_VERDICT}}<option value="approved">Approve</option><option value="changes_requested">Request changes</option>{{/CAN_VERDICT}}
        </select>
        <button class="btn btn-sm" type="submit">Submit review</button>
      </div>
    </div>
  </form>
  {{/REVIEW_FORM}}
</div>
{{/TAB_CONVERSATION}}
{{#TAB_COMMITS}}
<ul class="list bg-base-100 rounded-box shadow-sm" data-testid="pull-commits">
  {{#COMMIT}}
  <li class="list-row items-center" data-sha="{{SHA}}">
    <div class="list-col-grow min-w-0"><a class="link link-hover font-medium" href="{{COMMIT_URL}}">{{SUMMARY}}</a><div class="text-xs text-base-content/60">{{AUTHOR}} · {{WHEN}}</div></div>
    <a class="btn btn-xs font-mono" href="{{COMMIT_URL}}">{{SHORT_SHA}}</a>
  </li>
  {{/COMMIT}}
</ul>
{{/TAB_COMMITS}}
{{#TAB_FILES}}
{{#SIGNED_IN}}<p class="text-sm text-base-content/70 mb-3">Hover a line number and press <kbd class="kbd kbd-sm">+</kbd> to comment on that line.</p>{{/SIGNED_IN}}
{{>CHANGES}}
{{/TAB_FILES}}
