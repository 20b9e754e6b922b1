#pragma once
// One audit_log row, written on the caller's connection so it joins the caller's
// transaction: the change and its record happen together or not at all. A reason (free
// text) goes into audit_reason, which the row points at.
#include "chorus/sqlite.hpp"

#include <string>

namespace chorus {

void insert_audit_row(sql::Connection& connection, const std::string& actor, const std::string& action,
                      const std::string& entity, const std::string& detail, const std::string& reason = {});

} // namespace chorus
