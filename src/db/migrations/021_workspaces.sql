-- A workspace: one person's VS Code on a clone of one branch of a repository, in a sandbox of
-- its own. Its files live in DATA_DIR/workspaces/{id}; its state moves only through
-- workspaces::Service (GitHub's Codespaces states: Queued, Starting, Available, ShuttingDown,
-- Shutdown, Rebuilding, Failed).
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    state TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    last_used_at INTEGER NOT NULL,
    disk_bytes INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id, repo_id, ref)
);
CREATE INDEX workspaces_repo ON workspaces(repo_id);

-- An access token that reaches one repository only, over git (a workspace's credential); it
-- is not listed among the user's tokens and goes with its workspace.
ALTER TABLE access_tokens ADD COLUMN repo_id TEXT REFERENCES repos(id) ON DELETE CASCADE;
ALTER TABLE access_tokens ADD COLUMN workspace_id TEXT REFERENCES workspaces(id) ON DELETE CASCADE;
