-- A fork names the repository it was forked from; deleting that one leaves the fork standing
-- (its objects copied in first) with no parent.
ALTER TABLE repos ADD COLUMN fork_of TEXT REFERENCES repos(id) ON DELETE SET NULL;
CREATE INDEX repos_fork_of ON repos(fork_of);

-- A pull request from a fork names the fork; its head branch is the fork's, mirrored into the
-- base repository as refs/forks/{head_repo_id}/heads/{branch}. '' is the base repository itself.
ALTER TABLE pulls ADD COLUMN head_repo_id TEXT NOT NULL DEFAULT '';
CREATE INDEX pulls_head_repo ON pulls(head_repo_id, head_branch);
