#pragma once

#include <string>
#include <vector>

namespace devenv::adopt {

// Names config.toml accepts (config/name_rules.h), made from names a project uses.

// A database or user name: lower-case letters, digits and '_', not starting with a
// digit ("my-app" → my_app, "2fa" → db_2fa).
std::string plain_name(const std::string& name);

// A server name or database key: lower-case letters, digits, '-' and '_'.
std::string file_safe_name(const std::string& name);

// `name`, or `name` with -2, -3 … (`separator` and a number) appended, whichever
// `taken` does not hold yet; names that differ only in '-' and '_' count as one, since
// they set one DEVENV_<KEY>_URL.
std::string unique_name(const std::string& name, const std::vector<std::string>& taken, char separator = '-');

// The databases a server keeps for itself (mysql, postgres, template1, …): never one of
// devenv's.
bool is_server_database(const std::string& name);

}  // namespace devenv::adopt
