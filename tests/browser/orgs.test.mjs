// Organizations, teams, avatars and forks in a real Chromium, clicked through as a person would:
// the user menu's New organization, the people and team forms, the settings form's text kept as
// typed and an avatar file chosen with the file picker, the owner picker of the new-repository
// form, and the Fork button of a repository's header.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { browserSuite, out, signUp, watchConsole } from "./harness.mjs";

const suite = browserSuite();

// A 2×3 PNG, to tell it from the identicon by its size.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEUlEQVR4nGP4z8DwH4QZMBgAoXkL9U3EmgcAAAAASUVORK5CYII=", "base64");

test("an organization with a team, an avatar and a private repository; a fork of a public one", async () => {
  const { server, browser } = suite;
  const alice = await browser.newPage();
  const errors = watchConsole(alice);
  await signUp(alice, server.base, "alice");
  const bob = await browser.newPage();
  await signUp(bob, server.base, "bob");

  // The user menu leads to the form.
  await alice.getByTestId("user-menu").click();
  await alice.locator("header").getByRole("link", { name: "New organization" }).click();
  await alice.getByPlaceholder("Organization name").fill("acme");
  await alice.getByPlaceholder("Display name (optional)").fill("Acme Inc");
  await alice.getByRole("button", { name: "Create organization" }).click();
  await alice.waitForURL(/\/acme$/);
  assert.equal(await alice.getByTestId("profile-login").textContent(), "acme");

  // Settings keep several lines as typed; the avatar comes from the file picker.
  await alice.getByRole("link", { name: "Settings" }).first().click();
  await alice.waitForURL(/\/orgs\/acme\/settings$/);
  const description = "Makers of things.\nSince 1867 — ünïcode too.";
  await alice.getByPlaceholder("Description").fill(description);
  await alice.getByRole("button", { name: "Save" }).click();
  await alice.waitForURL(/\/orgs\/acme\/settings$/);
  assert.equal(await alice.getByPlaceholder("Description").inputValue(), description);
  await alice.getByLabel("Avatar image").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await alice.getByRole("button", { name: "Upload" }).click();
  await alice.getByText("Avatar saved.").waitFor();
  const width = await alice.getByTestId("avatar-preview").evaluate((img) => img.complete && img.naturalWidth);
  assert.equal(width, 2, "the uploaded picture shows at once, not the identicon");
  await alice.screenshot({ path: join(out, "org-settings.png"), fullPage: true });

  // A private repository of acme, through the owner picker.
  await alice.goto(server.base + "/repos");
  await alice.getByTestId("owner-picker").selectOption("acme");
  await alice.getByPlaceholder("Name", { exact: true }).fill("engine");
  await alice.getByLabel("Private").check();
  await alice.getByRole("button", { name: "Create repository" }).click();
  await alice.waitForURL(/\/acme\/engine$/);

  // bob joins through a team that reaches it.
  await alice.goto(server.base + "/orgs/acme/teams");
  await alice.getByPlaceholder("Team name").fill("Core Devs");
  await alice.locator('select[name="permission"]').selectOption("write");
  await alice.getByRole("button", { name: "Create team" }).click();
  await alice.waitForURL(/\/orgs\/acme\/teams\/core-devs$/);
  await alice.getByLabel("Username").fill("bob");
  await alice.getByRole("button", { name: "Add member" }).click();
  await alice.getByTestId("team-members").locator('[data-member="bob"]').waitFor();
  await alice.getByLabel("Repository name").fill("engine");
  await alice.getByRole("button", { name: "Add", exact: true }).click();
  await alice.getByTestId("team-repos").locator('[data-repo="acme/engine"]').waitFor();
  await alice.screenshot({ path: join(out, "org-team.png"), fullPage: true });
  await alice.goto(server.base + "/orgs/acme/people");
  const bobRow = alice.getByTestId("member-list").locator('[data-member="bob"]');
  assert.equal(await bobRow.count(), 1, "a team member is a member");
  await bobRow.getByLabel("Role of bob").selectOption("owner");
  await bobRow.getByRole("button", { name: "Change" }).click();
  await alice.getByText("bob is now an owner of acme.").waitFor();
  assert.equal(await alice.getByTestId("member-list").locator('[data-member="bob"]').getByLabel("Role of bob").inputValue(), "owner");

  // The owner filters apply as soon as an owner is picked.
  await alice.goto(server.base + "/repos");
  await alice.getByTestId("owner-filter").getByLabel("Owner").selectOption("acme");
  await alice.waitForURL(/\/repos\?owner=acme$/);
  assert.equal(await alice.getByTestId("repo-list").locator('[data-repo="acme/engine"]').count(), 1);
  await alice.goto(server.base + "/");
  await alice.getByTestId("dashboard-owner-filter").getByLabel("Owner").selectOption("acme");
  await alice.waitForURL(/\/\?owner=acme$/);
  assert.equal(await alice.getByTestId("dashboard-repos").locator('[data-repo="acme/engine"]').count(), 1);

  // A person's profile form keeps its text as typed, and the profile shows it.
  await bob.goto(server.base + "/settings");
  const bio = "Builds engines.\nLikes ünïcode & <tags>.";
  await bob.getByPlaceholder("Name", { exact: true }).fill("Bob Builder");
  await bob.getByPlaceholder("Bio").fill(bio);
  await bob.getByRole("button", { name: "Save profile" }).click();
  await bob.getByText("Profile saved.").waitFor();
  assert.equal(await bob.getByPlaceholder("Bio").inputValue(), bio);
  await bob.goto(server.base + "/bob");
  assert.equal(await bob.getByTestId("profile-bio").textContent(), bio);

  await bob.goto(server.base + "/acme/engine");
  assert.equal(await bob.getByTestId("repo-title").textContent(), "engine");

  // bob forks alice's public repository from its header.
  await alice.goto(server.base + "/repos");
  await alice.getByTestId("owner-picker").selectOption("alice");
  await alice.getByPlaceholder("Name", { exact: true }).fill("site");
  await alice.getByRole("button", { name: "Create repository" }).click();
  await alice.waitForURL(/\/alice\/site$/);
  await bob.goto(server.base + "/alice/site");
  await bob.getByTestId("fork").getByRole("button", { name: "Fork" }).click();
  await bob.getByRole("button", { name: "Create fork" }).click();
  await bob.waitForURL(/\/bob\/site$/);
  assert.match(await bob.getByTestId("forked-from").textContent(), /forked from alice\/site/);
  await bob.screenshot({ path: join(out, "fork.png"), fullPage: true });
  await bob.goto(server.base + "/alice/site");
  await bob.getByTestId("fork").getByLabel("Forks").click();
  await bob.getByTestId("fork-list").locator('[data-repo="bob/site"]').waitFor();

  assert.deepEqual(errors, [], "no console errors");
});
