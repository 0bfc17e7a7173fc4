{{%AUTOESCAPE context="HTML"}}
{{#NO_ARTIFACTS}}<p class="text-sm text-base-content/60">No artifacts.</p>{{/NO_ARTIFACTS}}
<ul class="list" data-testid="artifacts">
  {{#ARTIFACT}}<li class="list-row items-center py-2"><span>📦</span><a class="link link-hover font-mono list-col-grow" href="{{DOWNLOAD_URL}}" download hx-boost="false">{{ARTIFACT_NAME}}</a><span class="text-xs text-base-content/60">#{{RUN_NUMBER}} · version {{VERSION}} · {{FILES}} files · {{SIZE}} · expires {{EXPIRES}}</span></li>{{/ARTIFACT}}
</ul>
