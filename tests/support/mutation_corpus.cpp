#include "support/mutation_corpus.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace devenv::test {

namespace {

// ---------------------------------------------------------------------------------
// MariaDB templates: information_schema of the session's database.

// A column's definition for MODIFY, from information_schema.COLUMNS c; each argument is
// an SQL expression replacing one clause.
std::string mariadb_column(
    const std::string& type = "c.COLUMN_TYPE",
    const std::string& collation =
        "IF(c.COLLATION_NAME IS NULL, '', CONCAT(' CHARACTER SET ', c.CHARACTER_SET_NAME, "
        "' COLLATE ', c.COLLATION_NAME))",
    const std::string& nullable = "IF(c.IS_NULLABLE = 'YES', ' NULL', ' NOT NULL')",
    const std::string& comment = "c.COLUMN_COMMENT",
    const std::string& auto_increment = "IF(c.EXTRA LIKE '%auto_increment%', ' AUTO_INCREMENT', '')") {
  return "CONCAT('ALTER TABLE `', c.TABLE_NAME, '` MODIFY `', c.COLUMN_NAME, '` ', " + type + ", " + collation + ", " +
         nullable +
         ", IF(c.COLUMN_DEFAULT IS NULL OR c.COLUMN_DEFAULT = 'NULL', '', CONCAT(' DEFAULT ', "
         "IF(c.COLUMN_DEFAULT REGEXP '^(''|-?[0-9]|current_timestamp)', c.COLUMN_DEFAULT, "
         "CONCAT('(', c.COLUMN_DEFAULT, ')')))), " +
         auto_increment +
         ", IF(c.EXTRA LIKE '%on update%', CONCAT(' ON UPDATE ', SUBSTRING_INDEX(c.EXTRA, 'on update ', -1)), ''), "
         "' COMMENT ', QUOTE(" +
         comment + "))";
}

// Columns whose change breaks nothing else: no key, table check, generated column or
// partitioning uses them, and they are not generated or checked themselves.
const std::string kMariaDbPlainColumn =
    "c.TABLE_SCHEMA = DATABASE() AND c.EXTRA NOT LIKE '%GENERATED%' AND c.TABLE_NAME IN (SELECT TABLE_NAME FROM "
    "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE') "
    "AND NOT EXISTS (SELECT 1 FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = c.TABLE_SCHEMA "
    "AND k.REFERENCED_TABLE_NAME IS NOT NULL AND ((k.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME) "
    "OR (k.REFERENCED_TABLE_NAME = c.TABLE_NAME AND k.REFERENCED_COLUMN_NAME = c.COLUMN_NAME))) "
    "AND NOT EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS x WHERE x.CONSTRAINT_SCHEMA = "
    "c.TABLE_SCHEMA AND x.TABLE_NAME = c.TABLE_NAME AND x.CHECK_CLAUSE LIKE CONCAT('%`', c.COLUMN_NAME, '`%')) "
    "AND NOT EXISTS (SELECT 1 FROM information_schema.COLUMNS g WHERE g.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
    "g.TABLE_NAME = c.TABLE_NAME AND g.GENERATION_EXPRESSION LIKE CONCAT('%`', c.COLUMN_NAME, '`%')) "
    "AND NOT EXISTS (SELECT 1 FROM information_schema.PARTITIONS p WHERE p.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
    "p.TABLE_NAME = c.TABLE_NAME AND p.PARTITION_EXPRESSION LIKE CONCAT('%', c.COLUMN_NAME, '%'))";

const std::string kMariaDbTables =
    "FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'";

const std::string kNotForeignKeyTable =
    " AND NOT EXISTS (SELECT 1 FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE r.CONSTRAINT_SCHEMA = "
    "t.TABLE_SCHEMA AND (r.TABLE_NAME = t.TABLE_NAME OR r.REFERENCED_TABLE_NAME = t.TABLE_NAME))";

// A trigger or routine body with one more statement, last (DECLAREs must come first).
std::string mariadb_body(const std::string& body) {
  return "IF(" + body + " REGEXP '^[[:space:]]*BEGIN', REGEXP_REPLACE(" + body +
         ", 'END[[:space:];]*$', 'DO 0;\\nEND'), CONCAT('BEGIN ', " + body + ", '; DO 0; END'))";
}

MutationTemplates mariadb_templates() {
  const std::string column_label = "CONCAT('table ', c.TABLE_NAME), c.COLUMN_NAME";
  return {
      {"add column",
       "SELECT CONCAT('table ', t.TABLE_NAME), 'mut_extra', CONCAT('ALTER TABLE `', t.TABLE_NAME, "
       "'` ADD COLUMN mut_extra int NULL') " +
           kMariaDbTables},
      {"drop column",
       "SELECT " + column_label +
           ", CONCAT('ALTER TABLE `', c.TABLE_NAME, '` DROP COLUMN `', c.COLUMN_NAME, '`') "
           "FROM information_schema.COLUMNS c WHERE " +
           kMariaDbPlainColumn +
           " AND c.COLUMN_KEY <> 'PRI' "
           "AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS u WHERE u.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
           "u.TABLE_NAME = c.TABLE_NAME AND u.COLUMN_NAME = c.COLUMN_NAME AND u.NON_UNIQUE = 0) AND NOT EXISTS (SELECT "
           "1 FROM information_schema.VIEWS v WHERE v.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
           "v.VIEW_DEFINITION LIKE CONCAT('%`', c.COLUMN_NAME, '`%')) AND (SELECT COUNT(*) FROM "
           "information_schema.COLUMNS o WHERE o.TABLE_SCHEMA = c.TABLE_SCHEMA AND o.TABLE_NAME = c.TABLE_NAME) > 1"},
      {"change type",
       "SELECT * FROM (SELECT " + column_label + ", " +
           mariadb_column(
               "CASE c.DATA_TYPE WHEN 'int' THEN 'bigint' WHEN 'bigint' THEN IF(c.EXTRA LIKE '%auto_increment%', "
               "'int', "
               "'decimal(20,0)') WHEN 'smallint' THEN 'int' WHEN 'tinyint' THEN 'smallint' WHEN 'mediumint' THEN 'int' "
               "WHEN 'varchar' THEN "
               "CONCAT('varchar(', c.CHARACTER_MAXIMUM_LENGTH + 17, ')') WHEN 'char' THEN CONCAT('char(', "
               "c.CHARACTER_MAXIMUM_LENGTH + 1, ')') WHEN 'text' THEN 'mediumtext' WHEN 'mediumtext' THEN 'longtext' "
               "WHEN 'tinytext' THEN 'text' WHEN 'decimal' THEN CONCAT('decimal(', c.NUMERIC_PRECISION + 1, ',', "
               "c.NUMERIC_SCALE, ')') WHEN 'datetime' THEN IF(c.DATETIME_PRECISION = 0, 'datetime(3)', 'datetime') "
               "WHEN 'date' THEN 'datetime' WHEN 'double' THEN 'float' WHEN 'float' THEN 'double' WHEN 'time' THEN "
               "'time(3)' WHEN 'blob' THEN 'mediumblob' WHEN 'varbinary' THEN CONCAT('varbinary(', "
               "c.CHARACTER_MAXIMUM_LENGTH + 8, ')') WHEN 'enum' THEN CONCAT(LEFT(c.COLUMN_TYPE, "
               "LENGTH(c.COLUMN_TYPE) - 1), ',''mutated'')') WHEN 'set' THEN CONCAT(LEFT(c.COLUMN_TYPE, "
               "LENGTH(c.COLUMN_TYPE) - 1), ',''mutated'')') END") +
           " AS s FROM information_schema.COLUMNS c WHERE " + kMariaDbPlainColumn + ") m WHERE s IS NOT NULL"},
      {"toggle NOT NULL",
       "SELECT " + column_label + ", " +
           mariadb_column("c.COLUMN_TYPE",
                          "IF(c.COLLATION_NAME IS NULL, '', CONCAT(' CHARACTER SET ', c.CHARACTER_SET_NAME, "
                          "' COLLATE ', c.COLLATION_NAME))",
                          "IF(c.IS_NULLABLE = 'YES', ' NOT NULL', ' NULL')") +
           " FROM information_schema.COLUMNS c WHERE " + kMariaDbPlainColumn +
           " AND c.COLUMN_KEY <> 'PRI' AND c.EXTRA NOT LIKE '%auto_increment%'"},
      {"change default",
       "SELECT * FROM (SELECT " + column_label +
           ", CONCAT('ALTER TABLE `', c.TABLE_NAME, '` ALTER COLUMN `', c.COLUMN_NAME, '` ', "
           "IF(c.COLUMN_DEFAULT IS NOT NULL AND c.COLUMN_DEFAULT <> 'NULL', 'DROP DEFAULT', CONCAT('SET DEFAULT ', "
           "CASE WHEN c.DATA_TYPE IN ('int', 'bigint', 'smallint', 'tinyint', 'mediumint', 'decimal', 'float', "
           "'double') THEN '7' WHEN c.DATA_TYPE IN ('char', 'varchar') THEN IF(c.CHARACTER_MAXIMUM_LENGTH >= 7, "
           "'''mutated''', '''m''') WHEN c.DATA_TYPE = 'enum' THEN SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING("
           "c.COLUMN_TYPE, 6), ',', 1), ')', 1) WHEN c.DATA_TYPE = 'date' THEN '''2001-02-03''' WHEN c.DATA_TYPE IN "
           "('datetime', 'timestamp') THEN '''2001-02-03 04:05:06''' WHEN c.DATA_TYPE = 'time' THEN '''01:02:03''' "
           "END))) AS s FROM information_schema.COLUMNS c WHERE " +
           kMariaDbPlainColumn + " AND c.EXTRA NOT LIKE '%auto_increment%') m WHERE s IS NOT NULL"},
      {"change column comment",
       "SELECT " + column_label + ", " +
           mariadb_column("c.COLUMN_TYPE",
                          "IF(c.COLLATION_NAME IS NULL, '', CONCAT(' CHARACTER SET ', c.CHARACTER_SET_NAME, "
                          "' COLLATE ', c.COLLATION_NAME))",
                          "IF(c.IS_NULLABLE = 'YES', ' NULL', ' NOT NULL')", "CONCAT(c.COLUMN_COMMENT, ' (mutated)')") +
           " FROM information_schema.COLUMNS c WHERE " + kMariaDbPlainColumn},
      {"change column collation",
       "SELECT " + column_label + ", " +
           mariadb_column("c.COLUMN_TYPE",
                          "CONCAT(' CHARACTER SET ', c.CHARACTER_SET_NAME, ' COLLATE ', IF(c.COLLATION_NAME LIKE "
                          "'%\\_bin', CONCAT(c.CHARACTER_SET_NAME, '_general_ci'), CONCAT(c.CHARACTER_SET_NAME, "
                          "'_bin')))") +
           " FROM information_schema.COLUMNS c WHERE " + kMariaDbPlainColumn + " AND c.COLLATION_NAME IS NOT NULL"},
      {"enum label case",
       "SELECT " + column_label + ", " +
           mariadb_column("CONCAT('enum(''', UPPER(SUBSTRING(c.COLUMN_TYPE, 7, 1)), SUBSTRING(c.COLUMN_TYPE, 8))") +
           " FROM information_schema.COLUMNS c WHERE " + kMariaDbPlainColumn +
           " AND c.DATA_TYPE = 'enum' AND BINARY SUBSTRING(c.COLUMN_TYPE, 7, 1) REGEXP BINARY '[a-z]' "
           "AND (c.COLUMN_DEFAULT IS NULL OR c.COLUMN_DEFAULT = 'NULL')"},
      {"drop AUTO_INCREMENT",
       "SELECT " + column_label + ", " +
           mariadb_column("c.COLUMN_TYPE",
                          "IF(c.COLLATION_NAME IS NULL, '', CONCAT(' CHARACTER SET ', c.CHARACTER_SET_NAME, "
                          "' COLLATE ', c.COLLATION_NAME))",
                          "IF(c.IS_NULLABLE = 'YES', ' NULL', ' NOT NULL')", "c.COLUMN_COMMENT", "''") +
           " FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.EXTRA LIKE '%auto_increment%'"},
      {"change generated expression",
       "SELECT " + column_label +
           ", CONCAT('ALTER TABLE `', c.TABLE_NAME, '` MODIFY `', c.COLUMN_NAME, '` ', c.COLUMN_TYPE, "
           "' GENERATED ALWAYS AS (', IF(c.DATA_TYPE IN ('int', 'bigint', 'smallint', 'tinyint', 'decimal', "
           "'double', 'float'), CONCAT('(', c.GENERATION_EXPRESSION, ') + 1'), CONCAT('concat(', "
           "c.GENERATION_EXPRESSION, ', ''!'')')), ') ', IF(c.EXTRA LIKE 'STORED%', 'STORED', 'VIRTUAL'), "
           "' COMMENT ', QUOTE(c.COLUMN_COMMENT)) FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = "
           "DATABASE() AND c.EXTRA LIKE '%GENERATED%' AND c.DATA_TYPE NOT IN ('date', 'datetime', 'timestamp', "
           "'time', 'json', 'longtext')"},
      {"drop index",
       "SELECT DISTINCT CONCAT('table ', s.TABLE_NAME), s.INDEX_NAME, CONCAT('ALTER TABLE `', s.TABLE_NAME, "
       "'` DROP INDEX `', s.INDEX_NAME, '`') FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = "
       "DATABASE() AND s.INDEX_NAME <> 'PRIMARY' AND NOT EXISTS (SELECT 1 FROM "
       "information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = s.TABLE_SCHEMA AND k.TABLE_NAME = "
       "s.TABLE_NAME AND k.REFERENCED_TABLE_NAME IS NOT NULL AND (k.CONSTRAINT_NAME = s.INDEX_NAME OR "
       "(k.ORDINAL_POSITION = 1 AND k.COLUMN_NAME IN (SELECT f.COLUMN_NAME FROM information_schema.STATISTICS f "
       "WHERE f.TABLE_SCHEMA = s.TABLE_SCHEMA AND f.TABLE_NAME = s.TABLE_NAME AND f.INDEX_NAME = s.INDEX_NAME "
       "AND f.SEQ_IN_INDEX = 1))))"},
      {"add index",
       "SELECT CONCAT('table ', c.TABLE_NAME), 'mut_idx', CONCAT('ALTER TABLE `', c.TABLE_NAME, '` ADD INDEX "
       "mut_idx (`', SUBSTRING_INDEX(GROUP_CONCAT(c.COLUMN_NAME ORDER BY c.ORDINAL_POSITION DESC), ',', 1), "
       "'`)') FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE IN ('int', "
       "'bigint', 'smallint', 'date', 'datetime', 'decimal', 'char', 'enum', 'timestamp') AND c.TABLE_NAME IN "
       "(SELECT TABLE_NAME " +
           kMariaDbTables + ") GROUP BY c.TABLE_NAME"},
      {"toggle index uniqueness",
       "SELECT CONCAT('table ', s.TABLE_NAME), s.INDEX_NAME, CONCAT('ALTER TABLE `', s.TABLE_NAME, '` DROP INDEX "
       "`', s.INDEX_NAME, '`, ADD ', IF(MIN(s.NON_UNIQUE) = 1, 'UNIQUE ', ''), 'INDEX `', s.INDEX_NAME, '` (', "
       "GROUP_CONCAT(CONCAT('`', s.COLUMN_NAME, '`', IFNULL(CONCAT('(', s.SUB_PART, ')'), ''), IF(s.COLLATION = "
       "'D', ' DESC', '')) ORDER BY s.SEQ_IN_INDEX), ')') FROM information_schema.STATISTICS s WHERE "
       "s.TABLE_SCHEMA = DATABASE() AND s.INDEX_NAME <> 'PRIMARY' AND s.INDEX_TYPE = 'BTREE' AND NOT EXISTS "
       "(SELECT 1 FROM information_schema.PARTITIONS p WHERE p.TABLE_SCHEMA = s.TABLE_SCHEMA AND p.TABLE_NAME = "
       "s.TABLE_NAME AND p.PARTITION_NAME IS NOT NULL) GROUP BY s.TABLE_NAME, s.INDEX_NAME"},
      {"drop primary key",
       "SELECT CONCAT('table ', t.TABLE_NAME), 'PRIMARY', CONCAT('ALTER TABLE `', t.TABLE_NAME, '` DROP PRIMARY "
       "KEY') " +
           kMariaDbTables +
           " AND EXISTS (SELECT 1 FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND "
           "s.TABLE_NAME = t.TABLE_NAME AND s.INDEX_NAME = 'PRIMARY') AND NOT EXISTS (SELECT 1 FROM "
           "information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND "
           "c.EXTRA LIKE '%auto_increment%')" +
           kNotForeignKeyTable},
      {"drop foreign key",
       "SELECT CONCAT('table ', r.TABLE_NAME), r.CONSTRAINT_NAME, CONCAT('ALTER TABLE `', r.TABLE_NAME, '` DROP "
       "FOREIGN KEY `', r.CONSTRAINT_NAME, '`') FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE "
       "r.CONSTRAINT_SCHEMA = DATABASE()"},
      {"change foreign key action",
       "SELECT CONCAT('table ', r.TABLE_NAME), r.CONSTRAINT_NAME, CONCAT('ALTER TABLE `', r.TABLE_NAME, '` DROP "
       "FOREIGN KEY `', r.CONSTRAINT_NAME, '`;\nALTER TABLE `', r.TABLE_NAME, '` ADD CONSTRAINT `', "
       "r.CONSTRAINT_NAME, '` FOREIGN KEY (', GROUP_CONCAT(CONCAT('`', k.COLUMN_NAME, '`') ORDER BY "
       "k.ORDINAL_POSITION), ') REFERENCES `', r.REFERENCED_TABLE_NAME, '` (', GROUP_CONCAT(CONCAT('`', "
       "k.REFERENCED_COLUMN_NAME, '`') ORDER BY k.ORDINAL_POSITION), ') ON DELETE ', IF(r.DELETE_RULE = "
       "'CASCADE', 'RESTRICT', 'CASCADE'), ' ON UPDATE ', r.UPDATE_RULE) FROM "
       "information_schema.REFERENTIAL_CONSTRAINTS r JOIN information_schema.KEY_COLUMN_USAGE k ON "
       "k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.TABLE_NAME = r.TABLE_NAME AND k.CONSTRAINT_NAME = "
       "r.CONSTRAINT_NAME WHERE r.CONSTRAINT_SCHEMA = DATABASE() GROUP BY r.TABLE_NAME, r.CONSTRAINT_NAME"},
      {"drop check",
       "SELECT CONCAT('table ', x.TABLE_NAME), x.CONSTRAINT_NAME, CONCAT('ALTER TABLE `', x.TABLE_NAME, '` DROP "
       "CONSTRAINT `', x.CONSTRAINT_NAME, '`') FROM information_schema.CHECK_CONSTRAINTS x WHERE "
       "x.CONSTRAINT_SCHEMA = DATABASE() AND x.LEVEL = 'Table'"},
      {"change check",
       "SELECT CONCAT('table ', x.TABLE_NAME), x.CONSTRAINT_NAME, CONCAT('ALTER TABLE `', x.TABLE_NAME, '` DROP "
       "CONSTRAINT `', x.CONSTRAINT_NAME, '`;\nALTER TABLE `', x.TABLE_NAME, '` ADD CONSTRAINT `', "
       "x.CONSTRAINT_NAME, '` CHECK (', REGEXP_REPLACE(x.CHECK_CLAUSE, '([^0-9A-Za-z_`.])([0-9]+)([^0-9A-Za-z_`.]|$)', "
       "'\\\\1(\\\\2 + 1)\\\\3'), ')') FROM information_schema.CHECK_CONSTRAINTS x WHERE x.CONSTRAINT_SCHEMA = "
       "DATABASE() AND x.LEVEL = 'Table' AND x.CHECK_CLAUSE REGEXP '[^0-9A-Za-z_`.][0-9]+([^0-9A-Za-z_`.]|$)'"},
      {"add check",
       "SELECT CONCAT('table ', c.TABLE_NAME), 'mut_chk', CONCAT('ALTER TABLE `', c.TABLE_NAME, '` ADD "
       "CONSTRAINT mut_chk CHECK (`', MIN(c.COLUMN_NAME), '` <> -12345)') FROM information_schema.COLUMNS c "
       "WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE IN ('int', 'bigint', 'smallint', 'decimal') AND "
       "c.EXTRA NOT LIKE '%auto_increment%' AND c.TABLE_NAME IN (SELECT TABLE_NAME " +
           kMariaDbTables + ") GROUP BY c.TABLE_NAME"},
      {"change table comment",
       "SELECT CONCAT('table ', t.TABLE_NAME), '', CONCAT('ALTER TABLE `', t.TABLE_NAME, "
       "'` COMMENT = ', QUOTE(CONCAT(t.TABLE_COMMENT, ' (mutated)'))) " +
           kMariaDbTables},
      {"change engine",
       "SELECT CONCAT('table ', t.TABLE_NAME), '', CONCAT('ALTER TABLE `', t.TABLE_NAME, "
       "'` ENGINE = ', IF(t.ENGINE = 'InnoDB', 'Aria', 'InnoDB')) " +
           kMariaDbTables + kNotForeignKeyTable + " AND t.CREATE_OPTIONS NOT LIKE '%partitioned%'"},
      {"change table collation",
       "SELECT CONCAT('table ', t.TABLE_NAME), '', CONCAT('ALTER TABLE `', t.TABLE_NAME, '` DEFAULT COLLATE ', "
       "IF(t.TABLE_COLLATION LIKE '%\\_bin', CONCAT(SUBSTRING_INDEX(t.TABLE_COLLATION, '_', 1), '_general_ci'), "
       "CONCAT(SUBSTRING_INDEX(t.TABLE_COLLATION, '_', 1), '_bin'))) " +
           kMariaDbTables},
      {"remove partitioning",
       "SELECT CONCAT('table ', t.TABLE_NAME), '', CONCAT('ALTER TABLE `', t.TABLE_NAME, "
       "'` REMOVE PARTITIONING') " +
           kMariaDbTables + " AND t.CREATE_OPTIONS LIKE '%partitioned%'"},
      {"drop or coalesce a partition",
       "SELECT CONCAT('table ', p.TABLE_NAME), '', CONCAT('ALTER TABLE `', p.TABLE_NAME, '` ', "
       "IF(MIN(p.PARTITION_METHOD) IN ('RANGE', 'LIST', 'RANGE COLUMNS', 'LIST COLUMNS'), CONCAT('DROP PARTITION "
       "`', MIN(p.PARTITION_NAME), '`'), 'COALESCE PARTITION 1')) FROM information_schema.PARTITIONS p WHERE "
       "p.TABLE_SCHEMA = DATABASE() AND p.PARTITION_NAME IS NOT NULL GROUP BY p.TABLE_NAME HAVING COUNT(*) > 1"},
      {"drop view",
       "SELECT CONCAT('view ', v.TABLE_NAME), '', CONCAT('DROP VIEW `', v.TABLE_NAME, '`') FROM "
       "information_schema.VIEWS v WHERE v.TABLE_SCHEMA = DATABASE()"},
      {"change view body",
       "SELECT CONCAT('view ', v.TABLE_NAME), '', CONCAT('CREATE OR REPLACE VIEW `', v.TABLE_NAME, '` AS SELECT * "
       "FROM (', v.VIEW_DEFINITION, ') AS mutated WHERE 1 = 1') FROM information_schema.VIEWS v WHERE "
       "v.TABLE_SCHEMA = DATABASE()"},
      {"change view security",
       "SELECT CONCAT('view ', v.TABLE_NAME), '', CONCAT('CREATE OR REPLACE SQL SECURITY ', IF(v.SECURITY_TYPE = "
       "'DEFINER', 'INVOKER', 'DEFINER'), ' VIEW `', v.TABLE_NAME, '` AS ', v.VIEW_DEFINITION, IF(v.CHECK_OPTION "
       "= 'NONE', '', CONCAT(' WITH ', v.CHECK_OPTION, ' CHECK OPTION'))) FROM information_schema.VIEWS v WHERE "
       "v.TABLE_SCHEMA = DATABASE()"},
      {"drop trigger",
       "SELECT CONCAT('trigger ', g.TRIGGER_NAME), '', CONCAT('DROP TRIGGER `', g.TRIGGER_NAME, "
       "'`') FROM information_schema.TRIGGERS g WHERE g.TRIGGER_SCHEMA = DATABASE()"},
      {"change trigger body",
       "SELECT CONCAT('trigger ', g.TRIGGER_NAME), '', CONCAT('DROP TRIGGER `', g.TRIGGER_NAME, '`;\nDELIMITER "
       "$$\nCREATE TRIGGER `', g.TRIGGER_NAME, '` ', g.ACTION_TIMING, ' ', g.EVENT_MANIPULATION, ' ON `', "
       "g.EVENT_OBJECT_TABLE, '` FOR EACH ROW ', " +
           mariadb_body("g.ACTION_STATEMENT") +
           ", '$$\nDELIMITER ;\n') FROM information_schema.TRIGGERS g WHERE g.TRIGGER_SCHEMA = DATABASE()"},
      {"drop routine",
       "SELECT CONCAT('routine ', r.ROUTINE_NAME), '', CONCAT('DROP ', r.ROUTINE_TYPE, ' `', "
       "r.ROUTINE_NAME, '`') FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = DATABASE()"},
      {"change routine body",
       "SELECT CONCAT('routine ', r.ROUTINE_NAME), '', CONCAT('DROP ', r.ROUTINE_TYPE, ' `', r.ROUTINE_NAME, "
       "'`;\nDELIMITER $$\nCREATE ', r.ROUTINE_TYPE, ' `', r.ROUTINE_NAME, '`(', IFNULL((SELECT "
       "GROUP_CONCAT(CONCAT(IF(r.ROUTINE_TYPE = 'PROCEDURE', CONCAT(p.PARAMETER_MODE, ' '), ''), '`', "
       "p.PARAMETER_NAME, '` ', p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION SEPARATOR ', ') FROM "
       "information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = "
       "r.ROUTINE_NAME AND p.ORDINAL_POSITION > 0), ''), ')', IF(r.ROUTINE_TYPE = 'FUNCTION', CONCAT(' RETURNS ', "
       "r.DTD_IDENTIFIER), ''), IF(r.IS_DETERMINISTIC = 'YES', ' DETERMINISTIC', ' NOT DETERMINISTIC'), ' ', "
       "r.SQL_DATA_ACCESS, ' SQL SECURITY ', r.SECURITY_TYPE, ' COMMENT ', QUOTE(r.ROUTINE_COMMENT), '\n', " +
           mariadb_body("r.ROUTINE_DEFINITION") +
           ", '$$\nDELIMITER ;\n') FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = DATABASE()"},
      {"change routine comment",
       "SELECT CONCAT('routine ', r.ROUTINE_NAME), '', CONCAT('ALTER ', r.ROUTINE_TYPE, ' `', r.ROUTINE_NAME, '` "
       "COMMENT ', QUOTE(CONCAT(r.ROUTINE_COMMENT, ' (mutated)'))) FROM information_schema.ROUTINES r WHERE "
       "r.ROUTINE_SCHEMA = DATABASE()"},
      {"change routine security",
       "SELECT CONCAT('routine ', r.ROUTINE_NAME), '', CONCAT('ALTER ', r.ROUTINE_TYPE, ' `', r.ROUTINE_NAME, '` "
       "SQL SECURITY ', IF(r.SECURITY_TYPE = 'DEFINER', 'INVOKER', 'DEFINER')) FROM information_schema.ROUTINES r "
       "WHERE r.ROUTINE_SCHEMA = DATABASE()"},
      {"drop event",
       "SELECT CONCAT('event ', e.EVENT_NAME), '', CONCAT('DROP EVENT `', e.EVENT_NAME, '`') FROM "
       "information_schema.EVENTS e WHERE e.EVENT_SCHEMA = DATABASE()"},
      {"change event schedule",
       "SELECT CONCAT('event ', e.EVENT_NAME), '', CONCAT('ALTER EVENT `', e.EVENT_NAME, '` ON SCHEDULE EVERY 17 "
       "MINUTE') FROM information_schema.EVENTS e WHERE e.EVENT_SCHEMA = DATABASE()"},
  };
}

// ---------------------------------------------------------------------------------
// PostgreSQL templates: pg_catalog of the session's database.

const std::string kPgUser = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";

// Columns of tables (not partitions), with what stops a change: `used` by a view or a
// generated column, in the partition key, in a primary or foreign key.
const std::string kPgColumns =
    "WITH cols AS (SELECT n.nspname AS s, c.relname AS t, a.attname AS col, format('%I.%I', n.nspname, c.relname) "
    "AS qt, format('table %s.%s', n.nspname, c.relname) AS label, format_type(a.atttypid, a.atttypmod) AS typ, "
    "ty.typname, ty.typcategory AS cat, ty.typtype, a.attnotnull AS nn, a.atthasdef AS hasdef, a.attidentity AS "
    "ident, a.attgenerated AS gen, co.collname, a.attcollation <> 0 AS collatable, c.relkind, "
    "EXISTS (SELECT 1 FROM pg_depend d WHERE d.refobjid = c.oid AND d.refobjsubid = a.attnum AND (d.classid = "
    "'pg_rewrite'::regclass OR (d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.objsubid NOT IN (0, "
    "a.attnum)))) AS used, "
    "EXISTS (SELECT 1 FROM pg_partitioned_table p WHERE p.partrelid = c.oid AND (a.attnum = ANY(p.partattrs::int2[]) "
    "OR 0 = ANY(p.partattrs::int2[]))) AS partkey, "
    "EXISTS (SELECT 1 FROM pg_constraint k WHERE (k.contype = 'f' AND ((k.conrelid = c.oid AND a.attnum = "
    "ANY(k.conkey)) OR (k.confrelid = c.oid AND a.attnum = ANY(k.confkey)))) OR (k.contype = 'p' AND k.conrelid = "
    "c.oid AND a.attnum = ANY(k.conkey))) AS keyed, "
    "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contype = 'p' AND k.conrelid = c.oid AND a.attnum = "
    "ANY(k.conkey)) AS pk, "
    "(SELECT count(*) FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attnum > 0 AND NOT o.attisdropped) AS ncols "
    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation "
    "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND " +
    kPgUser + ") ";

const std::string kPgTables =
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + kPgUser;
const std::string kPgTableLabel = "format('table %s.%s', n.nspname, c.relname)";
const std::string kPgQt = "format('%I.%I', n.nspname, c.relname)";

const std::string kPgIndexes =
    "WITH idx AS (SELECT n.nspname AS s, ct.relname AS t, ci.relname AS i, ct.relkind, format('%I.%I', n.nspname, "
    "ci.relname) AS qi, CASE WHEN ct.relkind = 'm' THEN format('view %s.%s', n.nspname, ct.relname) ELSE "
    "format('table %s.%s', n.nspname, ct.relname) END AS label, pg_get_indexdef(i.indexrelid) AS def, "
    "i.indisunique AS uniq, am.amname, i.indpred IS NOT NULL AS partial FROM pg_index i JOIN pg_class ci ON "
    "ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid JOIN pg_namespace n ON n.oid = ct.relnamespace "
    "JOIN pg_am am ON am.oid = ci.relam WHERE NOT ci.relispartition AND NOT ct.relispartition AND NOT EXISTS "
    "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x')) AND " +
    kPgUser + ") ";

const std::string kPgConstraints =
    "WITH con AS (SELECT format('table %s.%s', n.nspname, c.relname) AS label, format('%I.%I', n.nspname, "
    "c.relname) AS qt, k.conname, k.contype, k.condeferrable, pg_get_constraintdef(k.oid) AS def FROM "
    "pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
    "k.conparentid = 0 AND NOT c.relispartition AND " +
    kPgUser + ") ";

const std::string kPgRoutines =
    "WITH fn AS (SELECT p.oid, format('routine %s.%s(%s)', n.nspname, p.proname, "
    "pg_get_function_identity_arguments(p.oid)) AS label, format('%I.%I(%s)', n.nspname, p.proname, "
    "pg_get_function_identity_arguments(p.oid)) AS sig, CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' "
    "END AS kind, p.prokind, p.provolatile, p.prosecdef, l.lanname, pg_get_functiondef(p.oid) AS def FROM pg_proc "
    "p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang WHERE p.prokind IN "
    "('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') AND " +
    kPgUser + ") ";

const std::string kPgSequences =
    "WITH seq AS (SELECT format('sequence %s.%s', n.nspname, c.relname) AS label, format('%I.%I', n.nspname, "
    "c.relname) AS qs, s.seqincrement, s.seqcache, EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND "
    "d.deptype = 'a' AND d.refobjsubid > 0) AS owned FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN "
    "pg_namespace n ON n.oid = c.relnamespace WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND "
    "d.deptype = 'i') AND " +
    kPgUser + ") ";

const std::string kPgTypes =
    "WITH ty AS (SELECT format('type %s.%s', n.nspname, t.typname) AS label, format('%I.%I', n.nspname, t.typname) "
    "AS qt, t.oid, t.typtype, format('domain %s.%s', n.nspname, t.typname) AS domain_label FROM pg_type t JOIN "
    "pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd') AND " +
    kPgUser + ") ";

// A view's definition as pg_get_viewdef prints it, without its final semicolon.
const std::string kPgViews =
    "WITH vw AS (SELECT format('view %s.%s', n.nspname, c.relname) AS label, format('%I.%I', n.nspname, c.relname) "
    "AS qv, c.relkind, rtrim(pg_get_viewdef(c.oid), ';') AS def FROM pg_class c JOIN pg_namespace n ON n.oid = "
    "c.relnamespace WHERE c.relkind IN ('v', 'm') AND " +
    kPgUser + ") ";

const std::string kPgTriggers =
    "WITH tg AS (SELECT format('trigger %s.%s.%s', n.nspname, c.relname, g.tgname) AS label, format('%I.%I', "
    "n.nspname, c.relname) AS qt, g.tgname, c.relkind, g.tgconstraint, pg_get_triggerdef(g.oid) AS def FROM "
    "pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT "
    "g.tgisinternal AND g.tgparentid = 0 AND " +
    kPgUser + ") ";

MutationTemplates postgres_templates() {
  return {
      {"add column", "SELECT " + kPgTableLabel +
                         ", 'mut_extra', format('ALTER TABLE %s ADD COLUMN mut_extra integer', " + kPgQt + ") " +
                         kPgTables + " AND NOT c.relispartition"},
      {"drop column", kPgColumns + "SELECT label, col, format('ALTER TABLE %s DROP COLUMN %I CASCADE', qt, col) FROM "
                                   "cols WHERE NOT used AND NOT partkey AND NOT keyed AND ncols > 1"},
      {"change type",
       kPgColumns +
           "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I TYPE %s USING %I::%s', qt, col, n, col, n) "
           "FROM (SELECT *, CASE typname WHEN 'int2' THEN 'integer' WHEN 'int4' THEN 'bigint' WHEN 'int8' THEN "
           "'numeric(20,0)' WHEN 'float4' THEN 'double precision' WHEN 'float8' THEN 'numeric' WHEN 'numeric' THEN "
           "CASE WHEN typ = 'numeric' THEN 'numeric(30,4)' ELSE 'numeric' END WHEN 'varchar' THEN CASE WHEN typ = "
           "'character varying' THEN 'varchar(300)' ELSE 'text' END WHEN 'text' THEN 'varchar(1000)' WHEN 'bpchar' "
           "THEN 'varchar(64)' WHEN 'timestamp' THEN 'timestamptz' WHEN 'timestamptz' THEN 'timestamp' WHEN 'date' "
           "THEN 'timestamp' WHEN 'jsonb' THEN 'json' WHEN 'json' THEN 'jsonb' WHEN 'time' THEN 'time(3)' END AS n "
           "FROM cols) x WHERE n IS NOT NULL AND NOT used AND NOT partkey AND gen = '' AND typtype = 'b' AND (ident "
           "= '' OR typname IN ('int2', 'int4')) AND (NOT keyed OR typname IN ('int2', 'int4'))"},
      {"toggle NOT NULL",
       kPgColumns + "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I %s NOT NULL', qt, col, CASE WHEN nn "
                    "THEN 'DROP' ELSE 'SET' END) FROM cols WHERE gen = '' AND ident = '' AND NOT pk AND NOT partkey"},
      {"change default",
       kPgColumns +
           "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I %s', qt, col, d) FROM (SELECT *, CASE WHEN "
           "hasdef THEN 'DROP DEFAULT' ELSE 'SET DEFAULT ' || CASE WHEN cat = 'N' THEN '42' WHEN cat = 'S' THEN "
           "'''mutated''' WHEN cat = 'B' THEN 'true' WHEN typname = 'date' THEN 'CURRENT_DATE' WHEN typname IN "
           "('timestamp', 'timestamptz') THEN 'now()' WHEN cat = 'E' THEN (SELECT quote_literal(e.enumlabel) FROM "
           "pg_enum e JOIN pg_type et ON et.oid = e.enumtypid WHERE et.typname = cols.typname ORDER BY "
           "e.enumsortorder LIMIT 1) WHEN typname = 'uuid' THEN 'gen_random_uuid()' WHEN typname IN ('json', "
           "'jsonb') OR cat = 'A' THEN '''{}''' END END AS d FROM cols WHERE gen = '' AND ident = '') x WHERE d IS "
           "NOT NULL"},
      {"change column comment",
       kPgColumns + "SELECT label, col, format('COMMENT ON COLUMN %s.%I IS %L', qt, col, 'mutated') FROM cols"},
      {"change column collation",
       kPgColumns + "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I TYPE %s COLLATE %I', qt, col, typ, "
                    "CASE WHEN collname = 'C' THEN 'POSIX' ELSE 'C' END) FROM cols WHERE collatable AND cat = 'S' "
                    "AND typtype = 'b' AND NOT used AND NOT partkey AND NOT keyed"},
      {"toggle identity kind",
       kPgColumns + "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I SET GENERATED %s', qt, col, CASE "
                    "ident WHEN 'a' THEN 'BY DEFAULT' ELSE 'ALWAYS' END) FROM cols WHERE ident <> ''"},
      {"drop identity", kPgColumns + "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I DROP IDENTITY', qt, "
                                     "col) FROM cols WHERE ident <> ''"},
      {"change identity options", kPgColumns + "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I SET "
                                               "INCREMENT BY 5', qt, col) FROM cols WHERE ident <> ''"},
      {"drop generated expression",
       kPgColumns +
           "SELECT label, col, format('ALTER TABLE %s ALTER COLUMN %I DROP EXPRESSION', qt, col) FROM cols WHERE gen "
           "= 's'"},
      {"drop index", kPgIndexes + "SELECT label, i, format('DROP INDEX %s', qi) FROM idx"},
      {"toggle index uniqueness",
       kPgIndexes + "SELECT label, i, format('DROP INDEX %s;\n%s', qi, CASE WHEN uniq THEN replace(def, 'CREATE "
                    "UNIQUE INDEX', 'CREATE INDEX') ELSE replace(def, 'CREATE INDEX', 'CREATE UNIQUE INDEX') END) "
                    "FROM idx WHERE amname = 'btree' AND relkind <> 'p'"},
      {"drop index predicate", kPgIndexes + "SELECT label, i, format('DROP INDEX %s;\n%s', qi, regexp_replace(def, "
                                            "' WHERE .*$', '')) FROM idx WHERE partial"},
      {"change index comment",
       kPgIndexes + "SELECT label, i, format('COMMENT ON INDEX %s IS %L', qi, 'mutated') FROM idx"},
      {"add index",
       kPgColumns + "SELECT DISTINCT ON (s, t) label, 'mut_idx', format('CREATE INDEX mut_idx ON %s (%I)', qt, col) "
                    "FROM cols WHERE cat IN ('N', 'S', 'D', 'E') ORDER BY s, t, col DESC"},
      {"drop key constraint", kPgConstraints + "SELECT label, conname, format('ALTER TABLE %s DROP CONSTRAINT %I "
                                               "CASCADE', qt, conname) FROM con WHERE contype IN ('p', 'u', 'x')"},
      {"drop foreign key", kPgConstraints + "SELECT label, conname, format('ALTER TABLE %s DROP CONSTRAINT %I', qt, "
                                            "conname) FROM con WHERE contype = 'f'"},
      {"change foreign key action",
       kPgConstraints +
           "SELECT label, conname, format('ALTER TABLE %s DROP CONSTRAINT %I;\nALTER TABLE %s ADD CONSTRAINT %I "
           "%s', qt, conname, qt, conname, CASE WHEN def LIKE '%ON DELETE CASCADE%' THEN replace(def, 'ON DELETE "
           "CASCADE', 'ON DELETE RESTRICT') WHEN def LIKE '%ON DELETE%' THEN regexp_replace(def, 'ON DELETE (SET "
           "NULL|SET DEFAULT|RESTRICT|NO ACTION)', 'ON DELETE CASCADE') ELSE regexp_replace(def, '(REFERENCES "
           "[^(]+\\([^)]*\\))', '\\1 ON DELETE CASCADE') END) FROM con WHERE contype = 'f'"},
      {"toggle deferrable",
       kPgConstraints + "SELECT label, conname, format('ALTER TABLE %s ALTER CONSTRAINT %I %s', qt, conname, CASE "
                        "WHEN condeferrable THEN 'NOT DEFERRABLE' ELSE 'DEFERRABLE INITIALLY DEFERRED' END) FROM con "
                        "WHERE contype = 'f'"},
      {"drop check", kPgConstraints + "SELECT label, conname, format('ALTER TABLE %s DROP CONSTRAINT %I', qt, "
                                      "conname) FROM con WHERE contype = 'c'"},
      {"change check",
       kPgConstraints +
           "SELECT label, conname, format('ALTER TABLE %s DROP CONSTRAINT %I;\nALTER TABLE %s ADD CONSTRAINT %I "
           "%s', qt, conname, qt, conname, regexp_replace(def, '([^0-9A-Za-z_.\"])([0-9]+)([^0-9A-Za-z_.]|$)', "
           "'\\1(\\2 + 1)\\3', 'g')) FROM con WHERE contype = 'c' AND def ~ "
           "'[^0-9A-Za-z_.\"][0-9]+([^0-9A-Za-z_.]|$)'"},
      {"add check",
       kPgColumns + "SELECT DISTINCT ON (s, t) label, 'mut_chk', format('ALTER TABLE %s ADD CONSTRAINT mut_chk CHECK "
                    "(%I <> -12345)', qt, col) FROM cols WHERE cat = 'N' ORDER BY s, t, col"},
      {"change constraint comment",
       kPgConstraints + "SELECT label, conname, format('COMMENT ON CONSTRAINT %I ON %s IS %L', conname, qt, "
                        "'mutated') FROM con WHERE contype IN ('c', 'f')"},
      {"change table comment",
       "SELECT " + kPgTableLabel + ", '', format('COMMENT ON TABLE %s IS %L', " + kPgQt + ", 'mutated') " + kPgTables},
      {"drop table", "SELECT " + kPgTableLabel + ", '', format('DROP TABLE %s CASCADE', " + kPgQt + ") " + kPgTables},
      {"detach partition", "SELECT " + kPgTableLabel +
                               ", '', format('ALTER TABLE %s DETACH PARTITION %s', i.inhparent::regclass, " + kPgQt +
                               ") FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_inherits i ON "
                               "i.inhrelid = c.oid WHERE c.relispartition AND c.relkind IN ('r', 'p') AND " +
                               kPgUser},
      {"toggle row level security",
       "SELECT " + kPgTableLabel + ", '', format('ALTER TABLE %s %s ROW LEVEL SECURITY', " + kPgQt +
           ", CASE WHEN c.relrowsecurity THEN 'DISABLE' ELSE 'ENABLE' END) " + kPgTables + " AND NOT c.relispartition"},
      {"drop policy",
       "SELECT format('table %s.%s', n.nspname, c.relname), p.polname, format('DROP POLICY %I ON "
       "%I.%I', p.polname, n.nspname, c.relname) FROM pg_policy p JOIN pg_class c ON c.oid = "
       "p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"},
      {"drop view", kPgViews + "SELECT label, '', format('DROP %s %s CASCADE', CASE relkind WHEN 'm' THEN "
                               "'MATERIALIZED VIEW' ELSE 'VIEW' END, qv) FROM vw"},
      {"change view body",
       kPgViews + "SELECT label, '', CASE relkind WHEN 'v' THEN format('CREATE OR REPLACE VIEW %s AS SELECT * FROM "
                  "(%s) AS mutated WHERE true', qv, def) ELSE format('DROP MATERIALIZED VIEW %s CASCADE;\nCREATE "
                  "MATERIALIZED VIEW %s AS SELECT * FROM (%s) AS mutated WHERE true WITH NO DATA', qv, qv, def) END "
                  "FROM vw"},
      {"change view comment", kPgViews + "SELECT label, '', format('COMMENT ON %s %s IS %L', CASE relkind WHEN 'm' "
                                         "THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, qv, 'mutated') FROM vw"},
      {"set view security_invoker",
       kPgViews + "SELECT label, '', format('ALTER VIEW %s SET (security_invoker = true)', qv) FROM vw WHERE relkind "
                  "= 'v'"},
      {"drop trigger", kPgTriggers + "SELECT label, '', format('DROP TRIGGER %I ON %s', tgname, qt) FROM tg"},
      {"disable trigger",
       kPgTriggers + "SELECT label, '', format('ALTER TABLE %s DISABLE TRIGGER %I', qt, tgname) FROM tg"},
      {"change trigger timing",
       kPgTriggers + "SELECT label, '', format('DROP TRIGGER %I ON %s;\n%s', tgname, qt, CASE WHEN def LIKE "
                     "'% BEFORE %' THEN replace(def, ' BEFORE ', ' AFTER ') ELSE replace(def, ' AFTER ', ' BEFORE ') "
                     "END) FROM tg WHERE relkind IN ('r', 'p') AND tgconstraint = 0 AND def NOT LIKE '%INSTEAD OF%'"},
      {"drop routine", kPgRoutines + "SELECT label, '', format('DROP %s %s CASCADE', kind, sig) FROM fn"},
      {"change routine body",
       kPgRoutines +
           "SELECT label, '', left(def, strpos(def, '$function$') - 1) || CASE lanname WHEN 'plpgsql' THEN "
           "regexp_replace(substr(def, strpos(def, '$function$')), '\\mBEGIN\\M', 'BEGIN PERFORM 0;', 'i') ELSE "
           "regexp_replace(substr(def, strpos(def, '$function$')), '([^0-9A-Za-z_.\"$])([0-9]+)([^0-9A-Za-z_.$]|$)', "
           "'\\1(\\2 + 1)\\3') END FROM fn WHERE strpos(def, '$function$') > 0 AND (lanname = 'plpgsql' OR "
           "substr(def, strpos(def, '$function$')) ~ '[^0-9A-Za-z_.\"$][0-9]+([^0-9A-Za-z_.$]|$)')"},
      {"change volatility", kPgRoutines + "SELECT label, '', format('ALTER FUNCTION %s %s', sig, CASE provolatile "
                                          "WHEN 'v' THEN 'STABLE' ELSE 'VOLATILE' END) FROM fn WHERE prokind = 'f'"},
      {"toggle security definer",
       kPgRoutines + "SELECT label, '', format('ALTER %s %s SECURITY %s', kind, sig, CASE WHEN prosecdef THEN "
                     "'INVOKER' ELSE 'DEFINER' END) FROM fn"},
      {"change routine comment",
       kPgRoutines + "SELECT label, '', format('COMMENT ON %s %s IS %L', kind, sig, 'mutated') FROM fn"},
      {"drop sequence", kPgSequences + "SELECT label, '', format('DROP SEQUENCE %s CASCADE', qs) FROM seq"},
      {"change sequence increment",
       kPgSequences + "SELECT label, '', format('ALTER SEQUENCE %s INCREMENT BY %s', qs, seqincrement + 9) FROM seq"},
      {"change sequence cache",
       kPgSequences + "SELECT label, '', format('ALTER SEQUENCE %s CACHE %s', qs, seqcache + 19) FROM seq"},
      {"drop sequence ownership",
       kPgSequences + "SELECT label, '', format('ALTER SEQUENCE %s OWNED BY NONE', qs) FROM seq WHERE owned"},
      {"add enum label", kPgTypes + "SELECT label, '', format('ALTER TYPE %s ADD VALUE %L', qt, 'mutated') FROM ty "
                                    "WHERE typtype = 'e'"},
      {"rename enum label",
       kPgTypes + "SELECT label, '', format('ALTER TYPE %s RENAME VALUE %L TO %L', qt, e.enumlabel, "
                  "upper(e.enumlabel)) FROM ty JOIN pg_enum e ON e.enumtypid = ty.oid WHERE e.enumsortorder = (SELECT "
                  "min(f.enumsortorder) FROM pg_enum f WHERE f.enumtypid = ty.oid) AND upper(e.enumlabel) <> "
                  "e.enumlabel"},
      {"drop type", kPgTypes + "SELECT label, '', format('DROP TYPE %s CASCADE', qt) FROM ty WHERE typtype = 'e'"},
      {"drop domain constraint",
       kPgTypes + "SELECT domain_label, '', format('ALTER DOMAIN %s DROP CONSTRAINT %I', qt, k.conname) FROM ty JOIN "
                  "pg_constraint k ON k.contypid = ty.oid WHERE typtype = 'd'"},
      {"drop extension",
       "SELECT format('extension %s', extname), '', format('DROP EXTENSION %I CASCADE', extname) "
       "FROM pg_extension WHERE extname <> 'plpgsql'"},
      {"add extension",
       "SELECT format('extension %s', name), '', format('CREATE EXTENSION %I', name) FROM (SELECT name FROM "
       "unnest(ARRAY['pg_trgm', 'citext', 'hstore', 'fuzzystrmatch']) AS name WHERE name NOT IN (SELECT extname "
       "FROM pg_extension) LIMIT 1) x"},
      {"drop schema",
       "SELECT format('schema %s', n.nspname), '', format('DROP SCHEMA %I CASCADE', n.nspname) FROM "
       "pg_namespace n WHERE " +
           kPgUser + " AND n.nspname <> 'public'"},
      {"create schema", "SELECT 'schema mut_schema', '', 'CREATE SCHEMA mut_schema'"},
  };
}

}  // namespace

