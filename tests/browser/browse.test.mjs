// Reading code in a real Chromium: open a repository, go into a folder, open a file, click a
// line number (the URL gets #L…, the line is highlighted), open the history and a commit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("folder, file, line link, history, commit", async () => {
  const { server, browser, work } = suite;
  const git = gitIn(join(work, "wc"), work);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "engine");

  mkdirSync(join(work, "wc", "src"), { recursive: true });
  git("init", "-qb", "main");
  const comment = "/* a comment that\n   spans two lines */\n";
  writeFileSync(join(work, "wc", "src", "engine.c"), Array.from({ length: 40 }, (_, i) => `int line_${i + 1};`).join("\n") + "\n" + comment);
  git("add", "-A");
  git("commit", "-qm", "Start the engine");
  writeFileSync(join(work, "wc", "src", "engine.c"), Array.from({ length: 40 }, (_, i) => `int line_${i + 1}${i === 9 ? " = 10" : ""};`).join("\n") + "\n" + comment);
  git("commit", "-qam", "Give line ten a value");
  git("tag", "v1.0", "HEAD~1");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/ada/engine.git`, "main", "v1.0");

  await page.getByRole("tab", { name: "Files" }).click();
  await page.getByRole("link", { name: "src", exact: true }).click();
  await page.waitForURL(/\/tree\/main\/src$/);
  await page.getByRole("link", { name: "engine.c" }).click();
  await page.waitForURL(/\/blob\/main\/src\/engine\.c$/);
  await page.getByTestId("code").waitFor();
  await page.locator("#L10 .token.number").waitFor();  // highlighted as C
  assert.equal(await page.locator("#L10 .token.keyword").first().textContent(), "int");
  for (const n of [41, 42]) assert.equal(await page.locator(`#L${n} .token.comment`).count(), 1, `line ${n} is in the comment`);
  assert.equal(await page.locator("#L42").textContent(), "42   spans two lines */", "text is unchanged by highlighting");
  await page.getByRole("link", { name: "12", exact: true }).click();
  assert.match(page.url(), /#L12$/);
  const color = (n) => page.locator(`#L${n}`).evaluate((row) => getComputedStyle(row).backgroundColor);
  const plain = await color(30);
  assert.notEqual(await color(12), plain, "the linked line is highlighted");
  await page.getByRole("link", { name: "15", exact: true }).click({ modifiers: ["Shift"] });
  assert.match(page.url(), /#L12-L15$/);
  for (const n of [12, 13, 14, 15]) assert.notEqual(await color(n), plain, `line ${n} is in the range`);
  assert.equal(await color(16), plain);
  await page.reload();
  assert.notEqual(await color(14), plain, "the range survives a reload");
  await page.screenshot({ path: join(out, "file.png") });

  await page.getByTestId("ref").click();
  await page.getByPlaceholder("Filter branches and tags").fill("v1");
  await page.getByTestId("ref-picker").locator('li[data-filter="main"]').waitFor({ state: "hidden" });
  await page.getByRole("link", { name: "v1.0" }).click();
  await page.waitForURL(/\/tree\/v1\.0\/src\/engine\.c$/);
  assert.equal(await page.locator("#L10").textContent(), "10int line_10;", "the file as tagged");

  await page.getByRole("tab", { name: "History" }).click();
  await page.getByTestId("history").waitFor();
  await page.getByRole("link", { name: "Give line ten a value" }).click();
  await page.waitForURL(/\/commit\/[0-9a-f]{40}$/);
  assert.equal(await page.getByTestId("commit-summary").textContent(), "Give line ten a value");
  assert.match(await page.getByTestId("diff-stats").textContent(), /^1 file changed, \+1 −1$/);
  await page.screenshot({ path: join(out, "commit.png"), fullPage: true });
  await page.getByRole("link", { name: "Split" }).click();
  await page.getByTestId("split").waitFor();
  assert.match(page.url(), /\?diff=split$/);
  await page.screenshot({ path: join(out, "commit-split.png"), fullPage: true });
  assert.deepEqual(errors, [], "no console errors");
});
