#pragma once

namespace search {

//! `workspace search reindex [repo]`: rebuilds the index of one repository, or of all, now,
//! from the environment's DATA_DIR (the server may keep running). Returns the exit status.
int run_cli(int argc, char** argv);

}  // namespace search
