{{%AUTOESCAPE context="HTML"}}
{{#COMMIT}}<a id="status-{{SHA}}" hx-swap-oob="true" class="{{STATUS_CLASS}} font-bold" href="{{URL}}" title="Checks: {{STATUS_WORD}}" data-testid="commit-status" data-status="{{STATUS}}">{{STATUS_ICON}}</a>
{{/COMMIT}}
