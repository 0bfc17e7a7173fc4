-- CI/CD. An action is a workflow a repository has: a file of .github/workflows or
-- .skyscape/workflows (its row made when the file is first seen), or one defined in the web UI,
-- whose workflow YAML is kept here. A trigger token (its hash) lets outside services start it.
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    trigger_token_hash TEXT NOT NULL DEFAULT '',
    last_schedule BIGINT NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (repo_id, file)
);

-- One run of an action for one commit. It keeps the workflow text it was made from, so a re-run
-- runs the same jobs. Statuses: queued, running, then how it ended.
CREATE TABLE action_runs (
    id INTEGER PRIMARY KEY,
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    event TEXT NOT NULL,
    ref TEXT NOT NULL DEFAULT '',
    head_sha TEXT NOT NULL,
    pull_number INTEGER NOT NULL DEFAULT 0,
    base_ref TEXT NOT NULL DEFAULT '',
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'success', 'failure', 'cancelled', 'timed_out', 'skipped')),
    workflow TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '{}',
    concurrency_group TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    UNIQUE (action_id, number)
);
CREATE INDEX action_runs_repo ON action_runs(repo_id, id);
CREATE INDEX action_runs_sha ON action_runs(repo_id, head_sha);
CREATE INDEX action_runs_active ON action_runs(status, id);

-- The durable queue: a job waits for the jobs it needs, is queued, runs (here or on a remote
-- runner), and ends. A matrix job has one row per cell.
CREATE TABLE action_jobs (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES action_runs(id) ON DELETE CASCADE,
    job_key TEXT NOT NULL,
    cell INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    matrix TEXT NOT NULL DEFAULT '{}',
    runs_on TEXT NOT NULL DEFAULT '',
    concurrency_group TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'queued', 'running', 'success', 'failure', 'cancelled', 'timed_out', 'skipped')),
    runner_id INTEGER,
    runner_name TEXT NOT NULL DEFAULT '',
    sandbox TEXT NOT NULL DEFAULT '',
    outputs TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
CREATE INDEX action_jobs_run ON action_jobs(run_id);
CREATE INDEX action_jobs_status ON action_jobs(status, id);

CREATE TABLE action_steps (
    job_id INTEGER NOT NULL REFERENCES action_jobs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'success', 'failure', 'cancelled', 'skipped')),
    started_at BIGINT,
    finished_at BIGINT,
    PRIMARY KEY (job_id, number)
);

-- runs-on labels and the image a job with that label runs in (the site administrator's setting).
CREATE TABLE runner_images (
    label TEXT PRIMARY KEY,
    image TEXT NOT NULL
);

-- Repository secrets for jobs: nonce and secretbox ciphertext, base64, under a key derived from
-- AUTH_SECRET. Never shown again once written.
CREATE TABLE action_secrets (
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sealed TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (repo_id, name)
);
