{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-wrap items-center gap-2 mb-4">
  <h1 class="text-lg font-semibold">Comparing</h1>
  <span class="badge badge-outline font-mono" data-testid="compare-base">{{BASE}}</span>
  <span aria-hidden="true">…</span>
  <span class="badge badge-outline font-mono" data-testid="compare-head">{{HEAD}}</span>
</div>
{{#PICKER}}
<form class="flex flex-wrap items-center gap-2 mb-4 text-sm" action="{{PICKER_ACTION}}" method="get" data-testid="head-picker">
  <label class="flex items-center gap-1">base <input class="input input-sm w-36 font-mono" name="base" value="{{PICKER_BASE}}" aria-label="Base branch"></label>
  <span aria-hidden="true">←</span>
  <label class="flex items-center gap-1">head repository
    <select class="select select-sm w-40" name="head_owner" aria-label="Head repository">
      {{#HEAD_OWNER}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/HEAD_OWNER}}
    </select></label>
  <input class="input input-sm w-36 font-mono" name="head" value="{{PICKER_HEAD}}" aria-label="Head branch">
  <button class="btn btn-sm" type="submit">Compare</button>
</form>
{{/PICKER}}
{{#IDENTICAL}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70" data-testid="identical">{{HEAD}} has no commits that {{BASE}} lacks.</div></div>{{/IDENTICAL}}
{{#OPEN_PR}}
<form class="card bg-base-100 shadow-sm mb-6" action="{{ACTION}}" method="post" data-testid="open-pr">
  <div class="card-body gap-2">
    <h2 class="card-title text-base">Open a pull request</h2>
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input type="hidden" name="base" value="{{BASE}}">
    <input type="hidden" name="head" value="{{HEAD}}">
    <input class="input w-full" name="title" value="{{TITLE_VALUE}}" aria-label="Title" required maxlength="256">
    <textarea class="textarea w-full h-24" name="body" placeholder="Describe the change (Markdown)" aria-label="Description"></textarea>
    <div class="card-actions justify-end items-center">
      <label class="label text-sm"><input class="checkbox checkbox-sm" type="checkbox" name="draft" value="on"> Draft</label>
      <button class="btn btn-primary btn-sm" type="submit">Create pull request</button>
    </div>
  </div>
</form>
{{/OPEN_PR}}
{{#DIFFERENT}}
<h2 class="text-sm font-semibold text-base-content/70 mb-2" data-testid="commit-count">{{COMMIT_COUNT}} commits{{#MORE_COMMITS}} (and more){{/MORE_COMMITS}}</h2>
<ul class="list bg-base-100 rounded-box shadow-sm mb-6">
  {{#COMMIT}}
  <li class="list-row items-center" data-sha="{{SHA}}">
    <div class="list-col-grow min-w-0">
      <a class="link link-hover font-medium truncate" href="{{COMMIT_URL}}">{{SUMMARY}}</a>
      <div class="text-xs text-base-content/60">{{AUTHOR}} · {{WHEN}}</div>
    </div>
    <a class="btn btn-xs font-mono" href="{{COMMIT_URL}}">{{SHORT_SHA}}</a>
  </li>
  {{/COMMIT}}
</ul>
{{>CHANGES}}
{{/DIFFERENT}}
