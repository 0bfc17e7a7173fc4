// Issues in a real Chromium: open one, comment without a reload (htmx), see the comment appear
// and the box empty, label it and see the label in its colour, close it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { browserSuite, createRepo, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

test("open, comment in place, label, close", async () => {
  const { server, browser } = suite;
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "tracker");

  await page.getByRole("tab", { name: "Issues" }).click();
  await page.getByRole("link", { name: "Labels" }).click();
  await page.getByLabel("Name").fill("bug");
  await page.getByLabel("Color").fill("d73a4a");
  await page.getByRole("button", { name: "Create label" }).click();
  await page.getByText("Label bug created.").waitFor();

  await page.getByRole("tab", { name: "Issues" }).click();
  await page.getByTestId("new-issue").click();
  await page.getByLabel("Title").fill("Engine stalls");
  await page.getByLabel("Description").fill("It stalls **at once**.");
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByTestId("preview").locator("strong", { hasText: "at once" }).waitFor();
  await page.getByRole("button", { name: "Create issue" }).click();
  await page.waitForURL(/\/issues\/1$/);
  assert.match(await page.getByTestId("issue-title").textContent(), /Engine stalls\s+#1/);

  const before = await page.evaluate(() => performance.getEntriesByType("navigation").length + ":" + performance.timeOrigin);
  await page.getByLabel("Comment", { exact: true }).fill("Seen on *every* start");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await page.getByTestId("timeline").getByTestId("comment").locator("em", { hasText: "every" }).waitFor();
  assert.equal(await page.getByLabel("Comment", { exact: true }).inputValue(), "", "the box empties");
  assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length + ":" + performance.timeOrigin), before,
    "no reload");

  await page.getByLabel("Labels").fill("bug");
  await page.getByRole("button", { name: "Save" }).first().click();
  await page.getByText("Labels and assignees saved.").waitFor();
  const badge = page.getByTestId("labels").getByText("bug");
  assert.equal(await badge.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(215, 58, 74)");
  await page.getByRole("button", { name: "Close issue" }).click();
  await page.getByText("Issue closed.").waitFor();
  assert.equal(await page.getByTestId("issue-state").textContent(), "Closed");
  await page.screenshot({ path: join(out, "issue.png"), fullPage: true });
  assert.deepEqual(errors, [], "no console errors");
});
