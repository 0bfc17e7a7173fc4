// A pull request in a real Chromium: push a branch, compare it, open the pull request, look at
// its files in the split view, merge it by squashing, and see it merged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("compare, open, review the files, squash-merge", async () => {
  const { server, browser, work } = suite;
  const git = gitIn(join(work, "wc"), work);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "engine");

  mkdirSync(join(work, "wc"), { recursive: true });
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "engine.c"), "int speed = 1;\nint gears = 4;\n");
  git("add", "-A");
  git("commit", "-qm", "Start");
  git("checkout", "-qb", "faster");
  writeFileSync(join(work, "wc", "engine.c"), "int speed = 2;\nint gears = 4;\n");
  git("commit", "-qam", "Go faster");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/repo/engine.git`, "main", "faster");

  await page.getByRole("tab", { name: "Branches" }).click();
  await page.getByRole("link", { name: "Compare" }).click();
  await page.waitForURL(/\/compare\/main\.\.\.faster$/);
  await page.getByLabel("Description").fill("Makes it **faster**.");
  await page.getByRole("button", { name: "Create pull request" }).click();
  await page.waitForURL(/\/prs\/1$/);
  assert.match(await page.getByTestId("pull-title").textContent(), /Go faster\s+#1/);
  await page.getByText("No conflicts with main.").waitFor();

  await page.getByRole("tab", { name: "Files changed" }).click();
  await page.getByRole("link", { name: "Split" }).click();
  await page.getByTestId("split").waitFor();
  await page.screenshot({ path: join(out, "pull-files.png"), fullPage: true });

  await page.getByRole("tab", { name: "Conversation" }).click();
  await page.getByLabel("Merge method").selectOption("squash");
  await page.getByRole("button", { name: "Merge pull request" }).click();
  await page.getByText("Pull request merged.").waitFor();
  assert.equal(await page.getByTestId("pull-state").textContent(), "Merged");
  await page.screenshot({ path: join(out, "pull-merged.png"), fullPage: true });
  assert.match(git("ls-remote", `${server.base}/repo/engine.git`, "refs/heads/main"), /^[0-9a-f]{40}/);
  git("fetch", "-q", `${server.base}/repo/engine.git`, "main");
  assert.equal(git("log", "-1", "--format=%s", "FETCH_HEAD").trim(), "Go faster (#1)");
  assert.deepEqual(errors, [], "no console errors");
});
