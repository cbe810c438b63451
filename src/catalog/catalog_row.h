#pragma once

#include <string>

#include "db/session.h"

namespace devenv::catalog {

// Column `i` of a catalog row, NULL as "".
inline std::string text(const db::Row& row, std::size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

}  // namespace devenv::catalog
