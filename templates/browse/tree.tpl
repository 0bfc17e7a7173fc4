{{%AUTOESCAPE context="HTML"}}
{{>REPO_HEADER}}
{{>PATH}}
<div class="flex justify-end gap-2 -mt-12 mb-4">
  <a class="btn btn-sm" href="{{ARCHIVE_URL}}.tar.gz" hx-boost="false" data-testid="download-tar">Download .tar.gz</a>
  <a class="btn btn-sm" href="{{ARCHIVE_URL}}.zip" hx-boost="false">.zip</a>
</div>
<div class="card bg-base-100 shadow-sm">
  {{#EMPTY_TREE}}<div class="card-body text-base-content/70">This folder is empty.</div>{{/EMPTY_TREE}}
  {{>ENTRIES}}
</div>
<div class="mt-4">{{>README}}</div>
