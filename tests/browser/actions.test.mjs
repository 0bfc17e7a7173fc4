// CI in a real Chromium against the real container engine: a push starts a run, its page
// shows the log as the job writes it (colours included) without a reload, the page settles on
// the result, and a re-run starts again from the button.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite({ DOCKER_HOST: process.env.DOCKER_HOST ?? "", ACTIONS_IMAGE: "localhost/skyscape/busybox:latest" });

test("a pushed workflow runs and its log streams into the run page", async () => {
  const { server, browser, work } = suite;
  assert.ok(process.env.DOCKER_HOST, "run through `make test`, which starts the container engine");
  const git = gitIn(join(work, "wc"), work);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "rocket");
  mkdirSync(join(work, "wc", ".github", "workflows"), { recursive: true });
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "README.md"), "# Rocket\n");
  writeFileSync(join(work, "wc", ".github", "workflows", "ci.yml"), `name: Launch
on: push
jobs:
  countdown:
    runs-on: linux
    steps:
      - uses: actions/checkout@v4
      - name: Count down
        run: |
          for i in 9 8 7 6 5 4 3 2 1; do printf '\\033[32mT-%s\\033[0m\\n' $i; sleep 0.6; done
  liftoff:
    needs: countdown
    runs-on: linux
    steps:
      - run: echo "liftoff from $(cat README.md 2>/dev/null || echo space)"
`);
  git("add", "-A");
  git("commit", "-qm", "Launch");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/ada/rocket.git`, "main");

  await page.goto(`${server.base}/ada/rocket/actions`);
  const row = page.getByTestId("run").first();
  await row.waitFor();
  await row.getByRole("link", { name: "Launch #1" }).click();
  await page.waitForURL(/\/actions\/runs\/\d+$/);
  await page.evaluate(() => { window.stillThisPage = true; });
  // The countdown arrives while the job runs; the page was loaded before it ended.
  const countdown = page.locator(".log .ansi-fg-2", { hasText: "T-1" });
  await countdown.waitFor({ timeout: 30000 });
  assert.equal(await page.evaluate(() => window.stillThisPage), true, "the log came in without a reload");
  await page.screenshot({ path: join(out, "actions-run-live.png"), fullPage: true });

  // At its end the page reloads once with the result.
  await page.waitForFunction(() => document.querySelector("#run")?.dataset.status === "success", null, { timeout: 60000 });
  assert.equal(await page.getByTestId("job-node").count(), 2);
  assert.match(await page.locator("#run").textContent(), /liftoff from space/);
  await page.screenshot({ path: join(out, "actions-run.png"), fullPage: true });

  await page.getByTestId("rerun").click();
  await page.waitForFunction(() => /attempt 2/.test(document.body.textContent) && document.querySelector("#run")?.dataset.status === "success",
    null, { timeout: 60000 });

  await page.goto(`${server.base}/ada/rocket/actions/stats`);
  assert.equal(await page.getByTestId("runs").textContent(), "1");
  assert.equal(await page.getByTestId("runs-per-day").count(), 1);
  await page.screenshot({ path: join(out, "actions-stats.png"), fullPage: true });
  assert.deepEqual(errors, [], "no console errors");
});
