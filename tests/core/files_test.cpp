#include "core/files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace core {
namespace {

std::filesystem::perms mode_of(const std::filesystem::path& p) { return std::filesystem::status(p).permissions() & std::filesystem::perms::all; }

TEST(Files, a_private_file_is_the_owners_alone_even_where_the_umask_or_a_leftover_would_open_it) {
    std::string pattern = (std::filesystem::temp_directory_path() / "skyscape-files-XXXXXX").string();
    std::filesystem::path root = mkdtemp(pattern.data());
    auto file = root / "token.json";
    {
        std::ofstream leftover(root / "token.json.tmp");  // an earlier try, world-readable
    }
    std::filesystem::permissions(root / "token.json.tmp", std::filesystem::perms::all);
    auto old_mask = ::umask(0);
    auto written = write_private_file(file, "{\"token\": \"SKT1\"}\n");
    ::umask(old_mask);
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(mode_of(file), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_FALSE(std::filesystem::exists(root / "token.json.tmp"));
    std::ifstream in(file);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, "{\"token\": \"SKT1\"}\n");
    std::filesystem::create_symlink(root / "elsewhere", root / "link.tmp");
    EXPECT_FALSE(write_private_file(root / "link", "x")) << "never written through a link";
    EXPECT_FALSE(std::filesystem::exists(root / "elsewhere"));
    std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace core
