{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-wrap items-center gap-3">
  <a href="{{P}}/{{ORG}}" class="flex items-center gap-2">
    <img src="{{P}}/avatars/{{ORG}}" alt="" class="size-10 rounded">
    <span class="text-2xl font-bold">{{ORG}}</span>
  </a>
</div>
<div role="tablist" class="tabs tabs-border">
  <a role="tab" class="tab" href="{{P}}/{{ORG}}">Repositories</a>
  <a role="tab" class="tab {{#TAB_PEOPLE}}tab-active{{/TAB_PEOPLE}}" href="{{P}}/orgs/{{ORG}}/people">People</a>
  {{#SEES_TEAMS}}<a role="tab" class="tab {{#TAB_TEAMS}}tab-active{{/TAB_TEAMS}}" href="{{P}}/orgs/{{ORG}}/teams">Teams</a>{{/SEES_TEAMS}}
  {{#CAN_MANAGE}}<a role="tab" class="tab {{#TAB_SETTINGS}}tab-active{{/TAB_SETTINGS}}" href="{{P}}/orgs/{{ORG}}/settings">Settings</a>{{/CAN_MANAGE}}
</div>
