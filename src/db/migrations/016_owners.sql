-- Repositories are addressed as owner/name, as on GitHub: a name is unique per owner whatever
-- its case, and the owner is the repository's owner_id (its creator until now). The id stays
-- the key everything else refers to and the directory's name on disk, so a rename or a transfer
-- touches one row; new repositories get an opaque id. A name that was typed with characters a
-- URL name cannot hold becomes the id it was given then, which was made from it.
UPDATE repos SET name = id WHERE lower(name) <> id;
CREATE UNIQUE INDEX repos_owner_name ON repos(owner_id, lower(name));
