#include "ssh/command.hpp"

#include <gtest/gtest.h>

namespace {

TEST(ParseCommand, accepts_the_forms_git_clients_send) {
    for (auto command : {"git-upload-pack 'proj.git'", "git-upload-pack '/proj.git'", "git upload-pack proj",
                         "git-upload-pack /proj"}) {
        auto parsed = ssh::parse_command(command);
        ASSERT_TRUE(parsed) << command;
        EXPECT_EQ(parsed->owner, "");
        EXPECT_EQ(parsed->name, "proj") << "an id from before owners";
        EXPECT_EQ(parsed->service, git::Service::upload_pack);
    }
    EXPECT_EQ(ssh::parse_command("git-receive-pack 'a.b_c-d.git'")->service, git::Service::receive_pack);
    EXPECT_EQ(ssh::parse_command("git-receive-pack 'a.b_c-d.git'")->name, "a.b_c-d");
    for (auto command : {"git-upload-pack 'alice/My.Tool.git'", "git-upload-pack '/alice/My.Tool'", "git upload-pack alice/My.Tool"}) {
        auto parsed = ssh::parse_command(command);
        ASSERT_TRUE(parsed) << command;
        EXPECT_EQ(parsed->owner, "alice");
        EXPECT_EQ(parsed->name, "My.Tool");
    }
    EXPECT_EQ(ssh::parse_command("git-upload-archive 'x.git'")->service, git::Service::upload_archive);
}

TEST(ParseCommand, refuses_everything_else) {
    for (auto command : {"", "ls", "bash -c id", "git-upload-pack", "git-shell -c x", "git-upload-pack '--help'",
                         "git-upload-pack -h", "git-upload-pack '../etc'", "git-upload-pack '.hidden'",
                         "scp -t /tmp", "git daemon x", "git-upload-pack 'a/b/c'", "git-upload-pack 'a/.b'", "git-upload-pack '-a/b'",
                         "git-upload-pack 'A$(id)'"}) {
        EXPECT_FALSE(ssh::parse_command(command)) << command;
    }
}

}  // namespace
