{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="grid gap-6 lg:grid-cols-3">
  <div class="lg:col-span-2 flex flex-col gap-6">
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
    {{#HAS_BRANCHES}}
    <div class="card bg-base-100 shadow-sm">
      <div class="card-body">
        <h2 class="card-title text-base">Branches</h2>
        <ul class="flex flex-wrap gap-2" data-testid="branches">
          {{#BRANCH}}<li class="badge {{#IS_DEFAULT}}badge-primary{{/IS_DEFAULT}}{{#NOT_DEFAULT}}badge-ghost{{/NOT_DEFAULT}} font-mono">{{BRANCH_NAME}}</li>{{/BRANCH}}
        </ul>
      </div>
    </div>
    {{/HAS_BRANCHES}}
  </div>
  <aside class="card bg-base-100 shadow-sm h-fit">
    <div class="card-body gap-3">
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
    </div>
  </aside>
</div>
