#include "workspaces/passes.hpp"

#include "core/crypto.hpp"

namespace workspaces {

std::string Passes::mint(Grant grant) {
    auto code = core::crypto::random_hex(24);
    std::lock_guard lock(mutex_);
    auto now = clock_();
    std::erase_if(codes_, [&](const auto& entry) { return entry.second.expires <= now; });
    codes_[code] = {std::move(grant), now + kCodeLifetime};
    return code;
}

std::optional<std::string> Passes::redeem(const std::string& code, const std::string& workspace_id) {
    std::lock_guard lock(mutex_);
    auto it = codes_.find(code);
    if (it == codes_.end()) return std::nullopt;
    auto entry = std::move(it->second);
    codes_.erase(it);  // used or not, a code presented once is gone
    if (entry.expires <= clock_() || entry.grant.workspace_id != workspace_id) return std::nullopt;
    auto pass = core::crypto::random_hex(32);
    passes_[pass] = std::move(entry.grant);
    return pass;
}

std::optional<Grant> Passes::check(const std::string& pass) const {
    std::lock_guard lock(mutex_);
    auto it = passes_.find(pass);
    if (it == passes_.end()) return std::nullopt;
    return it->second;
}

void Passes::revoke_workspace(const std::string& workspace_id) {
    std::lock_guard lock(mutex_);
    std::erase_if(passes_, [&](const auto& entry) { return entry.second.workspace_id == workspace_id; });
    std::erase_if(codes_, [&](const auto& entry) { return entry.second.grant.workspace_id == workspace_id; });
}

}  // namespace workspaces
