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

  // x-data="listFilter" around a filter box (x-on:input="filter") and rows with
  // data-filter="words to match": rows that do not contain the typed text are hidden.
  window.Alpine.data("listFilter", () => ({
    filter(event) {
      const query = event.target.value.trim().toLowerCase();
      for (const row of this.$root.querySelectorAll("[data-filter]")) {
        row.hidden = !row.dataset.filter.toLowerCase().includes(query);
      }
    },
  }));

  // x-data="autoSubmit" on a form whose x-on:change="submit" fields apply as soon as they change.
  window.Alpine.data("autoSubmit", () => ({
    submit() {
      this.$root.requestSubmit();
    },
  }));

  // x-data="avatarUpload" on the avatar form: the chosen file is read into the hidden
  // x-ref="image" as a data: URL (the form stays url-encoded) and shown in x-ref="preview".
  window.Alpine.data("avatarUpload", () => ({
    read(event) {
      const file = event.target.files[0];
      if (!file) return;
      const reader = new FileReader();
      reader.onload = () => {
        this.$refs.image.value = reader.result;
        this.$refs.preview.src = reader.result;
      };
      reader.readAsDataURL(file);
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

// Line links on file and blame pages: a click selects #L12, a shift-click extends it to a range
// (#L12-L20); the selected rows are highlighted, also when the page is opened at such an address.
function highlightLines() {
  for (const row of document.querySelectorAll("tr.line-selected")) row.classList.remove("line-selected");
  const match = location.hash.match(/^#L(\d+)(?:-L(\d+))?$/);
  if (!match) return;
  let [first, last] = [Number(match[1]), Number(match[2] || match[1])];
  if (first > last) [first, last] = [last, first];
  for (let n = first; n <= last; n++) document.getElementById(`L${n}`)?.classList.add("line-selected");
}

document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#L"]');
  const current = location.hash.match(/^#L(\d+)/);
  if (!link || !event.shiftKey || !current) return;
  event.preventDefault();
  history.replaceState(null, "", `#L${current[1]}-${link.getAttribute("href").slice(1)}`);
  highlightLines();
});
window.addEventListener("hashchange", highlightLines);
document.addEventListener("DOMContentLoaded", highlightLines);
document.addEventListener("htmx:afterSettle", highlightLines);

// Label badges: their colour comes from data-label-color (the CSP allows no inline styles), with
// black or white text, whichever reads better on it.
function colorLabels(root) {
  for (const badge of root.querySelectorAll("[data-label-color]")) {
    const hex = badge.dataset.labelColor;
    if (!/^[0-9a-f]{6}$/i.test(hex)) continue;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    badge.style.backgroundColor = `#${hex}`;
    badge.style.borderColor = `#${hex}`;
    badge.style.color = 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000" : "#fff";
  }
}
document.addEventListener("DOMContentLoaded", () => colorLabels(document));
document.addEventListener("htmx:afterSettle", (event) => colorLabels(event.target));

// A form marked data-reset-on-success (the comment box) empties once htmx has sent it.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (form.matches && form.matches("form[data-reset-on-success]") && event.detail.successful) form.reset();
});

// Syntax highlighting of a file view (table[data-language] with one row per line): Prism
// highlights the whole text at once, so comments and strings that span lines come out right,
// and its markup is then cut at the line ends, closing and reopening the spans open there.
const kHighlightLimit = 500 * 1024;

function splitHighlighted(html) {
  const lines = [];
  const open = [];
  let line = "";
  for (const part of html.split(/(<span[^>]*>|<\/span>)/)) {
    if (part === "</span>") {
      open.pop();
      line += part;
    } else if (part.startsWith("<span")) {
      open.push(part);
      line += part;
    } else {
      const pieces = part.split("\n");
      line += pieces[0];
      for (const piece of pieces.slice(1)) {
        lines.push(line + "</span>".repeat(open.length));
        line = open.join("") + piece;
      }
    }
  }
  lines.push(line);
  return lines;
}

function highlightCode(root) {
  for (const table of root.querySelectorAll("table[data-language]:not([data-highlighted])")) {
    const grammar = window.Prism && window.Prism.languages[table.dataset.language];
    if (!grammar) continue;
    table.dataset.highlighted = "";
    const cells = table.querySelectorAll("td:last-child");
    const text = Array.from(cells, (cell) => cell.textContent).join("\n");
    if (text.length > kHighlightLimit) continue;
    const lines = splitHighlighted(window.Prism.highlight(text, grammar, table.dataset.language));
    cells.forEach((cell, i) => { cell.innerHTML = lines[i] ?? ""; });
  }
  // Fenced code in rendered Markdown: cmark-gfm marks it <code class="language-…">.
  for (const code of root.querySelectorAll(".markdown pre > code[class*='language-']")) window.Prism?.highlightElement(code);
}

document.addEventListener("DOMContentLoaded", () => highlightCode(document));
document.addEventListener("htmx:afterSettle", (event) => highlightCode(event.target));

// Cancel on a form htmx put into a table (a diff's line comment form) takes its row away.
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-dismiss-row]");
  if (button) button.closest("tr")?.remove();
});

// A run page (#run[data-live]) follows its run through Server-Sent Events: new log lines
// (rendered and escaped by the server) are appended to their step when they start where the
// page's log ends; a gap, or a job or step changing status, fetches the job's section again;
// the page reloads when the run ends, to show its final state.
function followRun() {
  const run = document.querySelector("#run[data-live]:not([data-following])");
  if (!run || !window.EventSource) return;
  run.dataset.following = "";
  const from = Array.from(run.querySelectorAll(".log[data-offset]"), (log) => `${log.dataset.job}.${log.dataset.step}.${log.dataset.offset}`);
  const source = new EventSource(`${run.dataset.live}?from=${from.join(",")}`);
  // hx-boost swaps pages without unloading this one: the stream ends with its page.
  const gone = () => {
    if (document.body.contains(run)) return false;
    source.close();
    return true;
  };
  const refresh = (job) => {
    const section = document.getElementById(`job-${job}`);
    if (section && window.htmx) window.htmx.ajax("GET", section.dataset.partial, { target: section, swap: "outerHTML" });
  };
  source.addEventListener("log", (event) => {
    if (gone()) return;
    const data = JSON.parse(event.data);
    const log = run.querySelector(`.log[data-job="${data.job}"][data-step="${data.step}"]`);
    if (!log) return refresh(data.job);
    const offset = Number(log.dataset.offset);
    if (data.at < offset) return;
    if (data.at > offset) return refresh(data.job);
    log.insertAdjacentHTML("beforeend", data.html);
    log.dataset.offset = String(data.next);
    log.closest("details")?.setAttribute("open", "");
  });
  source.addEventListener("step", (event) => gone() || refresh(JSON.parse(event.data).job));
  source.addEventListener("job", (event) => gone() || refresh(JSON.parse(event.data).job));
  source.addEventListener("end", () => {
    source.close();
    if (document.body.contains(run)) location.reload();
  });
}
document.addEventListener("DOMContentLoaded", followRun);
document.addEventListener("htmx:afterSettle", followRun);
