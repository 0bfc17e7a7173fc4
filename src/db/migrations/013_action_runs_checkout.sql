-- The commit a run's jobs check out when it is not head_sha: for a pull request, the merge of
-- its head into its base (refs/pull/N/merge), as GitHub builds pull requests.
ALTER TABLE action_runs ADD COLUMN checkout_sha TEXT NOT NULL DEFAULT '';
