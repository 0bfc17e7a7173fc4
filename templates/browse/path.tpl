{{%AUTOESCAPE context="HTML"}}
<div class="flex flex-wrap items-center gap-2 mb-4">
  {{>REF_PICKER}}
  <nav class="breadcrumbs text-sm py-0" aria-label="Path" data-testid="breadcrumbs">
    <ul>
      <li><a href="{{ROOT_URL}}">{{REPO_NAME}}</a></li>
      {{#CRUMB}}<li><a href="{{CRUMB_URL}}">{{CRUMB_NAME}}</a></li>{{/CRUMB}}
    </ul>
  </nav>
</div>
