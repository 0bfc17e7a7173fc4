{{%AUTOESCAPE context="HTML"}}
<form method="post" action="{{P}}/{{REPO_FULL_NAME}}/actions/create" class="flex flex-col gap-2" data-testid="create-action">
  <input type="hidden" name="csrf_token" value="{{CSRF}}">
  {{#HAS_ERROR}}<div role="alert" class="alert alert-error alert-soft text-sm" data-testid="form-error">{{ERROR}}</div>{{/HAS_ERROR}}
  <label class="text-sm">Name <input class="input input-sm w-full" name="name" value="{{NAME}}" required maxlength="100"></label>
  <label class="text-sm">Trigger
    <select class="select select-sm w-full" name="trigger">
      <option value="manual" {{#TRIGGER_MANUAL}}selected{{/TRIGGER_MANUAL}}>Manual (Run button)</option>
      <option value="push" {{#TRIGGER_PUSH}}selected{{/TRIGGER_PUSH}}>Push</option>
      <option value="schedule" {{#TRIGGER_SCHEDULE}}selected{{/TRIGGER_SCHEDULE}}>Schedule</option>
    </select>
  </label>
  <label class="text-sm">Branches, for push <input class="input input-sm w-full font-mono" name="branch" value="{{BRANCH}}" placeholder="main, release/**"></label>
  <label class="text-sm">Cron (UTC), for schedule <input class="input input-sm w-full font-mono" name="schedule" value="{{SCHEDULE}}" placeholder="0 3 * * *"></label>
  <label class="text-sm">Image <input class="input input-sm w-full font-mono" name="image" value="{{IMAGE}}" placeholder="debian:bookworm-slim" required></label>
  <label class="text-sm">Script <textarea class="textarea textarea-sm w-full font-mono" name="script" rows="5" required placeholder="make test">
{{SCRIPT:pre_escape}}</textarea></label>
  <label class="text-sm">Artifact paths <textarea class="textarea textarea-sm w-full font-mono" name="artifacts" rows="2" placeholder="dist/**">
{{ARTIFACTS:pre_escape}}</textarea></label>
  <button class="btn btn-sm btn-primary" type="submit">Create action</button>
</form>
