// Code search in a real Chromium: push a repository, then type into the search page — results
// come in as you type, without a reload, with the match highlighted; the navbar box searches too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("results follow the query as it is typed", async () => {
  const { server, browser, work } = suite;
  const git = gitIn(join(work, "wc"), work);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "engine");
  mkdirSync(join(work, "wc", "src"), { recursive: true });
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "src", "engine.c"), "int speed = 1;\nint turbo_boost(void) {\n  return speed * 2;\n}\n");
  writeFileSync(join(work, "wc", "README.md"), "# Engine\n\nCall turbo_boost() to go faster.\n");
  git("add", "-A");
  git("commit", "-qm", "Start");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/ada/engine.git`, "main");

  // The index is built in the background after the push.
  await page.goto(`${server.base}/ada/engine/settings`);
  for (let i = 0; i < 100 && !(await page.getByTestId("search-status").textContent().catch(() => "")).includes("text files"); i++) {
    await page.waitForTimeout(100);
    await page.reload();
  }
  assert.match(await page.getByTestId("search-status").textContent(), /2 text files/);

  await page.goto(`${server.base}/search`);
  await page.evaluate(() => { window.stillThisPage = true; });
  const box = page.locator("#search-q");
  await box.pressSequentially("turbo_bo", { delay: 30 });
  const hits = page.getByTestId("search-hit");
  await hits.first().waitFor();
  assert.equal(await hits.count(), 2);
  assert.equal(await page.locator("mark").first().textContent(), "turbo_bo");
  await box.fill("turbo_boost path:src");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=search-hit]").length === 1);
  assert.match(await page.getByTestId("search-summary").textContent(), /1 file in 1 line/);
  assert.equal(await page.evaluate(() => window.stillThisPage), true, "results came in without a reload");
  assert.match(page.url(), /q=turbo_boost(\+|%20)path%3Asrc/, "the address follows the query");
  await page.screenshot({ path: join(out, "search.png"), fullPage: true });

  await page.getByTestId("search-path").click();
  await page.waitForURL(/\/ada\/engine\/blob\/[0-9a-f]{40}\/src\/engine\.c$/);

  const navbar = page.getByTestId("navbar-search").getByLabel("Search code");
  await navbar.fill("/speed \\* \\d/");
  await navbar.press("Enter");
  await page.waitForURL(/\/search\?q=/);
  await page.getByTestId("search-hit").waitFor();
  assert.match(await page.getByTestId("search-summary").textContent(), /1 file in 1 line/);
  assert.deepEqual(errors, [], "no console errors");
});
