// A new user's tour in a real Chromium: every link on a repository's main pages is clicked, and
// each click must end on a whole page with its layout, a file the browser shows itself (raw
// text, an image) or a download — never a file's bytes or a bare fragment inside the page. The
// buttons a user presses on the way work too (search from the navbar, the ref picker, the theme),
// and every edit form gives back exactly what was typed: blank lines, CRLF, tabs, Unicode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite({ DOCKER_HOST: process.env.DOCKER_HOST ?? "", ACTIONS_IMAGE: "localhost/skyscape/busybox:latest" });

// What a user types into a Markdown box, with everything a careless form would lose.
const TYPED = "\nFirst line\r\n\r\nSecond\tparagraph: ünïcödé 🚀 <b>&amp;</b>\n\n\n    indented code\r\nlast";
// What the textarea gives back: browsers read CRLF as LF.
const SHOWN = TYPED.replaceAll("\r\n", "\n");

async function api(base, token, method, path, body) {
  const res = await fetch(base + "/api/v1" + path, {
    method,
    headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Until htmx has swapped and settled and the network is quiet.
async function settle(page) {
  await page.waitForLoadState("networkidle", { timeout: 15000 }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling"), null, { timeout: 15000 })
    .catch(() => {});
}

// Clicks the first visible link to href on from, and says where it ended.
async function follow(page, from, href) {
  await page.goto(from);
  await settle(page);
  let download = null;
  const onDownload = (d) => { download = d; };
  page.on("download", onDownload);
  try {
    const link = page.locator(`a[href="${href.replaceAll('"', '\\"')}"]:visible`).first();
    if (!(await link.count())) return "hidden";
    await link.click();
    await settle(page);
    await page.waitForTimeout(150);  // a download's event comes just after its response
    if (download) return `download ${download.suggestedFilename()}`;
    const type = await page.evaluate(() => document.contentType).catch(() => "gone");
    if (type !== "text/html") return `shown by the browser as ${type}`;
    const layout = await page.locator("header.navbar").count();
    const title = await page.title();
    return layout === 1 && /Skyscape Workspace$/.test(title) ? "page" : `no layout (title "${title}")`;
  } finally {
    page.off("download", onDownload);
  }
}

test("every link ends on a whole page, a file or a download; forms keep what was typed", async () => {
  const { server, browser, work } = suite;
  assert.ok(process.env.DOCKER_HOST, "run through `make test`, which starts the container engine");
  const base = server.base;
  const git = gitIn(join(work, "wc"), work);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, base, "ada");
  await createRepo(page, base, "tour");

  // A repository with text, code, an image, a binary, a file too large to show, a branch, a tag,
  // and a workflow whose run leaves a log and an artifact.
  mkdirSync(join(work, "wc", "src"), { recursive: true });
  mkdirSync(join(work, "wc", ".github", "workflows"), { recursive: true });
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "README.md"), "# Tour\n\nSee [the code](src/main.c) and ![the logo](logo.png).\n");
  writeFileSync(join(work, "wc", "src", "main.c"), "int main(void) { return 0; }\n");
  writeFileSync(join(work, "wc", "logo.png"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
  writeFileSync(join(work, "wc", "data.bin"), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.alloc(2000, 7)]));
  writeFileSync(join(work, "wc", "big.txt"), "a".repeat(1100000) + "\n");
  writeFileSync(join(work, "wc", ".github", "workflows", "ci.yml"), `name: Build
on: [push, pull_request]
jobs:
  build:
    runs-on: linux
    steps:
      - uses: actions/checkout@v4
      - run: mkdir out && cp README.md out/ && echo built
      - uses: actions/upload-artifact@v4
        with: {name: site, path: out}
`);
  git("add", "-A");
  git("commit", "-qm", "First tour");
  git("tag", "v1.0");
  git("checkout", "-qb", "feature");
  writeFileSync(join(work, "wc", "src", "feature.c"), "int feature;\n");
  git("add", "-A");
  git("commit", "-qm", "A feature");
  git("checkout", "-q", "main");
  git("push", "-q", `http://ada:correct%20horse%20battery@${base.slice("http://".length)}/ada/tour.git`, "main", "feature", "v1.0");
  const token = (await (await fetch(base + "/api/v1/users/ada/tokens", {
    method: "POST",
    headers: { Authorization: "Basic " + Buffer.from("ada:correct horse battery").toString("base64"), "Content-Type": "application/json" },
    body: JSON.stringify({ name: "tour" }),
  })).json()).token;
  await api(base, token, "POST", "/repos/ada/tour/issues", { title: "A first issue", body: "With a *body*." });
  const pull = await api(base, token, "POST", "/repos/ada/tour/pulls", { title: "Add the feature", head: "feature", base: "main" });
  let runs;
  for (let i = 0; i < 300; ++i) {
    runs = await api(base, token, "GET", "/repos/ada/tour/actions/runs");
    if (runs.workflow_runs.length >= 1 && runs.workflow_runs.every((r) => r.status === "completed")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const run = runs.workflow_runs.find((r) => r.event === "push");
  const runLog = await (await fetch(`${base}/api/v1/repos/ada/tour/actions/runs/${run.id}/logs`, { headers: { Authorization: `token ${token}` } })).text();
  assert.equal(run.conclusion, "success", runLog + server.log());
  const sha = run.head_sha;

  // Every link on the main pages, each followed once from the first page that shows it.
  const pages = ["/ada/tour", "/ada/tour/tree/main", "/ada/tour/tree/main/src", "/ada/tour/tree/main/src/main.c",
    "/ada/tour/tree/main/README.md", "/ada/tour/tree/main/data.bin", "/ada/tour/tree/main/big.txt",
    "/ada/tour/tree/main/logo.png", "/ada/tour/commits/main", `/ada/tour/commit/${sha}`, "/ada/tour/branches",
    "/ada/tour/tags", "/ada/tour/compare/main...feature", "/ada/tour/issues", "/ada/tour/issues/1", "/ada/tour/pulls",
    `/ada/tour/pull/${pull.number}`, "/ada/tour/actions", `/ada/tour/actions/runs/${run.id}`, "/ada/tour/search?q=main",
    "/ada/tour/settings", "/"];
  const seen = new Set();
  const outcomes = [];
  for (const path of pages) {
    await page.goto(base + path);
    await settle(page);
    const hrefs = await page.$$eval("a[href]:not([href^='#'])", (links) =>
      links.filter((a) => a.offsetParent !== null && a.origin === location.origin).map((a) => a.getAttribute("href")));
    for (const href of hrefs) {
      if (seen.has(href)) continue;
      seen.add(href);
      const outcome = await follow(page, base + path, href);
      outcomes.push(`${path} → ${href}: ${outcome}`);
      assert.ok(outcome === "page" || outcome === "hidden" || outcome.startsWith("download ") || outcome.startsWith("shown by the browser"),
        `${path} → ${href}: ${outcome}`);
    }
  }
  writeFileSync(join(out, "tour-links.txt"), outcomes.join("\n") + "\n");
  const kinds = (re) => outcomes.filter((o) => re.test(o)).length;
  assert.ok(kinds(/: page$/) > 40, `most links are pages:\n${outcomes.join("\n")}`);
  for (const download of ["data.bin", "tour-main.zip", "tour-main.tar.gz", "site.tar.gz"])
    assert.ok(outcomes.some((o) => o.endsWith(`download ${download}`)), `${download} downloads:\n${outcomes.join("\n")}`);
  assert.ok(outcomes.some((o) => /\/raw\/main\/src\/main\.c: shown by the browser as text\/plain/.test(o)), "raw text is the browser's own");
  assert.ok(outcomes.some((o) => /\/logs: shown by the browser as text\/plain/.test(o)), "raw logs are the browser's own");

  // Buttons: the navbar search (Enter), the ref picker, the theme.
  await page.goto(base + "/ada/tour");
  await page.getByRole("searchbox", { name: "Search code" }).fill("main");
  await page.getByRole("searchbox", { name: "Search code" }).press("Enter");
  await page.waitForURL(/\/search\?q=main$/);
  await settle(page);
  assert.equal(await page.locator("header.navbar").count(), 1, "the results come in the whole page");
  await page.getByTestId("search-hit").first().waitFor();
  await page.goto(base + "/ada/tour/tree/main");
  await page.getByTestId("ref").click();
  await page.getByTestId("ref-picker").getByRole("link", { name: "v1.0" }).click();
  await page.waitForURL(/\/tree\/v1\.0$/);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const light = await theme();
  await page.getByTitle("Light or dark theme").click();
  assert.notEqual(await theme(), light);
  await page.getByTitle("Light or dark theme").click();

  // Edit forms give back what was typed.
  await page.goto(base + "/ada/tour/issues/new");
  await page.getByLabel("Title").fill("   ");
  await page.getByLabel("Description").fill(TYPED);
  await page.getByRole("button", { name: "Create issue" }).click();
  await page.getByText("An issue needs a title.").waitFor();
  assert.equal(await page.getByLabel("Description").inputValue(), SHOWN, "a refused form keeps every line");
  await page.getByLabel("Title").fill("Kept exactly");
  await page.getByRole("button", { name: "Create issue" }).click();
  await page.waitForURL(/\/issues\/3$/);
  const stored = (await api(base, token, "GET", "/repos/ada/tour/issues/3")).body;
  await page.getByText("Edit title and description").click();
  assert.equal(await page.getByLabel("Description").inputValue(), SHOWN, "the edit form shows the Markdown as written");
  // The page is at /issues/3 already: wait for the page the save's redirect loads, not the URL.
  const reloaded = page.waitForResponse((r) => r.request().method() === "GET" && new URL(r.url()).pathname === "/ada/tour/issues/3");
  await page.getByRole("button", { name: "Save" }).last().click();
  await reloaded;
  await page.waitForLoadState("load");
  assert.equal((await api(base, token, "GET", "/repos/ada/tour/issues/3")).body, stored, "saving it unchanged changes nothing");

  await page.getByLabel("Comment", { exact: true }).fill(TYPED);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("timeline").getByTestId("comment").last();
  await comment.waitFor();
  await comment.getByText("Edit", { exact: true }).click();
  assert.equal(await comment.getByLabel("Edit comment").inputValue(), SHOWN, "a comment's edit form too");
  await comment.getByRole("button", { name: "Save" }).click();
  await settle(page);
  await page.reload();
  const again = page.getByTestId("timeline").getByTestId("comment").last();
  await again.getByText("Edit", { exact: true }).click();
  assert.equal(await again.getByLabel("Edit comment").inputValue(), SHOWN, "and after saving it");

  await page.goto(base + "/ada/tour/actions");
  await page.getByText("New action").click();
  const form = page.getByTestId("create-action");
  await form.locator("input[name=name]").fill("Nightly");
  await form.locator("select[name=trigger]").selectOption("schedule");
  await form.locator("input[name=schedule]").fill("every night");
  await form.locator("input[name=image]").fill("debian");
  await form.locator("textarea[name=script]").fill(TYPED);
  await form.getByRole("button", { name: "Create action" }).click();
  await page.getByTestId("form-error").waitFor();
  assert.equal(await page.getByTestId("create-action").locator("textarea[name=script]").inputValue(), SHOWN, "the action form too");

  // A new token reads clearly on the page that says to copy it now.
  await page.goto(base + "/settings/tokens");
  await page.getByPlaceholder("Token name, e.g. laptop").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await shown.waitFor();
  const [color, background] = await shown.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  assert.notEqual(color, background, "the token is not white on white");
  await page.screenshot({ path: join(out, "tour-token.png") });
  // The two refused forms: each a 400 that htmx swaps in, as it should, and reports on the console.
  const refusals = errors.filter((e) => /^Response Status Error Code 400 from \/ada\/tour\/(issues|actions)\/create|status of 400/.test(e));
  assert.equal(refusals.length, 4, errors.join("\n"));
  const unexpected = errors.filter((e) => !refusals.includes(e));
  assert.deepEqual(unexpected, [], "no console errors");
});
