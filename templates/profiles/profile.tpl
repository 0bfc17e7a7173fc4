{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col md:flex-row gap-6">
  <aside class="md:w-64 flex flex-row md:flex-col gap-4 items-start">
    <img src="{{P}}/avatars/{{LOGIN}}" alt="" class="size-24 md:size-64 rounded-box border border-base-300 bg-base-100" data-testid="profile-avatar">
    <div class="flex flex-col gap-2 min-w-0">
      <h1 class="flex flex-col">
        {{#HAS_FULL_NAME}}<span class="text-2xl font-bold">{{FULL_NAME}}</span>{{/HAS_FULL_NAME}}
        <span class="text-xl text-base-content/70" data-testid="profile-login">{{LOGIN}}</span>
      </h1>
      {{#IS_ORG}}<span class="badge badge-outline">Organization</span>{{/IS_ORG}}
      {{#HAS_BIO}}<p class="whitespace-pre-line" data-testid="profile-bio">{{BIO:pre_escape}}</p>{{/HAS_BIO}}
      {{#HAS_WEBSITE}}<a class="link link-hover text-sm truncate" href="{{WEBSITE}}" rel="nofollow noopener noreferrer">{{WEBSITE}}</a>{{/HAS_WEBSITE}}
      {{#IS_SELF}}<a class="btn btn-sm" href="{{P}}/settings">Edit profile</a>{{/IS_SELF}}
      {{#CAN_MANAGE}}<a class="btn btn-sm" href="{{P}}/orgs/{{LOGIN}}/settings">Settings</a>{{/CAN_MANAGE}}
      {{#HAS_ORGS}}
      <h2 class="font-semibold mt-2">Organizations</h2>
      <div class="flex flex-wrap gap-2" data-testid="profile-orgs">
        {{#ORG}}<a href="{{P}}/{{ORG_NAME}}" title="{{ORG_NAME}}"><img src="{{P}}/avatars/{{ORG_NAME}}" alt="{{ORG_NAME}}" class="size-8 rounded"></a>{{/ORG}}
      </div>
      {{/HAS_ORGS}}
    </div>
  </aside>
  <div class="flex-1 min-w-0 flex flex-col gap-4">
    <div role="tablist" class="tabs tabs-border">
      <a role="tab" class="tab {{#TAB_REPOS}}tab-active{{/TAB_REPOS}}" href="{{P}}/{{LOGIN}}">Repositories <span class="badge badge-sm ml-1">{{REPO_COUNT}}</span></a>
      {{#IS_USER}}<a role="tab" class="tab {{#TAB_STARS}}tab-active{{/TAB_STARS}}" href="{{P}}/{{LOGIN}}?tab=stars">Stars</a>{{/IS_USER}}
      {{#IS_ORG}}<a role="tab" class="tab" href="{{P}}/orgs/{{LOGIN}}/people">People <span class="badge badge-sm ml-1">{{MEMBER_COUNT}}</span></a>{{/IS_ORG}}
      {{#SEES_TEAMS}}<a role="tab" class="tab" href="{{P}}/orgs/{{LOGIN}}/teams">Teams</a>{{/SEES_TEAMS}}
    </div>
    {{#NO_REPOS}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">{{EMPTY}}</div></div>{{/NO_REPOS}}
    {{#HAS_REPOS}}
    <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="repo-list">
      {{#REPO}}
      <li class="list-row" data-repo="{{FULL_NAME}}">
        <div class="list-col-grow min-w-0">
          <div class="flex items-center gap-2 flex-wrap">
            <a class="link link-hover font-semibold text-primary" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a>
            {{#PRIVATE}}<span class="badge badge-sm badge-outline">private</span>{{/PRIVATE}}
          </div>
          {{#HAS_DESCRIPTION}}<p class="text-sm text-base-content/70 truncate">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
        </div>
        <div class="text-xs text-base-content/60 self-center whitespace-nowrap">Updated {{UPDATED}}</div>
      </li>
      {{/REPO}}
    </ul>
    {{/HAS_REPOS}}
    {{#IS_USER}}{{#TAB_REPOS}}
    <h2 class="text-lg font-semibold">Contribution activity</h2>
    <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="profile-activity" hx-get="{{P}}/activity/feed?actor={{LOGIN}}" hx-trigger="load" hx-swap="innerHTML">
      <li class="p-4"><span class="loading loading-dots loading-sm"></span></li>
    </ul>
    {{/TAB_REPOS}}{{/IS_USER}}
  </div>
</div>
