{{%AUTOESCAPE context="HTML"}}<div role="alert" class="alert alert-error"><span>{{MESSAGE}}</span></div>
