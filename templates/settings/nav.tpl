{{%AUTOESCAPE context="HTML"}}
<ul class="menu bg-base-100 rounded-box w-full sm:w-56 shadow-sm">
  <li class="menu-title">Settings</li>
  <li><a href="{{P}}/settings">Account</a></li>
  <li><a href="{{P}}/settings/tokens">Access tokens</a></li>
  <li><a href="{{P}}/settings/keys">SSH keys</a></li>
</ul>
