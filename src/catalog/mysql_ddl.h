#pragma once

#include <string>

#include "catalog/model.h"

namespace devenv::catalog {

// MySQL's canonical definitions (what the inspector compares) and the statements
// the dump and the fix-up SQL both write, from the parts' detail.

// "varchar(10) NOT NULL DEFAULT 'x' COMMENT 'c'": NOT NULL before the default, and
// after a generation expression, as MySQL writes it.
std::string mysql_column_definition(const Column& column);
std::string mysql_index_word(IndexKind kind);  // "PRIMARY KEY", "UNIQUE KEY", "KEY", …
// "UNIQUE KEY (`a`)": the name is not part of it.
std::string mysql_index_definition(const Index& index);
// "SQL SECURITY DEFINER VIEW AS select …".
std::string mysql_view_definition(const View& view);
std::string mysql_view_query(const View& view);  // the query and its WITH … CHECK OPTION
// "PROCEDURE (IN `a` int) …".
std::string mysql_routine_definition(const Routine& routine);
// "EVERY 1 DAY ENDS … ON COMPLETION NOT PRESERVE ENABLE COMMENT 'c' DO body": the times the
// server resolves at creation are an ellipsis (docs/engines.md, item 19).
std::string mysql_event_definition(const Event& event);
// "ENGINE=InnoDB", "DEFAULT COLLATE=…", "COMMENT='…'", "PARTITION BY …".
Element mysql_option(const std::string& name, const std::string& value);

std::string quote_mysql_name(const std::string& name);
std::string mysql_index_clause(const Element& index);            // "UNIQUE KEY `n` (`a`)"; the primary key has no name
std::string mysql_view_head(const Element& view, bool replace);  // "CREATE [OR REPLACE] SQL SECURITY … VIEW `n` AS "
std::string mysql_create_routine(const Element& routine);        // "CREATE PROCEDURE `n`(…) …"
std::string mysql_create_trigger(const Element& trigger);        // "CREATE TRIGGER `n` BEFORE UPDATE ON …"
std::string mysql_create_event(const Element& event);       // "CREATE EVENT `n` ON SCHEDULE … DO …", with its times
std::string mysql_delimited(const std::string& statement);  // inside DELIMITER ;; … ;;

// The whole database as canonical SQL, and one table as the dump writes it.
std::string mysql_dump(const Database& database);
std::string mysql_create_table(const Table& table);

}  // namespace devenv::catalog
