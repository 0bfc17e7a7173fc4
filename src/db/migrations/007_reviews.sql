-- Reviews of pull requests, and comments on lines of their diffs. A line comment is anchored to
-- the head commit it was written on, a path and a line of the new (or old) file; when the pull
-- request's head moves and that line changes, it shows as outdated.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    state TEXT NOT NULL CHECK (state IN ('commented', 'approved', 'changes_requested')),
    body TEXT NOT NULL DEFAULT '',
    commit_sha TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX reviews_issue ON reviews(issue_id, id);

CREATE TABLE line_comments (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    review_id INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    parent_id INTEGER REFERENCES line_comments(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    commit_sha TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('new', 'old')),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX line_comments_issue ON line_comments(issue_id, id);
