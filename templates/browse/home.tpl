{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="grid gap-6 lg:grid-cols-3">
  <div class="lg:col-span-2 flex flex-col gap-4 min-w-0">
    {{#EMPTY}}
    <div class="card bg-base-100 shadow-sm">
      <div class="card-body">
        <h2 class="card-title">This repository is empty</h2>
        {{#CAN_PUSH}}
        <p class="text-base-content/70">Push an existing repository:</p>
        <pre class="bg-base-200 rounded-box p-3 text-sm overflow-x-auto" data-testid="push-instructions"><code>git remote add origin {{CLONE_HTTP}}
git push -u origin {{DEFAULT_BRANCH}}</code></pre>
        <p class="text-base-content/70">Or start a new one:</p>
        <pre class="bg-base-200 rounded-box p-3 text-sm overflow-x-auto"><code>git init -b {{DEFAULT_BRANCH}}
git commit --allow-empty -m "First commit"
git remote add origin {{CLONE_HTTP}}
git push -u origin {{DEFAULT_BRANCH}}</code></pre>
        {{/CAN_PUSH}}
        {{#READ_ONLY}}<p class="text-base-content/70">Nothing has been pushed yet.</p>{{/READ_ONLY}}
      </div>
    </div>
    {{/EMPTY}}
    {{#HAS_CONTENT}}
    <div class="flex flex-wrap items-center gap-3 text-sm">
      {{>REF_PICKER}}
      <a class="link link-hover" href="{{P}}/{{FULL_NAME}}/branches" data-testid="branch-count">{{BRANCH_COUNT}}</a>
      <a class="link link-hover" href="{{P}}/{{FULL_NAME}}/tags">{{TAG_COUNT}}</a>
      <span class="flex-1"></span>
      <a class="link link-hover" href="{{P}}/{{FULL_NAME}}/commits" data-testid="commit-count">{{COMMIT_COUNT}}</a>
    </div>
    <div class="card bg-base-100 shadow-sm">
      {{#LATEST}}
      <div class="flex flex-wrap items-center gap-2 px-4 py-2 border-b border-base-300 text-sm" data-testid="latest-commit">
        <img src="{{P}}/avatars/{{AUTHOR}}" alt="" class="size-5 rounded-full inline"> <strong>{{AUTHOR}}</strong>
        <a class="link link-hover truncate flex-1 min-w-0" href="{{COMMIT_URL}}">{{SUMMARY}}</a>
        <a class="font-mono text-base-content/60" href="{{COMMIT_URL}}">{{SHORT_SHA}}</a>
        <span class="text-base-content/60">{{WHEN}}</span>
      </div>
      {{/LATEST}}
      {{>ENTRIES}}
    </div>
    {{>README}}
    {{/HAS_CONTENT}}
  </div>
  <aside class="card bg-base-100 shadow-sm h-fit">
    <div class="card-body gap-3">
      {{#CAN_WORKSPACE}}
      <h2 class="card-title text-base">Code</h2>
      <form action="{{P}}/{{FULL_NAME}}/workspaces" method="post" hx-boost="false">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input type="hidden" name="ref" value="{{WORKSPACE_REF}}">
        <button type="submit" class="btn btn-primary btn-sm w-full" data-testid="open-workspace">Open in a workspace</button>
      </form>
      <p class="text-xs text-base-content/60">VS Code in the browser on a clone of <span class="font-mono">{{WORKSPACE_REF}}</span>; <a class="link" href="{{P}}/workspaces">your workspaces</a>.</p>
      <div class="divider my-0"></div>
      {{/CAN_WORKSPACE}}
      <h2 class="card-title text-base">Clone</h2>
      <div class="join w-full" x-data="copyable">
        <span class="join-item btn btn-sm no-animation pointer-events-none">HTTPS</span>
        <input class="input input-sm join-item w-full font-mono" readonly value="{{CLONE_HTTP}}" x-ref="source" data-testid="clone-http">
        <button type="button" class="btn btn-sm join-item" x-on:click="copy" x-text="label">Copy</button>
      </div>
      {{#HAS_SSH}}
      <div class="join w-full" x-data="copyable">
        <span class="join-item btn btn-sm no-animation pointer-events-none">SSH</span>
        <input class="input input-sm join-item w-full font-mono" readonly value="{{CLONE_SSH}}" x-ref="source" data-testid="clone-ssh">
        <button type="button" class="btn btn-sm join-item" x-on:click="copy" x-text="label">Copy</button>
      </div>
      {{/HAS_SSH}}
      <p class="text-xs text-base-content/60">HTTPS takes your username with a password or an access token; SSH takes a key from <a class="link" href="{{P}}/settings/keys">your settings</a>.</p>
      {{#HAS_CONTENT}}<a class="btn btn-sm" href="{{P}}/{{FULL_NAME}}/archive/{{DEFAULT_BRANCH}}.zip" hx-boost="false">Download ZIP</a>{{/HAS_CONTENT}}
    </div>
  </aside>
</div>
