{{%AUTOESCAPE context="HTML"}}
  <table class="table table-sm" data-testid="tree">
    <tbody>
    {{#ENTRY}}
    <tr class="hover:bg-base-200">
      <td class="w-6 pr-0">
        {{#IS_TREE}}<svg class="size-4 text-primary" viewBox="0 0 24 24" fill="currentColor" aria-label="Folder"><path d="M3 6a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/></svg>{{/IS_TREE}}
        {{#IS_FILE}}<svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-label="File"><path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z"/><path d="M14 3v6h6"/></svg>{{/IS_FILE}}
        {{#IS_SUBMODULE}}<svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-label="Submodule"><path d="M10 13a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 11a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>{{/IS_SUBMODULE}}
      </td>
      <td class="max-w-48 truncate"><a class="link link-hover" href="{{URL}}">{{NAME}}</a></td>
      {{#LAST}}
      <td class="hidden md:table-cell max-w-md truncate text-base-content/70" data-testid="last-commit"><a class="link link-hover" href="{{COMMIT_URL}}" title="{{SUMMARY}}">{{SUMMARY}}</a></td>
      <td class="text-right whitespace-nowrap text-base-content/60">{{WHEN}}</td>
      {{/LAST}}
    </tr>
    {{/ENTRY}}
    </tbody>
  </table>
