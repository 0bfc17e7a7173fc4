#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "core/result.hpp"

//! Child processes: git, bubblewrap and the other programs the server runs.
namespace core::process {

struct Spec {
    std::vector<std::string> argv;  //!< argv[0] is looked up on PATH
    std::vector<std::string> env;   //!< "NAME=value": the child's whole environment
    //! What becomes the child's stdin, stdout and stderr; -1 is /dev/null.
    int in = -1, out = -1, err = -1;
    bool new_process_group = false;  //!< the child leads a group of its own (kill(-pid) reaches all of it)
};

//! Starts the child with stdin, stdout and stderr only: every other descriptor of the server
//! (its listening sockets, clients' connections, the database, pipes to other children) is
//! closed in it, whether or not it was opened close-on-exec, so no child can accept() or read
//! what is not its own. The caller keeps (and closes) its copies of in, out and err.
core::Result<pid_t> spawn(const Spec& spec);

//! Marks a descriptor close-on-exec, for those a library opened without it (Asio's and
//! libssh's sockets); spawn() closes them in its children anyway, this covers any other exec.
void close_on_exec(int fd);

//! The environment this server was started with, as a Spec's env.
std::vector<std::string> inherited_environment();

}  // namespace core::process
