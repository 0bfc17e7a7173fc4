{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-col gap-6">
  <div>
    <h1 class="text-2xl font-bold" data-testid="dashboard-title">Welcome, {{USERNAME}}</h1>
    <p class="text-base-content/70">Member since {{JOINED}}.</p>
  </div>
  <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
    <a href="{{P}}/repos" class="card bg-base-100 shadow-sm hover:shadow transition">
      <div class="card-body">
        <h2 class="card-title">Repositories</h2>
        <p class="text-base-content/70">Host code over HTTPS and SSH, browse it, review it.</p>
      </div>
    </a>
    <a href="{{P}}/settings/tokens" class="card bg-base-100 shadow-sm hover:shadow transition">
      <div class="card-body">
        <h2 class="card-title">Access tokens</h2>
        <p class="text-base-content/70">Let scripts and git clients act as you through the API.</p>
      </div>
    </a>
    {{#SITE_ADMIN}}
    <a href="{{P}}/admin/users" class="card bg-base-100 shadow-sm hover:shadow transition">
      <div class="card-body">
        <h2 class="card-title">Site administration</h2>
        <p class="text-base-content/70">Manage users and whether anyone may sign up.</p>
      </div>
    </a>
    {{/SITE_ADMIN}}
  </div>
  <div class="grid gap-4 lg:grid-cols-3">
    <section class="lg:col-span-2 flex flex-col gap-2">
      <div class="flex items-center gap-2">
        <h2 class="text-lg font-semibold flex-1">Your repositories</h2>
        <form method="get" action="{{P}}/" x-data="autoSubmit" data-testid="dashboard-owner-filter">
          <select class="select select-sm w-40" name="owner" aria-label="Owner" x-on:change="submit">
            <option value="">All owners</option>
            {{#OWNER_FILTER}}<option value="{{VALUE}}" {{#SELECTED}}selected{{/SELECTED}}>{{VALUE}}</option>{{/OWNER_FILTER}}
          </select>
          <noscript><button class="btn btn-sm" type="submit">Filter</button></noscript>
        </form>
      </div>
      {{#NO_REPOS}}<div class="card bg-base-100 shadow-sm"><div class="card-body text-base-content/70">None yet: <a class="link" href="{{P}}/repos">create one</a>.</div></div>{{/NO_REPOS}}
      {{#HAS_REPOS}}
      <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="dashboard-repos">
        {{#REPO}}<li class="list-row" data-repo="{{FULL_NAME}}"><a class="link link-hover font-medium list-col-grow" href="{{P}}/{{FULL_NAME}}">{{FULL_NAME}}</a>{{#PRIVATE}}<span class="badge badge-sm badge-outline">private</span>{{/PRIVATE}}</li>{{/REPO}}
      </ul>
      {{/HAS_REPOS}}
    </section>
    <section class="flex flex-col gap-2">
      <h2 class="text-lg font-semibold">Your organizations</h2>
      <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="dashboard-orgs">
        {{#ORG}}<li class="list-row items-center"><img src="{{P}}/avatars/{{ORG_NAME}}" alt="" class="size-6 rounded"><a class="link link-hover" href="{{P}}/{{ORG_NAME}}">{{ORG_NAME}}</a></li>{{/ORG}}
        <li class="list-row"><a class="link" href="{{P}}/orgs/new">New organization</a></li>
      </ul>
    </section>
  </div>
  <section>
    <h2 class="text-lg font-semibold mb-2">Activity in your repositories</h2>
    <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="activity" hx-get="{{P}}/activity/feed" hx-trigger="load, every 15s" hx-swap="innerHTML">
      <li class="p-4"><span class="loading loading-spinner loading-sm" aria-label="Loading"></span></li>
    </ul>
  </section>
</div>
