#include "workspaces/agent.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace workspaces {
namespace {

pid_t g_child = 0;

void pass_on(int signal) {
    if (g_child > 0) ::kill(g_child, signal);
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        auto n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// Copies both ways until either side ends; each write waits for its reader (back-pressure).
void relay(int a, int b) {
    pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    char buffer[64 * 1024];
    for (;;) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        bool done = false;
        for (int i = 0; i < 2 && !done; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            auto n = ::read(fds[i].fd, buffer, sizeof buffer);
            done = n <= 0 || !write_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n));
        }
        if (done) break;
    }
    ::close(a);
    ::close(b);
}

int connect_unix(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
}

void serve(int listener, std::string socket_path) {
    for (;;) {
        int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;
        }
        int forge = connect_unix(socket_path);
        if (forge < 0) {
            ::close(client);
            continue;
        }
        std::thread(relay, client, forge).detach();
    }
}

}  // namespace

int run_agent(int argc, char** argv) {
    if (argc < 6 || std::string(argv[4]) != "--") {
        std::fputs("usage: workspace agent PORT SOCKET -- COMMAND...\n", stderr);
        return 2;
    }
    int port = std::atoi(argv[2]);
    int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener, 64) != 0) {
        std::fprintf(stderr, "workspace agent: cannot listen on 127.0.0.1:%d: %s\n", port, std::strerror(errno));
        return 1;
    }
    std::thread(serve, listener, std::string(argv[3])).detach();

    g_child = ::fork();
    if (g_child < 0) return 1;
    if (g_child == 0) {
        ::close(listener);
        ::execvp(argv[5], argv + 5);
        std::fprintf(stderr, "workspace agent: cannot run %s: %s\n", argv[5], std::strerror(errno));
        ::_exit(127);
    }
    ::signal(SIGTERM, pass_on);
    ::signal(SIGINT, pass_on);
    ::signal(SIGPIPE, SIG_IGN);
    int status = 0;
    while (::waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace workspaces
