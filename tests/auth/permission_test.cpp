#include "auth/permission.hpp"

#include <gtest/gtest.h>

namespace {

using auth::Role;

auth::Actor user(bool admin = false) {
    auth::Actor a;
    a.user_id = 7;
    a.username = "u";
    a.is_admin = admin;
    a.via = auth::Actor::Via::session;
    return a;
}

TEST(Can, public_repositories_are_readable_by_everyone) {
    EXPECT_EQ(auth::can(auth::Actor{}, {false, std::nullopt}), Role::read);
    EXPECT_EQ(auth::can(user(), {false, std::nullopt}), Role::read);
}

TEST(Can, private_repositories_need_a_role) {
    EXPECT_EQ(auth::can(auth::Actor{}, {true, std::nullopt}), Role::none);
    EXPECT_EQ(auth::can(user(), {true, std::nullopt}), Role::none);
    EXPECT_EQ(auth::can(user(), {true, Role::read}), Role::read);
    EXPECT_EQ(auth::can(user(), {true, Role::write}), Role::write);
    EXPECT_EQ(auth::can(user(), {true, Role::admin}), Role::admin);
}

TEST(Can, collaborator_roles_count_on_public_repositories_too) {
    EXPECT_EQ(auth::can(user(), {false, Role::write}), Role::write);
}

TEST(Can, site_admins_administer_everything) {
    EXPECT_EQ(auth::can(user(true), {true, std::nullopt}), Role::admin);
}

TEST(Can, an_anonymous_actor_never_gets_a_collaborator_role) {
    EXPECT_EQ(auth::can(auth::Actor{}, {true, Role::admin}), Role::none);
}

auth::RepoGrant private_org_repo() { return {true, std::nullopt, std::nullopt, false, std::nullopt}; }

TEST(Can, organization_owners_administer_its_repositories) {
    auto grant = private_org_repo();
    grant.org_owner = true;
    EXPECT_EQ(auth::can(user(), grant), Role::admin);
    EXPECT_EQ(auth::can(auth::Actor{}, grant), Role::none);
}

TEST(Can, members_get_the_best_of_base_team_and_collaborator_roles) {
    auto grant = private_org_repo();
    grant.org_member = Role::read;
    EXPECT_EQ(auth::can(user(), grant), Role::read);
    grant.team = Role::write;
    EXPECT_EQ(auth::can(user(), grant), Role::write);
    grant.collaborator = Role::admin;
    EXPECT_EQ(auth::can(user(), grant), Role::admin);
    grant.collaborator = Role::read;
    EXPECT_EQ(auth::can(user(), grant), Role::write);
}

TEST(Can, a_base_role_of_none_leaves_members_to_their_teams) {
    auto grant = private_org_repo();
    grant.org_member = Role::none;
    EXPECT_EQ(auth::can(user(), grant), Role::none);
    grant.team = Role::read;
    EXPECT_EQ(auth::can(user(), grant), Role::read);
}

TEST(Can, teams_and_membership_count_for_nothing_when_signed_out) {
    auto grant = private_org_repo();
    grant.team = Role::admin;
    grant.org_member = Role::admin;
    EXPECT_EQ(auth::can(auth::Actor{}, grant), Role::none);
}

TEST(Roles, parse_and_name_round_trip) {
    for (auto role : {Role::read, Role::write, Role::admin}) EXPECT_EQ(auth::parse_role(auth::role_name(role)), role);
    EXPECT_FALSE(auth::parse_role("owner"));
    EXPECT_FALSE(auth::parse_role(""));
}

}  // namespace
