-- People watching a repository hear of its new issues, pull requests and comments. Creating a
-- repository watches it, as on GitHub.
CREATE TABLE watches (
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (repo_id, user_id)
);
CREATE INDEX watches_user ON watches(user_id);

-- Reviews asked of people on a pull request; the request is answered (and the row goes) when
-- they submit a review.
CREATE TABLE review_requests (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (issue_id, user_id)
);
