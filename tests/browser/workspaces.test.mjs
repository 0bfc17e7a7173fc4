// VS Code in the browser as a writer uses it: the repository's Code panel opens a workspace whose
// IDE comes up on the workspaces' own origin (the next port); a file edited and saved there is
// there after a reload; the terminal runs commands; a commit pushed from the terminal lands in
// the repository as its user; stopped and started again from "Your workspaces", it holds the
// same files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite, createRepo, gitIn, out, signUp } from "./harness.mjs";

const suite = browserSuite();
const line = "Written in the workspace — ünïcode ✓";

// The workbench of the workspace the page is on, once VS Code has drawn it.
async function workbench(page) {
  await page.locator(".monaco-workbench").waitFor({ timeout: 90000 });
  await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ timeout: 60000 });
}

async function command(page, name) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(">" + name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
  await page.keyboard.press("Enter");
}

async function openFile(page, name) {
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).first().click();
  await page.locator(".tab.active", { hasText: name }).waitFor();
}

// The open editor shows the line written in the workspace. Opened while the reloaded page is
// still connecting, VS Code may show the copy it cached; reverting reads the disk.
async function showsEdit(page) {
  const edited = page.locator(".monaco-editor .view-lines", { hasText: /Written\sin\sthe\sworkspace/ }).first();
  try {
    await edited.waitFor({ timeout: 10000 });
  } catch {
    await command(page, "File: Revert File");
    await edited.waitFor();
  }
}

// What the terminal shows, from xterm's rows: drawn on a canvas, they are in the DOM only in
// screen reader mode (its accessibility tree) or with the DOM renderer.
async function terminalText(page) {
  return page.evaluate(() => [...document.querySelectorAll(".terminal .xterm-rows, .terminal .xterm-accessibility-tree")]
    .map((e) => e.innerText).join("\n"));
}

async function inTerminal(page, commandLine, expected) {
  await page.locator(".terminal .xterm-helper-textarea").first().focus();
  await page.keyboard.type(commandLine);
  await page.keyboard.press("Enter");
  const deadline = Date.now() + 30000;
  while (!expected.test(await terminalText(page))) {
    assert.ok(Date.now() < deadline, `the terminal did not show ${expected} after ${commandLine}:\n${await terminalText(page)}`);
    await page.waitForTimeout(200);
  }
}

test("a writer opens VS Code from the repository page, edits, runs, commits and pushes", async () => {
  const { server, browser, work } = suite;
  const forgePort = new URL(server.base).port;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signUp(page, server.base, "ada");
  await createRepo(page, server.base, "notebook");
  mkdirSync(join(work, "wc"));
  const git = gitIn(join(work, "wc"), work);
  git("init", "-qb", "main");
  writeFileSync(join(work, "wc", "README.md"), "# Notebook\n");
  git("add", "-A");
  git("commit", "-qm", "First page");
  git("push", "-q", `http://ada:correct%20horse%20battery@${server.base.slice("http://".length)}/ada/notebook.git`, "main");

  await page.goto(`${server.base}/ada/notebook`);
  await page.getByTestId("open-workspace").click();
  await page.waitForURL((url) => url.port !== forgePort && /^\/coder\/ada-notebook-[0-9a-f]+\/$/.test(url.pathname), { timeout: 90000 });
  const ide = new URL(page.url());
  const name = ide.pathname.split("/")[2];
  await workbench(page);
  await page.screenshot({ path: join(out, "workspace-workbench.png") });

  // Edit and save a file.
  await openFile(page, "README.md");
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(line + "\n");
  await page.keyboard.press("Control+S");
  await page.screenshot({ path: join(out, "workspace-edit.png") });

  // The terminal runs commands, sees the saved file, and git there pushes to the forge as Ada.
  await command(page, "Toggle Screen Reader Accessibility Mode");
  await command(page, "Terminal: Create New Terminal");
  await page.locator(".terminal .xterm-helper-textarea").first().waitFor({ state: "attached", timeout: 30000 });
  await inTerminal(page, "echo $((6*7))", /^42\s*$/m);
  await inTerminal(page, "until grep -q 'Written in the workspace' README.md; do sleep 0.2; done; echo saved-$((6*7))", /saved-42/);
  await page.screenshot({ path: join(out, "workspace-terminal.png") });
  await inTerminal(page, "git commit -qam 'From the workspace' && git push -q && echo pushed-$((6*7))", /pushed-42/);

  // After a reload the editor holds the change.
  await page.reload();
  await workbench(page);
  await openFile(page, "README.md");
  await showsEdit(page);

  const forge = await context.newPage();
  await forge.goto(`${server.base}/ada/notebook/commits`);
  const commit = forge.locator("li.list-row", { hasText: "From the workspace" });
  assert.match(await commit.textContent(), /ada committed/);
  await forge.goto(`${server.base}/ada/notebook/activity`);
  assert.equal(await forge.getByText("pushed to main").count(), 2, "the first push and the workspace's");
  await forge.goto(`${server.base}/ada/notebook`);
  await forge.getByText(line).waitFor();

  // Stopped and started again from "Your workspaces": the same files.
  await forge.goto(`${server.base}/workspaces`);
  const row = forge.locator(`tr[data-workspace="${name}"]`);
  assert.equal(await row.getByTestId("state").textContent(), "Available");
  await row.getByRole("button", { name: "Stop" }).click();
  await forge.getByText(`Workspace ${name} stopped; its files are kept.`).waitFor();
  assert.equal(await forge.locator(`tr[data-workspace="${name}"]`).getByTestId("state").textContent(), "Shutdown");
  await forge.screenshot({ path: join(out, "workspaces-list.png"), fullPage: true });
  await forge.locator(`tr[data-workspace="${name}"]`).getByRole("button", { name: "Start" }).click();
  await forge.waitForURL((url) => url.port === ide.port, { timeout: 90000 });
  await workbench(forge);
  await openFile(forge, "README.md");
  await showsEdit(forge);
  await context.close();
});
