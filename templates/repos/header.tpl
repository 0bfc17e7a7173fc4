{{%AUTOESCAPE context="HTML"}}
<div class="mb-6">
  <div class="flex items-center gap-2 flex-wrap">
    <svg class="size-5 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z"/></svg>
    <h1 class="text-xl font-bold"><a class="font-normal text-base-content/70 link link-hover" href="{{P}}/{{OWNER}}">{{OWNER}}</a> <span class="font-normal text-base-content/70">/</span> <a class="link link-hover" href="{{P}}/{{FULL_NAME}}" data-testid="repo-title">{{NAME}}</a></h1>
    {{#PRIVATE}}<span class="badge badge-outline">private</span>{{/PRIVATE}}
    {{#PUBLIC}}<span class="badge badge-ghost">public</span>{{/PUBLIC}}
    {{#SIGNED_IN}}<span class="ml-auto flex gap-2"><span hx-get="{{P}}/{{FULL_NAME}}/star" hx-trigger="load" hx-swap="innerHTML"></span><span hx-get="{{P}}/{{FULL_NAME}}/fork" hx-trigger="load" hx-swap="innerHTML"></span><span hx-get="{{P}}/{{FULL_NAME}}/watch" hx-trigger="load" hx-swap="innerHTML"></span></span>{{/SIGNED_IN}}
  </div>
  {{#IS_FORK}}<p class="text-sm text-base-content/70" data-testid="forked-from">forked from {{#PARENT_SHOWN}}<a class="link link-hover" href="{{P}}/{{PARENT}}">{{PARENT}}</a> · <a class="link" href="{{CONTRIBUTE_URL}}" data-testid="contribute">Compare and open a pull request</a>{{/PARENT_SHOWN}}{{#PARENT_HIDDEN}}a private repository{{/PARENT_HIDDEN}}</p>{{/IS_FORK}}
  {{#HAS_DESCRIPTION}}<p class="text-base-content/70 mt-1">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
  <div role="tablist" class="tabs tabs-border mt-3">
    <a role="tab" class="tab {{#TAB_CODE}}tab-active{{/TAB_CODE}}" href="{{P}}/{{FULL_NAME}}">Overview</a>
    <a role="tab" class="tab {{#TAB_FILES}}tab-active{{/TAB_FILES}}" href="{{P}}/{{FULL_NAME}}/tree">Files</a>
    <a role="tab" class="tab {{#TAB_COMMITS}}tab-active{{/TAB_COMMITS}}" href="{{P}}/{{FULL_NAME}}/commits">History</a>
    <a role="tab" class="tab {{#TAB_ISSUES}}tab-active{{/TAB_ISSUES}}" href="{{P}}/{{FULL_NAME}}/issues">Issues</a>
    <a role="tab" class="tab {{#TAB_PULLS}}tab-active{{/TAB_PULLS}}" href="{{P}}/{{FULL_NAME}}/pulls">Pull requests</a>
    <a role="tab" class="tab {{#TAB_ACTIONS}}tab-active{{/TAB_ACTIONS}}" href="{{P}}/{{FULL_NAME}}/actions">Actions</a>
    <a role="tab" class="tab {{#TAB_ACTIVITY}}tab-active{{/TAB_ACTIVITY}}" href="{{P}}/{{FULL_NAME}}/activity">Activity</a>
    <a role="tab" class="tab {{#TAB_BRANCHES}}tab-active{{/TAB_BRANCHES}}" href="{{P}}/{{FULL_NAME}}/branches">Branches</a>
    <a role="tab" class="tab {{#TAB_TAGS}}tab-active{{/TAB_TAGS}}" href="{{P}}/{{FULL_NAME}}/tags">Tags</a>
    <a role="tab" class="tab {{#TAB_SEARCH}}tab-active{{/TAB_SEARCH}}" href="{{P}}/{{FULL_NAME}}/search">Search</a>
    {{#CAN_ADMIN}}<a role="tab" class="tab {{#TAB_SETTINGS}}tab-active{{/TAB_SETTINGS}}" href="{{P}}/{{FULL_NAME}}/settings">Settings</a>{{/CAN_ADMIN}}
  </div>
</div>
