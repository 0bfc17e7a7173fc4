-- Remote runners: machines that run jobs whose runs-on labels they all have. A runner
-- registers with a one-time registration token (from the admin page) and then authenticates
-- with its own token; both are kept as hashes.
CREATE TABLE runners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    labels TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_contact BIGINT
);

CREATE TABLE runner_registrations (
    token_hash TEXT PRIMARY KEY,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
