#include "http/response.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace http {
namespace {

TEST(Response, a_header_with_a_line_break_or_nul_is_refused) {
    Response res;
    EXPECT_THROW(res.header("Content-Disposition", "attachment\r\nSet-Cookie: stolen=1"), std::invalid_argument);
    EXPECT_THROW(res.header("X-A", "one\ntwo"), std::invalid_argument);
    EXPECT_THROW(res.header("X-A", std::string("one\0two", 7)), std::invalid_argument);
    EXPECT_THROW(res.header("X-A\r\nX-B", "v"), std::invalid_argument);
    EXPECT_TRUE(res.headers.empty()) << "nothing half-added";
    res.header("X-A", "fine; value=\"quoted\"");
    ASSERT_EQ(res.headers.size(), 1u);
}

TEST(Response, attachment_names_a_download_exactly_and_safely) {
    EXPECT_EQ(attachment("report.tar.gz"), "attachment; filename=\"report.tar.gz\"; filename*=UTF-8''report.tar.gz");
    EXPECT_EQ(attachment("résumé v2.pdf"), "attachment; filename=\"r__sum__ v2.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20v2.pdf");
    EXPECT_EQ(attachment("a\"b\\c;d.txt"), "attachment; filename=\"a_b_c;d.txt\"; filename*=UTF-8''a%22b%5Cc%3Bd.txt");
    auto hostile = attachment("x\r\nSet-Cookie: a=b/../c");
    EXPECT_EQ(hostile.find_first_of("\r\n"), std::string::npos) << hostile;
    EXPECT_NE(hostile.find("filename*=UTF-8''x%0D%0ASet-Cookie%3A%20a%3Db%2F..%2Fc"), std::string::npos) << hostile;
    Response res;
    res.header("Content-Disposition", hostile);
}

}  // namespace
}  // namespace http
