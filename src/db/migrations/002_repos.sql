-- Repositories and their collaborators. A row is visible only in state 'ready': 'creating' and
-- 'deleting' mark work between the database and the disk that start-up finishes or undoes.
CREATE TABLE repos (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_id INTEGER NOT NULL REFERENCES users(id),
    is_private INTEGER NOT NULL DEFAULT 0,
    default_branch TEXT NOT NULL DEFAULT 'main',
    state TEXT NOT NULL DEFAULT 'creating',
    size_bytes BIGINT NOT NULL DEFAULT 0,
    pushed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX repos_state ON repos(state);

CREATE TABLE collaborators (
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    PRIMARY KEY (repo_id, user_id)
);
CREATE INDEX collaborators_user ON collaborators(user_id);

-- Ref updates a push proposes, written by the pre-receive hook. Once the push is over (or at
-- start-up, after a crash) each is settled against the ref on disk: if the ref moved it becomes
-- an event, and either way the row goes. So an event exists exactly when its ref moved.
CREATE TABLE pending_ref_updates (
    id INTEGER PRIMARY KEY,
    push_id TEXT NOT NULL,
    repo_id TEXT NOT NULL,
    actor_id INTEGER,
    ref TEXT NOT NULL,
    old_sha TEXT NOT NULL,
    new_sha TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX pending_ref_updates_push ON pending_ref_updates(push_id);

-- The durable event log. Ids grow in commit order, which is what subscribers' cursors rely on.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    repo_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor_id INTEGER,
    ref TEXT NOT NULL DEFAULT '',
    old_sha TEXT NOT NULL DEFAULT '',
    new_sha TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX events_repo ON events(repo_id, id);

-- How far each in-process subscriber has handled the events: delivery is at least once.
CREATE TABLE event_cursors (
    subscriber TEXT PRIMARY KEY,
    last_event_id INTEGER NOT NULL
);
