#include "support/fix_check.h"

#include <chrono>
#include <iomanip>
#include <regex>
#include <sstream>

namespace devenv::test {

namespace {

// How a fix says it refuses something up front.
const char* const kRefusalMarks[] = {"-- devenv cannot"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// A line after which a new statement starts.
bool ends_statement(const std::string& line) {
  const std::string text = trimmed(line);
  return text.empty() || ends_with(text, ";") || ends_with(text, "$$") || text.rfind("--", 0) == 0 ||
         text.rfind("\\", 0) == 0 || text.rfind("DELIMITER", 0) == 0;
}

std::string indented(const std::string& text, const std::string& prefix = "    ") {
  std::string out;
  for (const std::string& line : lines_of(text)) out += prefix + line + "\n";
  return out;
}

std::string numbered(const std::string& text) {
  std::ostringstream out;
  std::size_t number = 0;
  for (const std::string& line : lines_of(text)) out << std::setw(5) << ++number << " | " << line << "\n";
  return out.str();
}

std::string quoted(const ScratchDatabase& scratch, const std::string& name) {
  if (scratch.engine() == ScratchEngine::MariaDB) return "`" + name + "`";
  return "\"" + name + "\"";
}

}  // namespace

const char* describe(FixOutcome outcome) {
  switch (outcome) {
    case FixOutcome::NoDifferences: return "no differences to fix";
    case FixOutcome::NotWritten: return "devenv did not write a fix";
    case FixOutcome::FailedToApply: return "failed to apply";
    case FixOutcome::Refused: return "refused up front";
    case FixOutcome::Applied: return "applied";
    case FixOutcome::NotConverged: return "did not converge";
    case FixOutcome::Converged: return "converged";
  }
  return "?";
}

std::vector<std::string> refusals(const std::string& fix_sql) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(fix_sql)) {
    for (const char* mark : kRefusalMarks) {
      if (line.rfind(mark, 0) == 0) out.push_back(line);
    }
  }
  return out;
}

std::size_t error_line(const std::string& client_output) {
  static const std::regex psql("psql:[^:\n]*:([0-9]+): ERROR");
  static const std::regex mariadb("ERROR [0-9]+ \\([0-9A-Z]+\\) at line ([0-9]+)");
  std::smatch match;
  if (std::regex_search(client_output, match, psql) || std::regex_search(client_output, match, mariadb)) {
    return std::stoul(match[1].str());
  }
  return 0;
}

std::string statement_at(const std::string& sql, std::size_t line) {
  const std::vector<std::string> lines = lines_of(sql);
  if (line == 0 || line > lines.size()) return "";
  std::size_t first = line;  // 1-based
  while (first > 1 && !ends_statement(lines[first - 2])) --first;
  std::size_t last = line;
  while (last < lines.size() && !ends_statement(lines[last - 1])) ++last;
  std::string out;
  for (std::size_t i = first; i <= last; ++i) out += lines[i - 1] + "\n";
  return out;
}

std::string FixResult::report(bool whole_fix) const {
  std::ostringstream out;
  out << describe(outcome) << " (" << std::fixed << std::setprecision(1) << seconds << " s)\n";
  out << command << " (exit " << written_exit << ")\n";
  if (!devenv_stderr.empty() && outcome == FixOutcome::NotWritten) out << indented(devenv_stderr);
  if (whole_fix || outcome == FixOutcome::NotWritten) {
    out << "fix.sql:\n" << numbered(fix_sql);
  }
  for (const std::string& refusal : refusals) out << "refusal: " << refusal << "\n";
  if (applied.exit_code >= 0) {
    out << "the client exits " << applied.exit_code;
    if (!failed_statement.empty()) out << ", stopping at:\n" << indented(failed_statement);
    out << (failed_statement.empty() ? ":\n" : "  with:\n")
        << indented(applied.output.empty() ? "(no output)" : applied.output);
  }
  if (after.exit_code >= 0) {
    out << "then devenv diff exits " << after.exit_code << ":\n" << indented(after.output);
  }
  return out.str();
}

FixResult fix_and_check(const NativeExample& example, const ScratchDatabase& scratch, const std::string& database,
                        const std::string& desired, FixOptions options) {
  const auto started = std::chrono::steady_clock::now();
  FixResult result;
  const std::string dsn = scratch.dsn(database);
  result.command = std::string("devenv diff --format sql ") +
                   (options.allow_destructive ? "--allow-destructive " : "") + dsn + " " + desired;
  const std::string dir = example.dir().path().string();
  // The subshell keeps run_command's own 2>&1 from mixing stderr into fix.sql.
  const CommandResult written = run_command("cd '" + dir + "' && ('" DEVENV_BINARY "' diff --format sql " +
                                            (options.allow_destructive ? "--allow-destructive " : "") + "'" + dsn +
                                            "' '" + desired + "' > fix.sql 2> fix.err)");
  result.written_exit = written.exit_code;
  result.fix_sql = example.dir().read("fix.sql");
  result.devenv_stderr = example.dir().read("fix.err") + written.output;
  const auto done = [&](FixOutcome outcome) {
    result.outcome = outcome;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  };
  if (written.exit_code == 0) return done(FixOutcome::NoDifferences);
  if (written.exit_code != 1) return done(FixOutcome::NotWritten);

  result.refusals = refusals(result.fix_sql);
  result.applied = scratch.run(database, result.fix_sql, false);
  if (result.applied.exit_code != 0) {
    result.failed_statement = statement_at(result.fix_sql, error_line(result.applied.output));
    return done(FixOutcome::FailedToApply);
  }
  if (!result.refusals.empty()) return done(FixOutcome::Refused);
  if (!options.check_convergence) return done(FixOutcome::Applied);
  result.after = example.devenv("diff '" + desired + "' '" + dsn + "'");
  return done(result.after.exit_code == 0 ? FixOutcome::Converged : FixOutcome::NotConverged);
}

std::map<std::string, std::string> data_census(const ScratchDatabase& scratch, const std::string& database) {
  const bool mariadb = scratch.engine() == ScratchEngine::MariaDB;
  auto session = scratch.session(database);
  const std::string where = mariadb ? "c.TABLE_SCHEMA = DATABASE()"
                                    : "c.table_schema NOT IN ('pg_catalog', 'information_schema') AND "
                                      "c.table_schema NOT LIKE 'pg\\_%'";
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> tables;
  for (const db::Row& row : session->rows(
           "SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c JOIN "
           "information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name WHERE "
           "t.table_type = 'BASE TABLE' AND " +
           where + " ORDER BY c.table_schema, c.table_name, c.ordinal_position")) {
    tables[{row[0].value_or(""), row[1].value_or("")}].push_back(row[2].value_or(""));
  }
  std::map<std::string, std::string> out;
  for (const auto& [table, columns] : tables) {
    const std::string label = mariadb ? table.second : table.first + "." + table.second;
    std::string query = "SELECT count(*)";
    for (const std::string& column : columns) query += ", count(" + quoted(scratch, column) + ")";
    query += " FROM " + (mariadb ? "" : quoted(scratch, table.first) + ".") + quoted(scratch, table.second);
    const std::vector<db::Row> rows = session->rows(query);
    const db::Row& counts = rows.at(0);
    out[label] = counts.at(0).value_or("?") + " rows";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      out[label + "." + columns[i]] = counts.at(i + 1).value_or("?") + " non-NULL values";
    }
  }
  return out;
}

}  // namespace devenv::test
