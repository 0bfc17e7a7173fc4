-- The code search index, kept in DATA_DIR/search.db apart from workspace.db: it is derived from
-- the repositories (`workspace search reindex` rebuilds it) and its long write transactions
-- never hold up the application's.
--
-- A document is one blob, stored once however many repositories and paths hold it: its text
-- for checking matches, and its trigrams in an FTS5 table (trigram tokenizer, detail=none:
-- which documents hold a trigram, not where) that narrows every query.
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    oid TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
);
CREATE VIRTUAL TABLE trigrams USING fts5(text, content='', tokenize='trigram', detail=none);

-- The files of each repository's default branch, by path.
CREATE TABLE files (
    repo_id TEXT NOT NULL,
    path TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES docs(id),
    PRIMARY KEY (repo_id, path)
);
CREATE INDEX files_doc ON files(doc_id);

-- What each repository's index holds: the commit it was built from.
CREATE TABLE indexed (
    repo_id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    files INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    indexed_at BIGINT NOT NULL
);
