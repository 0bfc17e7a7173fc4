{{%AUTOESCAPE context="HTML"}}
{{PREVIEW_HTML:none}}
