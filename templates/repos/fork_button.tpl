{{%AUTOESCAPE context="HTML"}}
<div class="join" data-testid="fork">
  <div class="dropdown dropdown-end join-item">
    <div tabindex="0" role="button" class="btn btn-sm join-item">Fork</div>
    <form tabindex="0" class="dropdown-content card card-compact bg-base-100 shadow z-10 w-64 p-3 gap-2" action="{{FORK_URL}}" method="post">
      {{#HAS_OWNERS}}
      <input type="hidden" name="csrf_token" value="{{CSRF}}">
      <label class="flex flex-col gap-1 text-sm">Fork into
        <select class="select select-sm w-full" name="owner" aria-label="Owner of the fork">
          {{#OWNER_OPTION}}<option value="{{VALUE}}">{{VALUE}}{{#HAS_FORK}} (has a fork){{/HAS_FORK}}</option>{{/OWNER_OPTION}}
        </select>
      </label>
      <button class="btn btn-primary btn-sm" type="submit">Create fork</button>
      {{/HAS_OWNERS}}
      {{#NO_OWNERS}}<p class="text-sm">{{OWNER}} owns it already, and you have no organization to fork it into.</p>{{/NO_OWNERS}}
    </form>
  </div>
  <a class="btn btn-sm join-item" href="{{FORKS_URL}}" aria-label="Forks">{{FORKS}}</a>
</div>
