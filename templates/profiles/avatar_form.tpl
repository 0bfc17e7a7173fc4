{{%AUTOESCAPE context="HTML"}}
<form class="card bg-base-100 shadow-sm" action="{{AVATAR_URL}}" method="post" x-data="avatarUpload">
  <div class="card-body gap-3">
    <h2 class="card-title">Avatar</h2>
    <div class="flex items-center gap-4">
      <img src="{{P}}/avatars/{{LOGIN}}?v={{VERSION}}" alt="" class="size-20 rounded-box border border-base-300" data-testid="avatar-preview" x-ref="preview">
      <div class="flex flex-col gap-2">
        <input type="hidden" name="csrf_token" value="{{CSRF}}">
        <input type="hidden" name="image" x-ref="image">
        <input type="file" class="file-input file-input-sm" accept="image/png,image/jpeg,image/gif,image/webp" aria-label="Avatar image" x-on:change="read">
        <p class="text-xs text-base-content/70">PNG, JPEG, GIF or WebP, at most 1 MiB. Without one, a pattern made from the name stands in.</p>
      </div>
    </div>
    <div class="flex gap-2">
      <button class="btn btn-primary btn-sm" type="submit" name="action" value="upload">Upload</button>
      {{#HAS_AVATAR}}<button class="btn btn-ghost btn-sm" type="submit" name="action" value="remove">Remove</button>{{/HAS_AVATAR}}
    </div>
  </div>
</form>
