#pragma once

#include <string>

#include "schema/model.h"

namespace devenv::schema {

// MySQL statements the dump and the fix-up SQL both write, from the parts' detail.

std::string quote_mysql_name(const std::string& name);
std::string mysql_index_clause(const Element& index);       // "UNIQUE KEY `n` (`a`)"; the primary key has no name
std::string mysql_view_head(const Element& view, bool replace);  // "CREATE [OR REPLACE] SQL SECURITY … VIEW `n` AS "
std::string mysql_create_routine(const Element& routine);   // "CREATE PROCEDURE `n`(…) …"
std::string mysql_create_trigger(const Element& trigger);   // "CREATE TRIGGER `n` BEFORE UPDATE ON …"
std::string mysql_delimited(const std::string& statement);  // inside DELIMITER ;; … ;;

}  // namespace devenv::schema
