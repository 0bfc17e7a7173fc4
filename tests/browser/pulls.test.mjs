// A pull request in a real Chromium: push a branch, compare it, open the pull request, ask a
// reviewer, who comments on a line of the split diff (no reload) and approves; then merge it by
// squashing and see it merged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("compare, open, request a review, comment on a line, approve, squash-merge", async () => {
  const { server, browser, work } = suite;
  const git = gitIn(join(work, "wc"), work);
  const reviewer = await (await browser.newContext()).newPage();
  const reviewerErrors = watchConsole(reviewer);
  await signUp(reviewer, server.base, "bea");
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "engine");
  await page.goto(`${server.base}/ada/engine/settings`);
  await page.getByPlaceholder("Username").fill("bea");
  await page.getByRole("button", { name: "Add" }).click();
  await page.getByTestId("collaborator-bea").waitFor();

  mkdirSync(join(work, "wc"), { recursive: true });
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "engine.c"), "int speed = 1;\nint gears = 4;\n");
  git("add", "-A");
  git("commit", "-qm", "Start");
  git("checkout", "-qb", "faster");
  writeFileSync(join(work, "wc", "engine.c"), "int speed = 2;\nint gears = 4;\n");
  git("commit", "-qam", "Go faster");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/ada/engine.git`, "main", "faster");

  await page.getByRole("tab", { name: "Branches" }).click();
  await page.getByRole("link", { name: "Compare" }).click();
  await page.waitForURL(/\/compare\/main\.\.\.faster$/);
  await page.getByLabel("Description").fill("Makes it **faster**.");
  await page.getByRole("button", { name: "Create pull request" }).click();
  await page.waitForURL(/\/pull\/1$/);
  assert.match(await page.getByTestId("pull-title").textContent(), /Go faster\s+#1/);
  await page.getByText("No conflicts with main.").waitFor();

  await page.getByLabel("Request review from").fill("bea");
  await page.getByRole("button", { name: "Request review" }).click();
  await page.getByText("requested a review from bea").waitFor();

  await reviewer.goto(`${server.base}/notifications`);
  await reviewer.getByText(/ada requested your review/).waitFor();
  await reviewer.getByRole("link", { name: "Go faster" }).click();
  await reviewer.waitForURL(/\/pull\/1$/);
  await reviewer.getByRole("tab", { name: "Files changed" }).click();
  await reviewer.getByRole("link", { name: "Split" }).click();
  await reviewer.getByTestId("split").waitFor();
  await reviewer.evaluate(() => { window.stillThisPage = true; });
  await reviewer.getByRole("row", { name: /int speed = 2/ }).hover();
  await reviewer.getByRole("button", { name: "Comment on line 1", exact: true }).click();
  await reviewer.getByLabel("Line comment").fill("Why **2**?");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  const thread = reviewer.getByTestId("line-thread");
  await thread.getByText("Why 2?").waitFor();
  await thread.getByLabel("Reply").fill("Or 3?");
  await thread.getByRole("button", { name: "Reply" }).click();
  await thread.getByText("Or 3?").waitFor();
  assert.equal(await reviewer.evaluate(() => window.stillThisPage), true, "the thread came in without a reload");
  await reviewer.screenshot({ path: join(out, "pull-files.png"), fullPage: true });

  await reviewer.getByRole("tab", { name: "Conversation" }).click();
  await reviewer.getByLabel("Review", { exact: true }).fill("Good to go.");
  await reviewer.getByLabel("Verdict").selectOption("approved");
  await reviewer.getByRole("button", { name: "Submit review" }).click();
  await reviewer.getByText("Review submitted.").waitFor();
  assert.deepEqual(reviewerErrors, [], "no console errors for the reviewer");

  await page.reload();
  await page.getByText("bea approved these changes").waitFor();
  await page.getByTestId("line-thread").getByText("Or 3?").waitFor();
  await page.getByLabel("Merge method").selectOption("squash");
  await page.getByRole("button", { name: "Merge pull request" }).click();
  await page.getByText("Pull request merged.").waitFor();
  assert.equal(await page.getByTestId("pull-state").textContent(), "Merged");
  await page.screenshot({ path: join(out, "pull-merged.png"), fullPage: true });
  assert.match(git("ls-remote", `${server.base}/ada/engine.git`, "refs/heads/main"), /^[0-9a-f]{40}/);
  git("fetch", "-q", `${server.base}/ada/engine.git`, "main");
  assert.equal(git("log", "-1", "--format=%s", "FETCH_HEAD").trim(), "Go faster (#1)");
  assert.deepEqual(errors, [], "no console errors");
});
