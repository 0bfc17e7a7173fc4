{{%AUTOESCAPE context="HTML"}}
<section class="hero py-16">
  <div class="hero-content text-center">
    <div class="max-w-md">
      <p class="text-7xl font-black text-primary/70">{{STATUS}}</p>
      <h1 class="text-2xl font-bold mt-2">{{REASON}}</h1>
      <p class="py-4 text-base-content/70" data-testid="error-message">{{MESSAGE}}</p>
      <a href="{{P}}/" class="btn btn-primary">Back to the dashboard</a>
    </div>
  </div>
</section>
