// The main account flows in a real Chromium: sign up, see the dashboard, switch theme,
// create a token, sign out, sign in. Any console error (a CSP violation, a script failing)
// fails the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { browserSuite, out, watchConsole } from "./harness.mjs";

const suite = browserSuite();

async function newPage(options = {}) {
  const context = await suite.browser.newContext(options);
  const page = await context.newPage();
  const errors = watchConsole(page);
  return { context, page, errors };
}

test("sign up, dashboard, theme, token, sign out, sign in", async () => {
  const { server } = suite;
  const { context, page, errors } = await newPage();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });

  await page.goto(server.base + "/");
  await page.waitForURL(/\/signin\?next=\/$/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(/\/signup$/);
  await page.getByText("You are the first user").waitFor();
  await page.getByPlaceholder("Username").fill("alice");
  await page.getByPlaceholder("Email").fill("alice@example.com");
  await page.getByPlaceholder("Password (8 characters or more)").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("dashboard-title").waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  assert.equal(await page.getByTestId("dashboard-title").textContent(), "Welcome, alice");
  await page.screenshot({ path: join(out, "dashboard.png"), fullPage: true });

  // The theme switch applies at once and is remembered by the server across page loads.
  await page.getByTitle("Light or dark theme").click();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  await page.reload();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  await page.screenshot({ path: join(out, "dashboard-dark.png"), fullPage: true });
  await page.getByTitle("Light or dark theme").click();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "corporate");

  // Navigation goes through hx-boost; the token is shown once and the Alpine copy button works.
  await page.getByTestId("user-menu").click();
  await page.getByRole("link", { name: "Access tokens", exact: true }).click();
  await page.waitForURL(/\/settings\/tokens$/);
  await page.getByPlaceholder("Token name, e.g. laptop").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  assert.match(token, /^[0-9a-f]{40}$/);
  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  const api = await fetch(server.base + "/api/v1/user", { headers: { Authorization: `token ${token}` } });
  assert.equal((await api.json()).login, "alice");

  await page.getByTestId("user-menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin$/);

  await page.getByPlaceholder("Username or email").fill("alice");
  await page.getByPlaceholder("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("form-error").waitFor();
  assert.equal((await page.getByTestId("form-error").textContent()).trim(), "Invalid username or password.");
  await page.getByPlaceholder("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("dashboard-title").waitFor();

  assert.deepEqual(errors.filter((e) => !e.includes("401")), [], "no console errors");
  await context.close();
});

test("pages fit a phone-width screen", async () => {
  const { server } = suite;
  const { context, page, errors } = await newPage({ viewport: { width: 375, height: 740 } });
  for (const path of ["/signin", "/signup"]) {
    await page.goto(server.base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  await page.goto(server.base + "/signin");
  await page.screenshot({ path: join(out, "signin-phone.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
