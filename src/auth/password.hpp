#pragma once

#include <string>

//! Password hashing with argon2id (libsodium's interactive limits: 64 MiB, ~0.1 s on one core).
namespace auth::password {

//! The encoded "$argon2id$v=19$m=...,t=...,p=...$salt$hash" string to store.
std::string hash(const std::string& password);

bool verify(const std::string& password, const std::string& encoded);

//! Burns the same time as verify() against an unknown account, so that a sign-in attempt does not
//! reveal whether a username exists by answering faster.
void verify_dummy(const std::string& password);

}  // namespace auth::password
