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
  <section>
    <h2 class="text-lg font-semibold mb-2">Activity in your repositories</h2>
    <ul class="list bg-base-100 rounded-box shadow-sm" data-testid="activity" hx-get="{{P}}/activity/feed" hx-trigger="load, every 15s" hx-swap="innerHTML">
      <li class="p-4"><span class="loading loading-spinner loading-sm" aria-label="Loading"></span></li>
    </ul>
  </section>
</div>
