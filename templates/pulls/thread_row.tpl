{{%AUTOESCAPE context="HTML"}}
<tr data-note><td colspan="4" class="px-3 py-2 bg-base-200">{{>THREAD}}</td></tr>
