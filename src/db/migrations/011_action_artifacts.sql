-- What jobs upload (actions/upload-artifact): versions per run and name, the files kept as a
-- gzipped tar under DATA_DIR/actions/artifacts/{run}/{id}.tar.gz until expires_at.
CREATE TABLE action_artifacts (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES action_runs(id) ON DELETE CASCADE,
    job_id INTEGER REFERENCES action_jobs(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    size BIGINT NOT NULL,
    files INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE (run_id, name, version)
);
CREATE INDEX action_artifacts_expiry ON action_artifacts(expires_at);
