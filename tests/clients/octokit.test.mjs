// GitHub's own REST client, @octokit/rest from npm, driving our API (baseUrl …/api/v1) as a
// script written for GitHub would: repositories by owner/repo, issues and their comments, pull
// requests from a pushed branch, merged. Each call must succeed and answer in GitHub's shapes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startServer } from "../browser/harness.mjs";

const require = createRequire(join(process.env.WEB_DIR, "package.json"));
const { Octokit } = require("@octokit/rest");

const password = "correct horse battery";
let server, work;

before(async () => {
  server = await startServer();
  work = mkdtempSync(join(tmpdir(), "skyscape-octokit-"));
});
after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// Signs up through the form, as a browser would, and makes an access token with the password.
async function userWithToken(name) {
  const form = await fetch(`${server.base}/signup`);
  const cookie = form.headers.get("set-cookie").split(";")[0];
  const csrf = (await form.text()).match(/name="csrf_token" value="([^"]+)"/)[1];
  const signed = await fetch(`${server.base}/auth/signup`, {
    method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf_token: csrf, username: name, email: `${name}@example.com`, password }),
  });
  assert.ok(signed.status < 400, `sign-up answered ${signed.status}`);
  const res = await fetch(`${server.base}/api/v1/users/${name}/tokens`, {
    method: "POST", body: JSON.stringify({ name: "octokit" }),
    headers: { authorization: "Basic " + Buffer.from(`${name}:${password}`).toString("base64"), "content-type": "application/json" },
  });
  assert.equal(res.status, 201);
  return (await res.json()).token;
}

