// The store's schema as an ordered list of migrations. PRAGMA user_version
// holds the number of migrations applied. Append new steps; never edit one
// that has shipped.
#pragma once

#include <vector>

namespace kiosk::store::schema {

struct Migration {
    int version;      // user_version after this step
    const char* sql;  // one or more statements
};

const std::vector<Migration>& migrations();

}  // namespace kiosk::store::schema
