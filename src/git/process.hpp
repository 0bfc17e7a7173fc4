#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace git {

enum class Service { upload_pack, receive_pack, upload_archive };

//! "upload-pack" etc.; the only git subcommands the server ever runs.
const char* service_name(Service service);

//! A `git <service> [--stateless-rpc]` child with its stdin and stdout as asio descriptors on
//! the caller's executor. The destructor kills and reaps a child still running, so a client
//! that hangs up never leaves a git process behind.
class Process {
public:
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    ~Process();

    //! repo must be an absolute path (so it can never read as an option). env entries are
    //! "NAME=value" and replace the server's environment for the child.
    static core::Result<std::unique_ptr<Process>> start(boost::asio::any_io_executor executor, Service service,
                                                        const std::filesystem::path& repo, bool advertise_refs,
                                                        const std::vector<std::string>& env);

    //! `git --git-dir=repo archive --format=… --prefix=… commit` streaming the archive to out().
    //! commit must be a full object id (so it can never read as an option).
    static core::Result<std::unique_ptr<Process>> archive(boost::asio::any_io_executor executor,
                                                          const std::filesystem::path& repo, const std::string& format,
                                                          const std::string& prefix, const std::string& commit,
                                                          const std::vector<std::string>& env);

    //! `git --git-dir=repo cat-file blob id` streaming the blob to out(). id must be a full
    //! object id.
    static core::Result<std::unique_ptr<Process>> cat_blob(boost::asio::any_io_executor executor, const std::filesystem::path& repo,
                                                           const std::string& id, const std::vector<std::string>& env);

    //! The child alone, for callers that pump its pipes themselves (the SSH server): stateless
    //! for smart HTTP, git's full protocol otherwise. Fills pid, stdin and stdout descriptors.
    static core::Status spawn(Service service, const std::filesystem::path& repo, bool stateless, bool advertise_refs,
                              const std::vector<std::string>& env, pid_t& pid, int& in_fd, int& out_fd);

    boost::asio::posix::stream_descriptor& in() { return in_; }
    boost::asio::posix::stream_descriptor& out() { return out_; }
    //! Closes the child's stdin so it sees the end of its input.
    void close_input();
    //! Closes both pipes and waits for the child to exit; the exit code. Call it once stdout
    //! reached its end, or when what is left of it is not wanted (the child then fails to write).
    int wait();

private:
    Process(boost::asio::any_io_executor executor, pid_t pid, int in_fd, int out_fd);

    pid_t pid_;
    boost::asio::posix::stream_descriptor in_;
    boost::asio::posix::stream_descriptor out_;
};

//! `git --git-dir=repo blame --porcelain commit -- path`, its whole output, or invalid when git
//! fails, runs past `timeout` (it is killed) or writes more than max_bytes. commit must be a
//! full object id and path a checked repository path (so neither can read as an option).
core::Result<std::string> blame_porcelain(const std::filesystem::path& repo, const std::string& commit,
                                          const std::string& path, std::chrono::milliseconds timeout,
                                          std::size_t max_bytes);

//! The files of a commit as a tar archive under prefix/ (`git archive --format=tar`) written to
//! file, for a CI job's checkout: on the disk, never in memory, and refused past max_bytes.
core::Status archive_to(const std::filesystem::path& repo, const std::string& commit, const std::string& prefix,
                        const std::filesystem::path& file, std::uint64_t max_bytes);

//! Mirrors a branch of another repository on this disk into repo as dst_ref (`git fetch
//! --no-tags from +refs/heads/{branch}:{dst_ref}`), forced: a fork's branch a pull request
//! merges from. branch must be a valid branch name.
core::Status fetch_branch(const std::filesystem::path& repo, const std::filesystem::path& from, const std::string& branch,
                          const std::string& dst_ref);

//! Copies into a fork every object it borrows from the repository it was forked from (`git
//! repack -a -d`, which packs what alternates lend too) and stops borrowing: before that
//! repository goes, so the fork keeps working. Failure leaves the fork as it was.
core::Status dissociate(const std::filesystem::path& repo, const std::filesystem::path& alternates_file);

//! The environment of a git the server runs for itself: PATH, and no system, global or user
//! configuration.
std::vector<std::string> plain_environment();

//! True for a Git-Protocol header value git may see as GIT_PROTOCOL ("version=2", key=value
//! pairs separated by ':'), nothing that could smuggle other syntax.
bool valid_git_protocol(std::string_view value);

}  // namespace git
