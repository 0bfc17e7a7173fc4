// Starts the real build/workspace on a free loopback port with a temporary DATA_DIR, and drives
// Debian's Chromium against it.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

const require = createRequire(join(process.env.WEB_DIR, "package.json"));
const { chromium } = require("playwright-core");

// Where screenshots go (build/test-output).
export const out = process.env.TEST_OUT;

export async function startServer(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), "skyscape-browser-"));
  const child = spawn(process.env.WORKSPACE_BINARY, [], {
    env: { PATH: process.env.PATH, HOME: dir, HOST: "127.0.0.1", PORT: "0", SSH_PORT: "0", DATA_DIR: join(dir, "data"), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const port = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`workspace exited with ${code}:\n${log}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    log: () => log,
    async stop() {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium, headless, with the flags this machine's closed network needs.
export async function launchChromium(chromium) {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

// Collects the page's console errors and uncaught exceptions. Alpine reports expressions its
// CSP build cannot run as warnings: those are bugs too.
export function watchConsole(page) {
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.text().includes("Alpine")) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

// Signs up through the form and waits for the dashboard.
export async function signUp(page, base, username, password = "correct horse battery") {
  await page.goto(base + "/signup");
  await page.getByPlaceholder("Username").fill(username);
  await page.getByPlaceholder("Email").fill(`${username}@example.com`);
  await page.getByPlaceholder("Password (8 characters or more)").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("dashboard-title").waitFor();
}

// A test file's server, Chromium and scratch directory (for git working copies): started before
// its tests, stopped and removed after. The fields are set once `before` has run.
export function browserSuite(extraEnv = {}) {
  const suite = { server: null, browser: null, work: null };
  before(async () => {
    mkdirSync(out, { recursive: true });
    suite.server = await startServer(extraEnv);
    suite.browser = await launchChromium(chromium);
    suite.work = mkdtempSync(join(tmpdir(), "skyscape-work-"));
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    if (suite.work) rmSync(suite.work, { recursive: true, force: true });
  });
  return suite;
}

// `git …` in dir as Ada, with no system or user configuration and no prompts.
export function gitIn(dir, home) {
  return (...args) =>
    execFileSync("git", args, {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "Ada", GIT_AUTHOR_EMAIL: "ada@example.com",
             GIT_COMMITTER_NAME: "Ada", GIT_COMMITTER_EMAIL: "ada@example.com", GIT_TERMINAL_PROMPT: "0" },
    }).toString();
}

// Creates a repository through the form on /repos and waits for its page.
export async function createRepo(page, base, name) {
  await page.goto(base + "/repos");
  await page.getByPlaceholder("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create repository" }).click();
  await page.waitForURL(new RegExp(`/[a-z0-9-]+/${name}$`));
}
