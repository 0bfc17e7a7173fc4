{{%AUTOESCAPE context="HTML"}}
<li class="menu-title">Branches</li>
{{#BRANCH}}<li data-filter="{{NAME}}"><a class="font-mono {{#CURRENT}}menu-active{{/CURRENT}}" href="{{URL}}">{{NAME}}</a></li>{{/BRANCH}}
{{#HAS_TAGS}}<li class="menu-title">Tags</li>{{/HAS_TAGS}}
{{#TAG}}<li data-filter="{{NAME}}"><a class="font-mono {{#CURRENT}}menu-active{{/CURRENT}}" href="{{URL}}">{{NAME}}</a></li>{{/TAG}}
