{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-4">
  <div class="flex flex-wrap items-center gap-2">
    <a class="link link-hover text-sm" href="{{P}}/{{REPO_FULL_NAME}}/actions">Actions</a><span class="text-base-content/40">/</span>
    <h2 class="text-lg font-semibold">Statistics</h2>
    <div class="join ml-auto">{{#PERIOD}}<a class="join-item btn btn-sm {{#CURRENT}}btn-primary{{/CURRENT}}" href="?days={{PERIOD_DAYS}}">{{PERIOD_DAYS}} days</a>{{/PERIOD}}</div>
  </div>
  <div class="stats stats-vertical md:stats-horizontal shadow-sm bg-base-100" data-testid="summary">
    <div class="stat"><div class="stat-title">Runs</div><div class="stat-value" data-testid="runs">{{RUNS}}</div><div class="stat-desc">last {{DAYS}} days</div></div>
    <div class="stat"><div class="stat-title">Success rate</div><div class="stat-value" data-testid="rate">{{RATE}}</div></div>
    <div class="stat"><div class="stat-title">Duration p50</div><div class="stat-value" data-testid="p50">{{P50}}</div></div>
    <div class="stat"><div class="stat-title">Duration p95</div><div class="stat-value" data-testid="p95">{{P95}}</div></div>
  </div>
  <div class="card bg-base-100 shadow-sm"><div class="card-body p-4"><h3 class="font-semibold">Runs per day</h3>{{CHART:none}}</div></div>
  {{#NO_RUNS}}<p class="text-base-content/70">No run has ended in this period.</p>{{/NO_RUNS}}
  <div class="grid gap-4 md:grid-cols-2">
    <div class="card bg-base-100 shadow-sm overflow-x-auto"><div class="card-body p-4"><h3 class="font-semibold">By action</h3>
      <table class="table table-sm" data-testid="by-action"><thead><tr><th>Action</th><th>Runs</th><th>Success</th><th>p50</th><th>p95</th></tr></thead>
      <tbody>{{#ACTION}}<tr><td>{{GROUP}}</td><td>{{RUNS}}</td><td>{{RATE}}</td><td>{{P50}}</td><td>{{P95}}</td></tr>{{/ACTION}}</tbody></table>
    </div></div>
    <div class="card bg-base-100 shadow-sm overflow-x-auto"><div class="card-body p-4"><h3 class="font-semibold">Slowest jobs</h3>
      <table class="table table-sm" data-testid="slowest"><thead><tr><th>Job</th><th>Runs</th><th>Mean</th><th>p95</th></tr></thead>
      <tbody>{{#SLOW_JOB}}<tr><td>{{GROUP}}</td><td>{{RUNS}}</td><td>{{MEAN}}</td><td>{{P95}}</td></tr>{{/SLOW_JOB}}</tbody></table>
    </div></div>
  </div>
</div>
