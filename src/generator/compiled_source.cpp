#include "generator/compiled_source.h"

#include <fstream>
#include <sstream>

#include "sqltext/shell_escape.h"
#include "sqltext/splitter.h"
#include "util/file.h"
#include "util/sha256.h"

namespace devenv::generator {

static std::string read_source(const config::SchemaSource& source) {
  std::optional<std::string> text = util::read_file(source.path);
  if (!text) throw sqltext::SourceError({source.display, 1, 1}, "cannot read the schema file");
  return *text;
}

// A UTF-8 byte-order mark (editors on other systems write one) is no SQL: the
// statements start after it, and it must not land in the middle of an init script.
static std::string_view without_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

CompiledSource compile_source(const config::SchemaSource& source, const sqltext::QualifyTarget& target) {
  const std::string file = read_source(source);
  const std::string_view text = without_bom(file);
  CompiledSource compiled{&source, util::sha256_hex(file), {}};
  for (const sqltext::Statement& statement : sqltext::split(text, target.dialect, source.display)) {
    sqltext::reject_shell_escapes(statement, target.dialect);
    const bool ends_in_comment = !statement.tokens.empty() &&
                                 statement.tokens.back().kind == sqltext::TokenKind::Comment &&
                                 statement.text.compare(statement.tokens.back().begin, 2, "/*") != 0;
    compiled.statements.push_back(CompiledStatement{statement.kind, statement.where, statement.has_inner_semicolon(),
                                                    ends_in_comment, statement.begins_with({"CREATE", "EXTENSION"}),
                                                    sqltext::qualify(statement, target)});
  }
  return compiled;
}

}  // namespace devenv::generator
