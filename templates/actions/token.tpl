{{%AUTOESCAPE context="HTML"}}
<div role="alert" class="alert alert-info alert-soft flex-col items-start text-sm" data-testid="trigger-token">
  <span>Copy the token now: it is not shown again. Start a run with</span>
  <code class="font-mono break-all">curl -X POST -H 'X-Trigger-Token: {{TOKEN}}' '{{URL}}?ref=main'</code>
</div>
