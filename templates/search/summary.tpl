{{%AUTOESCAPE context="HTML"}}
<p class="text-sm text-base-content/70" data-testid="search-summary"{{#COUNTING}} hx-get="{{COUNT_URL}}" hx-trigger="load" hx-swap="outerHTML"{{/COUNTING}}>{{#AT_LEAST}}At least {{/AT_LEAST}}{{FILES}} in {{LINES}} · {{MS}} ms{{#COUNTING}} · counting…{{/COUNTING}}</p>
