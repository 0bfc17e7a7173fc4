-- Whether a run's jobs get the repository's secrets: not for a pull request whose author (or the
-- one who pushed to it) cannot write to the repository, as GitHub treats pull requests from
-- forks. Such a run stays queued, awaiting approval, until a writer approves it.
ALTER TABLE action_runs ADD COLUMN trusted INTEGER NOT NULL DEFAULT 1;
ALTER TABLE action_runs ADD COLUMN awaiting_approval INTEGER NOT NULL DEFAULT 0;
