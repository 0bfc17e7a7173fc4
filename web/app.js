// Behaviour for the server-rendered pages. Alpine's CSP build cannot evaluate inline
// expressions, so components are registered here by name.

document.addEventListener("alpine:init", () => {
  // x-data="copyable": copies x-ref="source" to the clipboard.
  window.Alpine.data("copyable", () => ({
    label: "Copy",
    copy() {
      navigator.clipboard.writeText(this.$refs.source.value).then(() => {
        this.label = "Copied";
        setTimeout(() => { this.label = "Copy"; }, 1500);
      });
    },
  }));

  // x-data="repoFilter" around a filter box (x-on:input="filter") and rows with
  // data-repo="id name": rows that do not contain the typed text are hidden.
  window.Alpine.data("repoFilter", () => ({
    filter(event) {
      const query = event.target.value.trim().toLowerCase();
      for (const row of this.$root.querySelectorAll("[data-repo]")) {
        row.hidden = !row.dataset.repo.toLowerCase().includes(query);
      }
    },
  }));
});

// The light/dark switch is DaisyUI's CSS-only theme controller; remember the choice in a
// cookie so the server renders the next page in it without a flash.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.classList || !input.classList.contains("theme-controller")) return;
  const dark = input.checked;
  document.documentElement.dataset.theme = dark ? "dark" : input.dataset.defaultTheme;
  document.cookie = `skyscape_theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
});
