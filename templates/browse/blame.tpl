{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
{{>PATH}}
<div class="card bg-base-100 shadow-sm">
  <div class="flex items-center gap-3 px-4 py-2 border-b border-base-300 text-sm">
    <span class="font-semibold">Blame</span>
    <span class="text-base-content/60">newer changes are marked darker</span>
    <span class="flex-1"></span>
    <a class="btn btn-xs" href="{{FILE_URL}}">View file</a>
  </div>
  <div class="overflow-x-auto">
    <table class="font-mono text-xs leading-5 w-full" data-testid="blame">
      {{#HUNK}}
      <tbody class="border-t border-base-300">
        {{#LINE}}
        <tr id="L{{N}}" class="target:bg-warning/20">
          <td class="w-72 max-w-72 align-top px-3 font-sans border-l-4 {{#AGE0}}border-primary/10{{/AGE0}}{{#AGE1}}border-primary/30{{/AGE1}}{{#AGE2}}border-primary/50{{/AGE2}}{{#AGE3}}border-primary/75{{/AGE3}}{{#AGE4}}border-primary{{/AGE4}}">{{#FIRST}}<div class="truncate" title="{{SUMMARY}} — {{AUTHOR}}, {{WHEN}}, {{SHORT_SHA}}"><a class="link link-hover" href="{{COMMIT_URL}}">{{SUMMARY}}</a> <span class="text-base-content/60">· {{AUTHOR}} · {{WHEN}}</span></div>{{/FIRST}}</td>
          <td class="select-none text-right px-2 w-1 text-base-content/40 align-top"><a href="#L{{N}}">{{N}}</a></td>
          <td class="pr-4 whitespace-pre align-top">{{TEXT}}</td>
        </tr>
        {{/LINE}}
      </tbody>
      {{/HUNK}}
    </table>
  </div>
</div>
