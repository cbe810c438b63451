#pragma once

#include <string>

#include "catalog/model.h"

namespace devenv::catalog {

// The canonical definitions the differ compares and prints, built from the parts'
// detail, where both dialects write them alike. Each dialect's own are in its
// mysql_ddl.h / postgres_ddl.h; the inspectors make every definition through these,
// so the definition and the detail always say the same thing.

// " <keyword><value>", or "" when there is no value.
std::string optional_clause(const std::string& keyword, const std::string& value);

// " GENERATED ALWAYS AS (expr) STORED|VIRTUAL".
std::string generation(const Column& column);

// "SEQUENCE AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE … CACHE 1[ CYCLE][ OWNED BY s.t.c]".
std::string sequence_definition(const Sequence& sequence);
// The options after "SEQUENCE", without OWNED BY (the column may not exist yet).
std::string sequence_options(const Sequence& sequence);

// "ENUM ('a', 'b')".
std::string enum_definition(const EnumType& type);

}  // namespace devenv::catalog
