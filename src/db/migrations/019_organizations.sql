-- Organizations own repositories as users do, so they are rows of users too (Gitea's model):
-- user and organization names share one namespace and repos.owner_id names either. An
-- organization cannot sign in: it has no password hash, and its email column holds '@' and its
-- name, which no address can be, to keep the column unique.
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'user';
-- A profile, for people and organizations alike. avatar is the content type of an uploaded
-- picture (DATA_DIR/avatars/{id}), '' for the generated identicon.
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN avatar TEXT NOT NULL DEFAULT '';
-- What every member of an organization may do with its repositories (GitHub's base permission).
ALTER TABLE users ADD COLUMN base_role TEXT NOT NULL DEFAULT 'read';

CREATE TABLE org_members (
    org_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_user ON org_members(user_id);

-- A team grants its members a role on the repositories added to it; permission is the role a
-- repository gets when it is added without one.
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    permission TEXT NOT NULL CHECK (permission IN ('read', 'write', 'admin')),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX teams_org_slug ON teams(org_id, slug);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members(user_id);

CREATE TABLE team_repos (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    PRIMARY KEY (team_id, repo_id)
);
CREATE INDEX team_repos_repo ON team_repos(repo_id);
