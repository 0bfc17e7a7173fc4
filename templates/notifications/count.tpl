{{%AUTOESCAPE context="HTML"}}
{{#UNREAD}}<span class="indicator-item badge badge-primary badge-xs" data-testid="unread-count">{{COUNT}}</span>{{/UNREAD}}
