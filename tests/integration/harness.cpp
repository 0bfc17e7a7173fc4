#include "harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace harness {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "skyscape-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

namespace {

std::vector<std::string> base_env(const std::filesystem::path& data_dir) {
    std::vector<std::string> env = {"HOST=127.0.0.1", "PORT=0", "SSH_PORT=0", "DATA_DIR=" + data_dir.string(),
                                    "PATH=" + std::string(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin"),
                                    "HOME=" + data_dir.parent_path().string()};
    return env;
}

void merge_env(std::vector<std::string>& env, const std::vector<std::string>& extra) {
    for (const auto& entry : extra) {
        auto name = entry.substr(0, entry.find('=') + 1);
        std::erase_if(env, [&](const std::string& e) { return e.starts_with(name); });
        env.push_back(entry);
    }
}

pid_t spawn(const std::vector<std::string>& env, const std::filesystem::path& log) {
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        std::vector<char*> envp;
        for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
        envp.push_back(nullptr);
        char* argv[] = {const_cast<char*>(WORKSPACE_BINARY), nullptr};
        execve(WORKSPACE_BINARY, argv, envp.data());
        _exit(127);
    }
    return pid;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Server::Server(std::filesystem::path data_dir, std::vector<std::string> env)
    : data_dir_(std::move(data_dir)), log_path_(data_dir_.parent_path() / "server.log"), env_(std::move(env)) {
    start();
}

Server::~Server() {
    if (pid_ > 0) stop(SIGKILL);
}

void Server::start() {
    auto env = base_env(data_dir_);
    merge_env(env, env_);
    auto offset = std::filesystem::exists(log_path_) ? std::filesystem::file_size(log_path_) : 0;
    pid_ = spawn(env, log_path_);
    static const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 500; ++i) {
        std::string log = read_file(log_path_).substr(offset);
        std::smatch m;
        if (std::regex_search(log, m, listening)) {
            port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("workspace exited during start-up:\n" + log);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("workspace did not start:\n" + read_file(log_path_));
}

int Server::stop(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string Server::log() const { return read_file(log_path_); }

std::vector<std::string> with_engine(std::vector<std::string> env) {
    if (const char* host = getenv("DOCKER_HOST")) env.push_back("DOCKER_HOST=" + std::string(host));
    env.push_back("ACTIONS_IMAGE=localhost/skyscape/busybox:latest");
    env.push_back("ACTIONS_LOG_LIMIT=1048576");
    return env;
}

std::pair<int, std::string> run_workspace(std::vector<std::string> extra) {
    TempDir dir;
    auto env = base_env(dir.path / "data");
    merge_env(env, extra);
    auto log = dir.path / "out.log";
    pid_t pid = spawn(env, log);
    int status = 0;
    for (int i = 0; i < 500 && waitpid(pid, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (kill(pid, 0) == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        return {-1, read_file(log)};
    }
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(log)};
}

std::string Response::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

std::string url_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

Response Client::request(const std::string& method, const std::string& path, const std::string& body,
                         std::map<std::string, std::string> headers) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    beast::http::request<beast::http::string_body> req;
    req.method_string(method);
    req.target(prefix_ + path);
    req.version(11);
    req.set(beast::http::field::host, "127.0.0.1:" + std::to_string(port_));
    std::string cookie_header;
    for (const auto& [name, value] : cookies_) cookie_header += (cookie_header.empty() ? "" : "; ") + name + "=" + value;
    if (!cookie_header.empty()) req.set(beast::http::field::cookie, cookie_header);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    if (!body.empty() || method == "POST" || method == "PUT") req.prepare_payload();
    stream.expires_after(std::chrono::seconds(30));
    beast::http::write(stream, req);

    beast::flat_buffer buffer;
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == "HEAD") parser.skip(true);
    beast::http::read(stream, buffer, parser);
    auto& res = parser.get();
    Response out;
    out.status = res.result_int();
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        out.headers.emplace(name, std::string(field.value()));
    }
    out.body = res.body();
    for (auto [it, end] = out.headers.equal_range("set-cookie"); it != end; ++it) {
        const auto& value = it->second;
        auto eq = value.find('=');
        auto semi = value.find(';');
        std::string name = value.substr(0, eq);
        std::string cookie_value = value.substr(eq + 1, semi - eq - 1);
        if (value.find("Max-Age=0") != std::string::npos || cookie_value.empty())
            cookies_.erase(name);
        else
            cookies_[name] = cookie_value;
    }
    static const std::regex csrf_field(R"re(name="csrf_token" value="([^"]+)")re");
    std::smatch m;
    if (std::regex_search(out.body, m, csrf_field)) csrf_ = m[1];
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

Response Client::get(const std::string& path, std::map<std::string, std::string> headers) {
    return request("GET", path, "", std::move(headers));
}

Response Client::post_form(const std::string& path, std::map<std::string, std::string> fields,
                           std::map<std::string, std::string> headers) {
    if (!fields.count("csrf_token") && !csrf_.empty()) fields["csrf_token"] = csrf_;
    std::string body;
    for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
    headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    return request("POST", path, body, std::move(headers));
}

void Client::sign_up(const std::string& username, const std::string& password) {
    get("/signup");
    auto res = post_form("/auth/signup", {{"username", username}, {"email", username + "@example.com"}, {"password", password}});
    if (res.status != 303) throw std::runtime_error("sign-up of " + username + " failed: " + std::to_string(res.status));
}

void Client::sign_in(const std::string& username, const std::string& password) {
    get("/signin");
    auto res = post_form("/auth/signin", {{"username", username}, {"password", password}});
    if (res.status != 303) throw std::runtime_error("sign-in of " + username + " failed: " + std::to_string(res.status));
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(stream.socket(), asio::buffer(bytes));
    std::string out;
    char chunk[4096];
    auto deadline = std::chrono::steady_clock::now() + timeout;
    stream.socket().non_blocking(true);
    while (std::chrono::steady_clock::now() < deadline) {
        beast::error_code ec;
        auto n = stream.socket().read_some(asio::buffer(chunk), ec);
        if (ec == asio::error::would_block) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        if (ec) break;
        out.append(chunk, n);
    }
    return out;
}

std::int64_t peak_memory_kb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmHWM:")) return std::stoll(line.substr(6));
    return -1;
}

std::int64_t reset_peak_memory(pid_t pid) {
    std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";
    return peak_memory_kb(pid);
}

Connection::Connection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) throw std::runtime_error("cannot connect");
}

Connection::~Connection() {
    if (fd_ >= 0) ::close(fd_);
}

CommandResult sh(const std::string& command, const std::filesystem::path& home) {
    std::string full = "export HOME=" + quote(home.string()) +
                       " GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 GIT_ASKPASS=/bin/false "
                       "GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.com "
                       "GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.com; " +
                       command + " 2>&1";
    FILE* pipe = popen(("bash -c " + quote(full)).c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    std::string output;
    char chunk[4096];
    while (std::size_t n = fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::uint16_t free_port() {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string base64(const std::string& in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int val = 0, bits = -6;
    for (unsigned char c : in) {
        val = (val << 8) + c;
        bits += 8;
        while (bits >= 0) {
            out.push_back(table[(val >> bits) & 0x3F]);
            bits -= 6;
        }
    }
    if (bits > -6) out.push_back(table[((val << 8) >> (bits + 8)) & 0x3F]);
    while (out.size() % 4) out.push_back('=');
    return out;
}

std::string basic_auth(const std::string& user, const std::string& password) { return "Basic " + base64(user + ":" + password); }

std::string json_field(const std::string& body, const std::string& key) {
    std::smatch m;
    if (std::regex_search(body, m, std::regex("\"" + key + "\":\"([^\"]*)\"")) ||
        std::regex_search(body, m, std::regex("\"" + key + "\":(-?[0-9]+|true|false|null)")))
        return m[1];
    return "";
}

}  // namespace harness
