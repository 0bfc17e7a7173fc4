{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="en" data-theme="{{THEME}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"[45]..","swap":true,"error":true}]}'>
<title>{{TITLE}} · Skyscape Workspace</title>
<link rel="icon" href="{{FAVICON_URL}}" type="image/svg+xml">
<link rel="stylesheet" href="{{CSS_URL}}">
<script src="{{HTMX_URL}}" defer></script>
<script src="{{PRISM_URL}}" data-manual defer></script>
<script src="{{APP_JS_URL}}" defer></script>
<script src="{{ALPINE_URL}}" defer></script>
</head>
<body class="min-h-screen bg-base-200 flex flex-col" hx-boost="true" hx-headers='{"X-CSRF-Token": "{{CSRF}}"}'>
<header class="navbar bg-base-100 border-b border-base-300 px-2 sm:px-4 gap-2">
  <div class="flex-1 flex items-center gap-1 min-w-0">
    {{#USER}}
    <div class="dropdown sm:hidden">
      <div tabindex="0" role="button" class="btn btn-ghost btn-square" aria-label="Menu">
        <svg class="size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M4 6h16M4 12h16M4 18h16"/></svg>
      </div>
      <ul tabindex="0" class="dropdown-content menu bg-base-100 rounded-box shadow z-10 w-52 p-2">
        <li><a href="{{P}}/">Dashboard</a></li>
        <li><a href="{{P}}/repos">Repositories</a></li>
      </ul>
    </div>
    {{/USER}}
    <a href="{{P}}/" class="btn btn-ghost text-lg font-bold gap-2 px-2">
      <img src="{{FAVICON_URL}}" alt="" class="size-6"> <span>Skyscape</span>
    </a>
    {{#USER}}
    <nav class="hidden sm:flex gap-1">
      <a href="{{P}}/repos" class="btn btn-ghost btn-sm">Repositories</a>
    </nav>
    {{/USER}}
  </div>
  <form action="{{P}}/search" method="get" class="hidden md:block" role="search" data-testid="navbar-search">
    <label class="input input-sm w-64">
      <svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/></svg>
      <input type="search" name="q" placeholder="Search code" aria-label="Search code">
    </label>
  </form>
  <label class="swap swap-rotate btn btn-ghost btn-circle btn-sm" title="Light or dark theme">
    <input type="checkbox" value="dark" class="theme-controller" data-default-theme="{{THEME_DEFAULT}}" {{#DARK}}checked{{/DARK}} aria-label="Dark theme">
    <svg class="swap-off size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/></svg>
    <svg class="swap-on size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"/></svg>
  </label>
  {{#USER}}
  <a href="{{P}}/notifications" class="btn btn-ghost btn-circle btn-sm indicator" aria-label="Notifications" data-testid="bell">
    <span hx-get="{{P}}/notifications/count" hx-trigger="load, every 60s" hx-swap="innerHTML"></span>
    <svg class="size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>
  </a>
  <div class="dropdown dropdown-end">
    <div tabindex="0" role="button" class="btn btn-ghost btn-circle avatar" aria-label="Account menu" data-testid="user-menu">
      <div class="w-8 rounded-full"><img src="{{P}}/avatars/{{USERNAME}}" alt=""></div>
    </div>
    <ul tabindex="0" class="dropdown-content menu bg-base-100 rounded-box shadow z-10 w-56 p-2">
      <li class="menu-title">Signed in as {{USERNAME}}</li>
      <li><a href="{{P}}/{{USERNAME}}">Your profile</a></li>
      <li><a href="{{P}}/{{USERNAME}}?tab=stars">Your stars</a></li>
      <li><a href="{{P}}/workspaces" data-testid="nav-workspaces">Your workspaces</a></li>
      <li><a href="{{P}}/orgs/new">New organization</a></li>
      <li><a href="{{P}}/settings">Settings</a></li>
      <li><a href="{{P}}/settings/tokens">Access tokens</a></li>
      {{#SITE_ADMIN}}<li><a href="{{P}}/admin/users">Site administration</a></li>{{/SITE_ADMIN}}
      <li>
        <form action="{{P}}/auth/signout" method="post" class="p-0">
          <input type="hidden" name="csrf_token" value="{{CSRF}}">
          <button type="submit" class="w-full text-left px-3 py-1.5">Sign out</button>
        </form>
      </li>
    </ul>
  </div>
  {{/USER}}
  {{#ANONYMOUS}}
  <a href="{{P}}/signin" class="btn btn-ghost btn-sm">Sign in</a>
  <a href="{{P}}/signup" class="btn btn-primary btn-sm">Sign up</a>
  {{/ANONYMOUS}}
</header>
<main class="flex-1 w-full max-w-6xl mx-auto p-4 sm:p-6">
  <div id="flash" class="mb-4 empty:hidden">{{#FLASH}}<div role="alert" class="alert {{KIND}}"><span>{{MESSAGE}}</span></div>{{/FLASH}}</div>
  {{>BODY}}
</main>
<footer class="footer footer-center p-4 text-base-content/60 text-sm">
  <p>Skyscape Workspace {{VERSION}}</p>
</footer>
</body>
</html>
