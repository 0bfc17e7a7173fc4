{{%AUTOESCAPE context="HTML"}}
<ul class="menu bg-base-100 rounded-box w-full sm:w-56 shadow-sm">
  <li class="menu-title">Site administration</li>
  <li><a href="{{P}}/admin/users">Users</a></li>
  <li><a href="{{P}}/admin/settings">Settings</a></li>
  <li><a href="{{P}}/admin/runners">Runners</a></li>
</ul>