MutationTemplates mutation_templates(ScratchEngine engine) {
  return engine == ScratchEngine::MariaDB ? mariadb_templates() : postgres_templates();
}

std::vector<std::filesystem::path> corpus_files(ScratchEngine engine) {
  std::vector<std::filesystem::path> files;
  const auto folder = std::filesystem::path(DEVENV_SOURCE_DIR) / "tests/fixtures/mutations" /
                      (engine == ScratchEngine::MariaDB ? "mariadb" : "postgres");
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string corpus_name(ScratchEngine engine, const std::filesystem::path& file) {
  return (engine == ScratchEngine::MariaDB ? "mariadb/" : "postgres/") + file.filename().string();
}

std::uint32_t mutation_seed() {
  const char* text = std::getenv("DEVENV_MUTATION_SEED");
  return text ? static_cast<std::uint32_t>(std::stoul(text)) : kDefaultMutationSeed;
}

std::uint32_t fnv1a(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

// Every mutation the templates find in the loaded database.
std::vector<Mutation> candidates(const ScratchDatabase& scratch, const std::string& database,
                                 const MutationTemplates& templates) {
  auto session = scratch.session(database);
  std::vector<Mutation> out;
  for (const auto& [name, query] : templates) {
    std::vector<devenv::db::Row> rows;
    try {
      rows = session->rows(query);
    } catch (const std::exception& error) {
      FAIL("template '" << name << "' does not run: " << error.what() << "\n" << query);
    }
    for (const devenv::db::Row& row : rows) {
      const auto at = [&](std::size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); };
      if (at(2).empty()) continue;
      const std::string sql = at(2);
      out.push_back({name, at(0), at(1), sql.back() == '\n' ? sql : sql + ";\n"});
    }
  }
  return out;
}

// A few mutations of distinct templates, those used least so far first.
std::vector<Mutation> pick(std::vector<Mutation> all, std::mt19937& random, const std::map<std::string, int>& used) {
  for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[random() % i]);
  std::stable_sort(all.begin(), all.end(), [&](const Mutation& a, const Mutation& b) {
    const auto count = [&](const Mutation& m) {
      const auto it = used.find(m.template_name);
      return it == used.end() ? 0 : it->second;
    };
    return count(a) < count(b);
  });
  std::vector<Mutation> out;
  std::set<std::string> templates;
  for (const Mutation& mutation : all) {
    if (templates.insert(mutation.template_name).second) out.push_back(mutation);
  }
  return out;
}

std::string one_line(std::string text, std::size_t limit) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text.size() > limit ? text.substr(0, limit) + "…" : text;
}

}  // namespace devenv::test
