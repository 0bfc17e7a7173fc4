{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-3">
  <div class="flex items-center gap-2"><a class="link link-hover" href="{{ACTION_URL}}">{{NAME}}</a><span class="text-base-content/40">/</span><h2 class="font-semibold">Artifacts</h2></div>
  <div class="card bg-base-100 shadow-sm"><div class="card-body p-4">{{>ARTIFACTS}}</div></div>
</div>
