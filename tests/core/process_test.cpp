#include "core/process.hpp"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace core::process {
namespace {

// What the child writes to stdout, to its end.
std::string output_of(Spec spec) {
    int out[2];
    EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
    spec.out = out[1];
    auto pid = spawn(spec);
    close(out[1]);
    EXPECT_TRUE(pid) << pid.error().message;
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    if (pid) waitpid(*pid, &status, 0);
    return text;
}

TEST(Process, a_child_gets_stdin_stdout_and_stderr_and_no_other_descriptor_of_the_server) {
    // Opened without close-on-exec, as Asio and libssh open their sockets.
    int listening = ::socket(AF_INET, SOCK_STREAM, 0);
    int file = ::open("/dev/null", O_RDONLY);
    ASSERT_GT(listening, 2);
    // ls lists its own descriptors: 0, 1, 2 and the one it reads the folder with.
    EXPECT_EQ(output_of({{"ls", "/proc/self/fd"}, inherited_environment()}), "0\n1\n2\n3\n");
    close(listening);
    close(file);
}

TEST(Process, the_environment_is_the_one_given) {
    EXPECT_EQ(output_of({{"sh", "-c", "echo \"$ONLY:$HOME\""}, {"ONLY=this"}}), "this:\n");
}

TEST(Process, a_missing_program_is_an_error_not_a_child) {
    auto pid = spawn({{"no-such-program-here"}, {}});
    ASSERT_FALSE(pid);
    EXPECT_NE(pid.error().message.find("no-such-program-here"), std::string::npos);
}

}  // namespace
}  // namespace core::process
