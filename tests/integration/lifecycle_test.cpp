// Start-up, restart and shutdown of the real process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <fstream>
#include <thread>

#include "harness.hpp"

namespace {

using harness::Client;

TEST(Lifecycle, restart_keeps_accounts_sessions_and_the_generated_secret) {
    harness::TempDir dir;
    auto data = dir.path / "data";
    harness::Server server(data);
    Client alice(server.port());
    alice.sign_up("alice");
    auto secret_file = data / "auth_secret";
    struct stat st {};
    ASSERT_EQ(stat(secret_file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::string secret;
    std::getline(std::ifstream(secret_file), secret);
    EXPECT_EQ(secret.size(), 64u);

    EXPECT_EQ(server.stop(), 0);
    server.start();
    Client same_browser(server.port());
    same_browser.cookies() = alice.cookies();
    EXPECT_TRUE(same_browser.get("/").has("Welcome, alice")) << "the session survives a restart";
    std::string after;
    std::getline(std::ifstream(secret_file), after);
    EXPECT_EQ(after, secret);
    EXPECT_EQ(server.log().find(secret), std::string::npos) << "the secret is never logged";
}

TEST(Lifecycle, auth_secret_from_the_environment_signs_sessions) {
    harness::TempDir dir;
    harness::Server server(dir.path / "data", {"AUTH_SECRET=first-secret-value"});
    Client alice(server.port());
    alice.sign_up("alice");
    EXPECT_FALSE(std::filesystem::exists(dir.path / "data" / "auth_secret"));
    server.stop();
    harness::Server other(dir.path / "data", {"AUTH_SECRET=another-secret-value"});
    Client browser(other.port());
    browser.cookies() = alice.cookies();
    EXPECT_EQ(browser.get("/").status, 303u) << "a cookie signed with another secret is worthless";
}

TEST(Lifecycle, sigterm_lets_a_request_in_flight_finish) {
    namespace asio = boost::asio;
    harness::TempDir dir;
    harness::Server server(dir.path / "data");
    Client browser(server.port());
    browser.get("/signup");
    std::string body = "csrf_token=" + harness::url_encode(browser.csrf()) +
                       "&username=late&email=late%40example.com&password=password123";
    std::string head = "POST /auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       "Cookie: skyscape_csrf=" + browser.cookies()["skyscape_csrf"] +
                       "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";

    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    asio::write(socket, asio::buffer(head + body.substr(0, 10)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(server.pid(), SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    asio::write(socket, asio::buffer(body.substr(10)));
    std::string reply;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(reply), ec);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 303")) << reply.substr(0, 200);
    EXPECT_NE(reply.find("Connection: close"), std::string::npos);
    EXPECT_EQ(server.stop(0), 0) << "a clean exit after the request";

    server.start();
    Client again(server.port());
    again.sign_in("late", "password123");
}

TEST(Lifecycle, bad_configuration_stops_start_up_with_one_clear_line) {
    auto [code, output] = harness::run_workspace({"PORT=abc"});
    EXPECT_EQ(code, 2);
    EXPECT_EQ(output, "workspace: PORT must be a number from 0 to 65535, got \"abc\"\n");

    auto [theme_code, theme_output] = harness::run_workspace({"THEME=no-such-theme"});
    EXPECT_EQ(theme_code, 2);
    EXPECT_NE(theme_output.find("THEME"), std::string::npos);

    auto [dir_code, dir_output] = harness::run_workspace({"DATA_DIR=/proc/skyscape"});
    EXPECT_EQ(dir_code, 2);
    EXPECT_NE(dir_output.find("DATA_DIR /proc/skyscape cannot be created"), std::string::npos) << dir_output;
}

TEST(Lifecycle, busy_port_is_a_clear_error) {
    harness::TempDir dir;
    harness::Server first(dir.path / "data");
    auto [code, output] = harness::run_workspace({"PORT=" + std::to_string(first.port())});
    EXPECT_EQ(code, 2);
    EXPECT_NE(output.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos) << output;
}

}  // namespace
