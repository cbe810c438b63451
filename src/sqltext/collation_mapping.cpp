#include "sqltext/collation_mapping.h"

#include <strings.h>

#include "sqltext/identifier.h"
#include "sqltext/lexer.h"

namespace devenv::sqltext {
namespace {

bool is_name(const Token& token) { return token.kind == TokenKind::Word || token.kind == TokenKind::QuotedIdentifier; }

bool is_collation_keyword(std::string_view word) {
  return (word.size() == 7 && strncasecmp(word.data(), "COLLATE", 7) == 0) ||
         (word.size() > 10 && strncasecmp(word.data(), "collation_", 10) == 0);
}

// A token's written name and how it is written back: bare, `quoted` or 'quoted'.
std::optional<std::string> mapped_token(std::string_view written, TokenKind kind, const CollationMap& map,
                                        std::string& name) {
  if (kind == TokenKind::String) {
    if (written.size() < 2) return std::nullopt;
    name = std::string(written.substr(1, written.size() - 2));
  } else {
    name = identifier_value(written, Dialect::MySQL);
  }
  const std::optional<std::string> mapped = map(name);
  if (!mapped) return std::nullopt;
  if (kind == TokenKind::Word) return *mapped;
  if (kind == TokenKind::String) return quote_string(*mapped, Dialect::MySQL);
  return quote_identifier(*mapped, Dialect::MySQL);
}

// The words of an executable comment, mapped; nullopt when none changes.
std::optional<CollationReplacement> executable_comment(std::size_t index, std::string_view text,
                                                       const CollationMap& map) {
  CollationReplacement out{index, {}, {}};
  std::size_t copied = 0;
  try {
    Lexer lexer(text.substr(2, text.size() - 4), Dialect::MySQL, "");  // inside /* … */
    Token token;
    while (lexer.next(token)) {
      if (!is_name(token)) continue;
      std::string name;
      const std::optional<std::string> mapped = mapped_token(token.text(lexer.text()), token.kind, map, name);
      if (!mapped) continue;
      out.text.append(text.substr(copied, token.begin + 2 - copied));
      out.text.append(*mapped);
      copied = token.end + 2;
      out.names.emplace_back(name, *mapped);
    }
  } catch (const SourceError&) {
    return std::nullopt;  // the server reads it, not us: leave it as written
  }
  if (out.names.empty()) return std::nullopt;
  out.text.append(text.substr(copied));
  return out;
}

}  // namespace

std::vector<CollationReplacement> collation_replacements(const Statement& statement, const CollationMap& map) {
  std::vector<CollationReplacement> out;
  if (!map) return out;
  const std::string_view text = statement.text;
  std::string_view previous;  // the code token before, skipping one `=`
  for (std::size_t i = 0; i < statement.tokens.size(); ++i) {
    const Token& token = statement.tokens[i];
    if (!token.is_code()) continue;
    const std::string_view written = token.text(text);
    if (token.kind == TokenKind::ExecutableComment) {
      if (auto replaced = executable_comment(i, written, map)) out.push_back(std::move(*replaced));
    } else if (is_name(token) || (token.kind == TokenKind::String && is_collation_keyword(previous))) {
      std::string name;
      if (std::optional<std::string> mapped = mapped_token(written, token.kind, map, name)) {
        out.push_back({i, *mapped, {{name, *mapped}}});
      }
    }
    if (!(token.kind == TokenKind::Punct && written == "=")) previous = written;
  }
  return out;
}

}  // namespace devenv::sqltext
