#pragma once

#include <string>

namespace devenv::config {

// The spellings config.toml allows for the names devenv turns into folders, files,
// SQL identifiers and compose names. Each rule's pattern is compiled once.

// Server names and database keys: they name folders and files
// (initdb/<server>/, NN-<key>-schema.sql). Lower-case letters, digits, '-', '_'.
bool is_file_safe_name(const std::string& name);

// Database and user names: letters, digits and '_', not starting with a digit,
// so that they need no quoting on any engine.
bool is_plain_name(const std::string& name);

// A PostgreSQL schema in `sources`: lower-case letters, digits and '_'.
bool is_plain_schema_name(const std::string& name);

// A character set, collation or locale name (utf8mb4_0900_ai_ci, en_US.UTF-8):
// they are written into SQL unquoted.
bool is_charset_name(const std::string& name);

// A server setting's name in `settings`: letters, digits, '_', '-', '.' (a
// PostgreSQL extension's "auto_explain.log_min_duration").
bool is_setting_name(const std::string& name);

// docker compose's rule for project names.
bool is_compose_project_name(const std::string& name);

}  // namespace devenv::config
