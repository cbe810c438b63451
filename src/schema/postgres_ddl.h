#pragma once

#include <string>

#include "schema/model.h"

namespace devenv::schema {

// PostgreSQL statements the dump and the fix-up SQL both write, from the parts' detail.

std::string quote_postgres_name(const std::string& name);
std::string postgres_qualified(const std::string& space, const std::string& name);  // schema.name, quoted as needed
bool is_plain_index(const Element& index);  // CREATE INDEX's, not a constraint's
std::string create_index(const std::string& qualified_table, const Element& index);  // ends in ";\n"
std::string postgres_create_view(const std::string& qualified, const View& view);   // the body ends in ";"
// "COMMENT ON COLUMN t.c IS 'x';": `what` is COLUMN or TABLE, `literal` "" for NULL.
std::string comment_on(const std::string& what, const std::string& target, const std::string& literal);

}  // namespace devenv::schema
