#include "core/config.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "core/crypto.hpp"

namespace {

core::Result<core::Config> parse(std::map<std::string, std::string> env) {
    return core::config_from_env([&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

TEST(Config, defaults_follow_the_seed) {
    auto config = parse({{"HOME", "/home/u"}});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->port, 5000);
    EXPECT_EQ(config->theme, "corporate");
    EXPECT_EQ(config->prefix, "");
    EXPECT_EQ(config->data_dir, "/home/u/.skyscape");
    EXPECT_FALSE(config->ai_enabled);
    EXPECT_TRUE(config->auth_secret.empty());
}

TEST(Config, reads_every_variable) {
    auto config = parse({{"PORT", "8080"}, {"PREFIX", "/git/"}, {"THEME", "dark"}, {"DATA_DIR", "/srv/sky"},
                         {"AI_ENABLED", "true"}, {"AUTH_SECRET", "s3cret"}, {"HOST", "127.0.0.1"}});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->port, 8080);
    EXPECT_EQ(config->prefix, "/git");
    EXPECT_EQ(config->theme, "dark");
    EXPECT_EQ(config->data_dir, "/srv/sky");
    EXPECT_TRUE(config->ai_enabled);
    EXPECT_EQ(config->auth_secret, "s3cret");
    EXPECT_EQ(config->host, "127.0.0.1");
    EXPECT_EQ(parse({{"HOME", "/h"}, {"PREFIX", "tools"}})->prefix, "/tools");
}

TEST(Config, refuses_bad_values_with_a_message_naming_the_variable) {
    for (auto [name, value] : std::map<std::string, std::string>{{"PORT", "abc"}, {"PORT", "70000"}, {"PORT", "-1"},
                                                                 {"THEME", "neon"}, {"PREFIX", "/a b"},
                                                                 {"PREFIX", "/../x"}, {"AI_ENABLED", "maybe"}}) {
        auto config = parse({{"HOME", "/h"}, {name, value}});
        ASSERT_FALSE(config) << name << "=" << value;
        EXPECT_NE(config.error().message.find(name), std::string::npos) << config.error().message;
    }
    EXPECT_FALSE(parse({})) << "no HOME and no DATA_DIR";
}

class DataDir : public ::testing::Test {
protected:
    void SetUp() override {
        core::crypto::init();
        std::string pattern = (std::filesystem::temp_directory_path() / "skyscape-config-XXXXXX").string();
        root = mkdtemp(pattern.data());
    }
    void TearDown() override { std::filesystem::remove_all(root); }
    std::filesystem::path root;
};

TEST_F(DataDir, generates_a_secret_once_with_mode_0600) {
    core::Config config;
    config.data_dir = root / "nested" / "data";
    ASSERT_TRUE(core::prepare_data_dir(config));
    EXPECT_EQ(config.auth_secret.size(), 64u);
    struct stat st {};
    ASSERT_EQ(stat((config.data_dir / "auth_secret").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ASSERT_EQ(stat(config.data_dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);

    core::Config again;
    again.data_dir = config.data_dir;
    ASSERT_TRUE(core::prepare_data_dir(again));
    EXPECT_EQ(again.auth_secret, config.auth_secret);
}

TEST_F(DataDir, a_given_secret_is_not_written_to_disk) {
    core::Config config;
    config.data_dir = root;
    config.auth_secret = "from-the-environment";
    ASSERT_TRUE(core::prepare_data_dir(config));
    EXPECT_EQ(config.auth_secret, "from-the-environment");
    EXPECT_FALSE(std::filesystem::exists(root / "auth_secret"));
}

TEST_F(DataDir, refuses_a_damaged_secret_file_and_an_unusable_directory) {
    std::ofstream(root / "auth_secret") << "short\n";
    core::Config config;
    config.data_dir = root;
    auto damaged = core::prepare_data_dir(config);
    ASSERT_FALSE(damaged);
    EXPECT_NE(damaged.error().message.find("damaged"), std::string::npos);

    std::ofstream(root / "file") << "x";
    core::Config under_file;
    under_file.data_dir = root / "file" / "data";
    EXPECT_FALSE(core::prepare_data_dir(under_file));
}

}  // namespace
