{{%AUTOESCAPE context="HTML"}}
<div class="max-w-2xl mx-auto flex flex-col gap-4">
  <h1 class="text-2xl font-semibold">Workspace <span class="font-mono">{{ID}}</span></h1>
  <p class="text-base-content/70"><a class="link" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a> on <span class="font-mono">{{REF}}</span>. VS Code opens here when it is ready.</p>
  {{>STATUS}}
  <p class="text-sm"><a class="link" href="{{P}}/workspaces">All your workspaces</a></p>
</div>
