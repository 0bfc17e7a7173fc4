-- The names a renamed or transferred repository had: the old owner/name keeps answering with a
-- redirect to the repository (web, API, git) until a repository takes that name again, as on
-- GitHub. The repository's row is never touched by a rename but for its name and owner.
CREATE TABLE repo_redirects (
    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    lower_name TEXT NOT NULL,
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, lower_name)
);
CREATE INDEX repo_redirects_repo ON repo_redirects(repo_id);
