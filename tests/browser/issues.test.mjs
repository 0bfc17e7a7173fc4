// Issues in a real Chromium: open one, comment without a reload (htmx), see the comment appear
// and the box empty, label it and see the label in its colour, close it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launchChromium, signUp, startServer, watchConsole } from "./harness.mjs";

const require = createRequire(join(process.env.WEB_DIR, "package.json"));
const { chromium } = require("playwright-core");
const out = process.env.TEST_OUT;
mkdirSync(out, { recursive: true });

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchChromium(chromium);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("open, comment in place, label, close", async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await page.goto(server.base + "/repos");
  await page.getByPlaceholder("Name", { exact: true }).fill("tracker");
  await page.getByRole("button", { name: "Create repository" }).click();
  await page.waitForURL(/\/repos\/tracker$/);

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
