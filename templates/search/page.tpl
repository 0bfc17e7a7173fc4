{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<div class="flex flex-col gap-4">
  <form action="{{ACTION}}" method="get" role="search" hx-get="{{ACTION}}" hx-target="#search-results" hx-trigger="input changed delay:250ms from:#search-q, submit" hx-push-url="true" hx-sync="this:replace">
    <label class="input w-full">
      <svg class="size-4 opacity-60" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/></svg>
      <input id="search-q" type="search" name="q" value="{{Q}}" placeholder="{{PLACEHOLDER}}" aria-label="Search code" autocomplete="off" autofocus>
    </label>
  </form>
  <details class="text-sm text-base-content/70">
    <summary class="cursor-pointer">Search syntax</summary>
    <ul class="list-disc pl-6 mt-2 space-y-1">
      <li><code>parse config</code>: files holding both words; lines holding either are shown</li>
      <li><code>"exact phrase"</code>, <code>/regex/</code> (RE2 syntax), <code>-word</code> leaves out files holding it</li>
      <li><code>repo:name</code>, <code>path:src/*.c</code> (<code>*</code> within a folder, <code>**</code> across), <code>path:/regex/</code>, <code>-path:test</code>, <code>lang:python</code></li>
      <li>Case is ignored unless you add <code>case:yes</code>. The default branch of each repository is searched.</li>
    </ul>
  </details>
  <div id="search-results" class="flex flex-col gap-3" data-testid="search-results">{{>RESULTS}}</div>
</div>
