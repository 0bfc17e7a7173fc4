#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

//! Starts the real build/workspace and talks to it over loopback HTTP, as a user's browser or
//! script would. Nothing here reaches into the server's internals.
namespace harness {

//! A temporary directory removed when the object goes away.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path path;
};

//! build/workspace on 127.0.0.1 with PORT=0 and SSH off unless env turns it on, its log in
//! DATA_DIR/../server.log.
class Server {
public:
    //! env entries "NAME=value" are added to (and override) the defaults.
    explicit Server(std::filesystem::path data_dir, std::vector<std::string> env = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void start();
    //! Sends the signal and waits for exit; returns the exit status.
    int stop(int signal = 15);
    std::uint16_t port() const { return port_; }
    //! What the next start() adds to the environment.
    std::vector<std::string>& env() { return env_; }
    std::string log() const;
    pid_t pid() const { return pid_; }

private:
    std::filesystem::path data_dir_;
    std::filesystem::path log_path_;
    std::vector<std::string> env_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

//! env plus what CI jobs need: the container engine `make test` started (DOCKER_HOST) and its
//! local busybox image as the image of every runs-on label, and 1 MB of log kept per job.
std::vector<std::string> with_engine(std::vector<std::string> env);

//! Runs build/workspace to completion with the given environment; returns exit code and stderr.
std::pair<int, std::string> run_workspace(std::vector<std::string> env);

struct Response {
    unsigned status = 0;
    std::multimap<std::string, std::string> headers;  //!< names lowercased
    std::string body;

    std::string header(const std::string& name) const;
    bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
};

//! An HTTP/1.1 client with a cookie jar, one connection per request.
class Client {
public:
    explicit Client(std::uint16_t port, std::string prefix = "") : port_(port), prefix_(std::move(prefix)) {}

    Response get(const std::string& path, std::map<std::string, std::string> headers = {});
    //! Posts a form; adds the CSRF token from the jar's last page unless the fields hold one.
    Response post_form(const std::string& path, std::map<std::string, std::string> fields,
                       std::map<std::string, std::string> headers = {});
    Response request(const std::string& method, const std::string& path, const std::string& body = "",
                     std::map<std::string, std::string> headers = {});

    //! The csrf_token of the last HTML page fetched by this client.
    const std::string& csrf() const { return csrf_; }
    std::map<std::string, std::string>& cookies() { return cookies_; }

    //! Signs up (first fetching /signup for the CSRF token); expects success.
    void sign_up(const std::string& username, const std::string& password = "correct horse battery");
    void sign_in(const std::string& username, const std::string& password = "correct horse battery");

private:
    std::uint16_t port_;
    std::string prefix_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

//! Sends bytes on a fresh connection and returns everything the server sends before closing
//! (or until the timeout).
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

//! The most memory the process has held (VmHWM of /proc/{pid}/status) since it started or since
//! reset_peak_memory, in kB.
std::int64_t peak_memory_kb(pid_t pid);
//! Starts the peak afresh from what the process holds now (clear_refs 5), which it returns.
std::int64_t reset_peak_memory(pid_t pid);

//! An idle TCP connection to the server, open while the object lives.
class Connection {
public:
    explicit Connection(std::uint16_t port);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

private:
    int fd_ = -1;
};

std::string url_encode(const std::string& text);

struct CommandResult {
    int code;
    std::string output;  //!< stdout and stderr together
};

//! Runs a shell command (bash -c) with HOME at home and git's system/global config ignored, so
//! the test machine's git settings cannot leak in; never prompts for credentials.
CommandResult sh(const std::string& command, const std::filesystem::path& home = std::filesystem::temp_directory_path());

//! A loopback port that was free a moment ago (for SSH_PORT, which has no "pick one" value).
std::uint16_t free_port();

//! Quotes a string for the shell.
std::string quote(const std::string& text);

//! Standard base64 with padding.
std::string base64(const std::string& bytes);
//! "Basic base64(user:password)".
std::string basic_auth(const std::string& user, const std::string& password);

//! The value of "key":"value" or "key":number in a flat JSON text, "" if absent.
std::string json_field(const std::string& body, const std::string& key);

}  // namespace harness
