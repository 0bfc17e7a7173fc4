// Creating and finding repositories in a real Chromium: the HTMX create form (errors swap in
// place), the Alpine filter box, the repository page with clone URL and push instructions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { browserSuite, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("create repositories, filter them, open one", async () => {
  const { server, browser } = suite;
  const page = await browser.newPage();
  const errors = watchConsole(page);

  await signUp(page, server.base, "alice");

  await page.getByRole("link", { name: "Repositories" }).first().click();
  await page.waitForURL(/\/repos$/);
  const create = async (name) => {
    await page.getByPlaceholder("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create repository" }).click();
  };
  await create("a..b");
  await page.getByTestId("form-error").waitFor();
  assert.match(await page.getByTestId("form-error").textContent(), /cannot contain/);
  assert.equal(new URL(page.url()).pathname, "/repos", "the error swapped in without leaving the page");

  await create("Web App");
  await page.waitForURL(/\/alice\/Web-App$/);
  await page.getByTestId("push-instructions").waitFor();
  assert.equal(await page.getByTestId("clone-http").inputValue(), server.base + "/alice/Web-App.git");
  await page.screenshot({ path: join(out, "repo-empty.png"), fullPage: true });

  await page.goto(server.base + "/repos");
  await create("Tools");
  await page.waitForURL(/\/alice\/Tools$/);
  await page.goto(server.base + "/repos");
  const rows = page.getByTestId("repo-list").locator("li");
  assert.equal(await rows.count(), 2);
  await page.getByPlaceholder("Filter repositories").fill("web");
  await page.getByTestId("repo-list").locator('li[data-repo="alice/Tools"]').waitFor({ state: "hidden" });
  assert.equal(await page.getByTestId("repo-list").locator('li[data-repo="alice/Web-App"]').isVisible(), true);
  await page.screenshot({ path: join(out, "repos-filtered.png"), fullPage: true });

  // Star it from its header, then rename it from its settings: the old name leads to the new one.
  await page.goto(server.base + "/alice/Tools");
  await page.getByTestId("star").getByRole("button", { name: "Star" }).click();
  await page.getByTestId("star").getByRole("button", { name: "Unstar" }).waitFor();
  assert.equal(await page.getByTestId("star").getByLabel("Stars").textContent(), "1");
  await page.goto(server.base + "/alice/Tools/settings");
  await page.getByLabel("New name").fill("Tool Box");
  await page.getByRole("button", { name: "Rename" }).click();
  await page.waitForURL(/\/alice\/Tool-Box\/settings$/);
  assert.equal(await page.getByLabel("New name").inputValue(), "Tool-Box");
  await page.goto(server.base + "/alice/Tools/issues");
  assert.equal(new URL(page.url()).pathname, "/alice/Tool-Box/issues");

  // The 400 of the refused name is expected; htmx and Chromium both report it.
  assert.deepEqual(errors.filter((e) => !/status of 400|Error Code 400/.test(e)), [], "no console errors");
});