test("@octokit/rest works against the API", async () => {
  const token = await userWithToken("ada");
  const octokit = new Octokit({ auth: token, baseUrl: `${server.base}/api/v1`, userAgent: "skyscape-test" });
  const owner = "ada", repo = "Tools";

  const created = await octokit.rest.repos.createForAuthenticatedUser({ name: "Tools", description: "Made by octokit", auto_init: true });
  assert.equal(created.status, 201);
  assert.equal(created.data.full_name, "ada/Tools");
  const got = await octokit.rest.repos.get({ owner: "ADA", repo: "tools" });
  assert.equal(got.data.full_name, "ada/Tools");
  assert.equal(got.data.owner.login, "ada");
  assert.equal(got.data.default_branch, "main");
  assert.equal(got.data.html_url, `${server.base}/ada/Tools`);
  assert.equal(got.data.clone_url, `${server.base}/ada/Tools.git`);
  assert.equal(got.data.permissions.admin, true);

  const issue = await octokit.rest.issues.create({ owner, repo, title: "Crash at start", body: "Line one\r\nLine two ✓", labels: [] });
  assert.equal(issue.status, 201);
  assert.equal(issue.data.number, 1);
  assert.equal(issue.data.body, "Line one\r\nLine two ✓", "the body comes back as it was sent");
  assert.equal(issue.data.user.login, "ada");
  assert.equal(issue.data.html_url, `${server.base}/ada/Tools/issues/1`);
  const listed = await octokit.rest.issues.listForRepo({ owner, repo, state: "open" });
  assert.deepEqual(listed.data.map((i) => i.title), ["Crash at start"]);
  const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: "Seen it too." });
  assert.equal(comment.status, 201);
  assert.equal(comment.data.body, "Seen it too.");
  const closed = await octokit.rest.issues.update({ owner, repo, issue_number: 1, state: "closed" });
  assert.equal(closed.data.state, "closed");
  assert.equal((await octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data.comments, 1);

  // A branch pushed with git, then a pull request from it, merged.
  const git = (...args) => execFileSync("git", args, { cwd: work, env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Ada", GIT_AUTHOR_EMAIL: "ada@example.com", GIT_COMMITTER_NAME: "Ada", GIT_COMMITTER_EMAIL: "ada@example.com" } }).toString();
  const remote = `http://ada:${token}@${server.base.slice("http://".length)}/ada/Tools.git`;
  git("clone", "-q", remote, "wc");
  writeFileSync(join(work, "wc", "feature.txt"), "a feature\n");
  git("-C", "wc", "checkout", "-q", "-b", "feature");
  git("-C", "wc", "add", "feature.txt");
  git("-C", "wc", "commit", "-q", "-m", "Add a feature");
  git("-C", "wc", "push", "-q", "origin", "feature");
  const pull = await octokit.rest.pulls.create({ owner, repo, title: "Add a feature", head: "feature", base: "main" });
  assert.equal(pull.status, 201);
  assert.equal(pull.data.number, 2, "issues and pull requests share one sequence");
  assert.equal(pull.data.head.ref, "feature");
  assert.equal(pull.data.html_url, `${server.base}/ada/Tools/pull/2`);
  assert.deepEqual((await octokit.rest.pulls.list({ owner, repo })).data.map((p) => p.number), [2]);
  let mergeable = null;
  for (let i = 0; i < 50 && mergeable === null; i++) {
    mergeable = (await octokit.rest.pulls.get({ owner, repo, pull_number: 2 })).data.mergeable;
    if (mergeable === null) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(mergeable, true);
  const merged = await octokit.rest.pulls.merge({ owner, repo, pull_number: 2, merge_method: "squash" });
  assert.equal(merged.data.merged, true);
  assert.match(merged.data.sha, /^[0-9a-f]{40}$/);
  assert.equal((await octokit.rest.pulls.get({ owner, repo, pull_number: 2 })).data.merged, true);

  // Stars, and a rename whose old name still answers.
  await octokit.rest.activity.starRepoForAuthenticatedUser({ owner, repo });
  assert.equal((await octokit.rest.repos.get({ owner, repo })).data.stargazers_count, 1);
  assert.deepEqual((await octokit.rest.activity.listReposStarredByAuthenticatedUser()).data.map((r) => r.full_name), ["ada/Tools"]);
  const renamed = await octokit.rest.repos.update({ owner, repo, name: "Toolbox" });
  assert.equal(renamed.data.full_name, "ada/Toolbox");
  assert.equal((await octokit.rest.repos.get({ owner, repo: "Tools" })).data.full_name, "ada/Toolbox", "the old name redirects");

  // GitHub's errors: an unknown repository is a 404 the client raises as such.
  await assert.rejects(octokit.rest.repos.get({ owner, repo: "nothing" }), (e) => e.status === 404);
});

test("@octokit/rest drives organizations, teams and forks", async () => {
  const adaToken = await userWithToken("grace");
  const bobToken = await userWithToken("linus");
  const grace = new Octokit({ auth: adaToken, baseUrl: `${server.base}/api/v1`, userAgent: "skyscape-test" });
  const linus = new Octokit({ auth: bobToken, baseUrl: `${server.base}/api/v1`, userAgent: "skyscape-test" });

  // Gitea's POST /orgs (octokit has no call for it: GitHub makes organizations on its site).
  const made = await grace.request("POST /orgs", { username: "acme", full_name: "Acme Inc", description: "Things" });
  assert.equal(made.status, 201);
  const org = await grace.rest.orgs.get({ org: "acme" });
  assert.equal(org.data.login, "acme");
  assert.equal(org.data.type, "Organization");
  const repo = await grace.rest.repos.createInOrg({ org: "acme", name: "engine", private: true, auto_init: true });
  assert.equal(repo.status, 201);
  assert.equal(repo.data.full_name, "acme/engine");
  assert.equal(repo.data.owner.type, "Organization");
  assert.deepEqual((await grace.rest.repos.listForOrg({ org: "acme" })).data.map((r) => r.full_name), ["acme/engine"]);
  assert.deepEqual((await linus.rest.repos.listForOrg({ org: "acme" })).data, [], "private to outsiders");
  assert.deepEqual((await grace.rest.orgs.listMembers({ org: "acme" })).data.map((m) => m.login), ["grace"]);

  const team = await grace.rest.teams.create({ org: "acme", name: "Core Devs", permission: "push" });
  assert.equal(team.status, 201);
  assert.equal(team.data.slug, "core-devs");
  await grace.rest.teams.addOrUpdateMembershipForUserInOrg({ org: "acme", team_slug: "core-devs", username: "linus" });
  await grace.rest.teams.addOrUpdateRepoPermissionsInOrg({ org: "acme", team_slug: "core-devs", owner: "acme", repo: "engine", permission: "push" });
  const seen = await linus.rest.repos.get({ owner: "acme", repo: "engine" });
  assert.equal(seen.data.permissions.push, true);
  assert.equal(seen.data.permissions.admin, false);
  assert.deepEqual((await linus.rest.orgs.listForAuthenticatedUser()).data.map((o) => o.login), ["acme"]);

  // A fork into linus's namespace: GitHub answers 202 with the fork.
  const fork = await linus.rest.repos.createFork({ owner: "acme", repo: "engine" });
  assert.equal(fork.status, 202);
  assert.equal(fork.data.full_name, "linus/engine");
  assert.equal(fork.data.fork, true);
  assert.equal(fork.data.parent.full_name, "acme/engine");
  assert.deepEqual((await linus.rest.repos.listForks({ owner: "acme", repo: "engine" })).data.map((r) => r.full_name), ["linus/engine"]);
  assert.deepEqual((await grace.rest.repos.listForks({ owner: "acme", repo: "engine" })).data, [], "a private fork is its owner's");
  assert.equal((await grace.rest.repos.get({ owner: "acme", repo: "engine" })).data.forks_count, 1);

  await grace.rest.teams.removeMembershipForUserInOrg({ org: "acme", team_slug: "core-devs", username: "linus" });
  assert.equal((await linus.rest.repos.get({ owner: "acme", repo: "engine" })).data.permissions.push, false,
    "still a member (base permission read), no longer a writer");
});
