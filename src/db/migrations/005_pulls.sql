-- A pull request is an issue (is_pull = 1, same number sequence) plus the branches it merges.
-- base_sha / head_sha are the tips when mergeability was last computed; it is computed again
-- whenever either branch moves.
CREATE TABLE pulls (
    issue_id INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    base_branch TEXT NOT NULL,
    head_branch TEXT NOT NULL,
    base_sha TEXT NOT NULL,
    head_sha TEXT NOT NULL,
    draft INTEGER NOT NULL DEFAULT 0,
    mergeable TEXT NOT NULL DEFAULT 'unknown' CHECK (mergeable IN ('unknown', 'clean', 'conflict')),
    conflicts TEXT NOT NULL DEFAULT '',
    merged_at BIGINT,
    merged_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    merge_commit TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pulls_branches ON pulls(base_branch, head_branch);
