{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
<form class="card bg-base-100 shadow-sm max-w-3xl" action="{{ACTION}}" method="post">
  <div class="card-body gap-3">
    <h2 class="card-title">New issue</h2>
    {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft" data-testid="form-error"><span>{{ERROR}}</span></div>{{/HAS_ERROR}}
    <input type="hidden" name="csrf_token" value="{{CSRF}}">
    <input class="input w-full" name="title" value="{{TITLE_VALUE}}" placeholder="Title" aria-label="Title" required maxlength="256">
    <textarea class="textarea w-full h-48 font-mono" name="body" placeholder="Describe it (Markdown)" aria-label="Description">
{{BODY_VALUE:pre_escape}}</textarea>
    <div>
      <button class="btn btn-xs" type="button" hx-post="{{PREVIEW_URL}}" hx-include="closest form" hx-target="next .markdown" hx-swap="innerHTML">Preview</button>
      <article class="markdown mt-2" data-testid="preview"></article>
    </div>
    {{#TRIAGE}}
    <label class="floating-label"><span>Labels, comma-separated</span><input class="input w-full" name="labels" value="{{LABELS_VALUE}}" placeholder="Labels ({{KNOWN_LABELS}})"></label>
    <label class="floating-label"><span>Assignees, comma-separated usernames</span><input class="input w-full" name="assignees" value="{{ASSIGNEES_VALUE}}" placeholder="Assignees"></label>
    {{/TRIAGE}}
    <div class="card-actions justify-end"><button class="btn btn-primary" type="submit">Create issue</button></div>
  </div>
</form>
