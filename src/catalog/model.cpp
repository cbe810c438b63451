#include "catalog/model.h"

#include <algorithm>
#include <cctype>

#include "sqltext/identifier.h"
#include "sqltext/lexer.h"

namespace devenv::catalog {

Element make_element(std::string name, std::string definition, bool generated_name, Detail detail) {
  Element element;
  element.key = generated_name ? "=" + definition : name;
  element.name = std::move(name);
  element.definition = std::move(definition);
  element.detail = std::move(detail);
  return element;
}

namespace {

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// How `name` replaces a name token: bare where the token was bare and the bare form
// reads back as `name`, else quoted for the dialect.
std::string spelled_like(const sqltext::Token& token, const std::string& name, sqltext::Dialect dialect) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), identifier_char) &&
                     sqltext::identifier_value(name, dialect) == name;
  return token.kind == sqltext::TokenKind::Word && plain ? name : sqltext::quote_identifier(name, dialect);
}

bool is_dot(const sqltext::Token& token, std::string_view text) {
  return token.kind == sqltext::TokenKind::Punct && token.text(text) == ".";
}

// Replaces `from` where it is a name that qualifies another (`from`.t, "from".t,
// from.t; the first of db.t.c): a database's name in a view or routine body. Never inside string literals
// or comments (a comment's text may mention the database), and never a column or
// table that merely shares the database's name.
void rename_qualifier(std::string& text, const std::string& from, const std::string& to, sqltext::Dialect dialect) {
  if (from.empty() || text.find(from) == std::string::npos) return;
  std::vector<sqltext::Token> tokens;
  try {
    sqltext::Lexer lexer(text, dialect, "");
    for (sqltext::Token token{}; lexer.next(token);) tokens.push_back(token);
  } catch (const sqltext::SourceError&) {
    return;  // not SQL text (the server wrote it, so this does not happen): leave it as it is
  }
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const sqltext::Token& token = tokens[i];
    const bool name = token.kind == sqltext::TokenKind::Word || token.kind == sqltext::TokenKind::QuotedIdentifier;
    const bool qualifies = is_dot(tokens[i + 1], text) && !(i > 0 && is_dot(tokens[i - 1], text));
    if (!name || !qualifies || sqltext::identifier_value(token.text(text), dialect) != from) continue;
    out.append(text, copied, token.begin - copied);
    out += spelled_like(token, to, dialect);
    copied = token.end;
  }
  if (copied == 0) return;
  out.append(text, copied);
  text = std::move(out);
}

// The texts of a part's detail that may name other objects, and so the database.
std::vector<std::string*> texts(std::monostate&) { return {}; }
std::vector<std::string*> texts(Column& c) {
  return {&c.type, &c.collation, &c.generated, &c.default_value, &c.comment, &c.check};
}
std::vector<std::string*> texts(ForeignKey&) { return {}; }
std::vector<std::string*> texts(Index& index) { return {&index.body}; }
std::vector<std::string*> texts(View& view) { return {&view.body}; }
std::vector<std::string*> texts(Trigger& trigger) { return {&trigger.table, &trigger.create}; }
std::vector<std::string*> texts(Routine& routine) { return {&routine.arguments, &routine.rest}; }
std::vector<std::string*> texts(Event& event) { return {&event.body}; }
std::vector<std::string*> texts(Sequence&) { return {}; }
std::vector<std::string*> texts(ColumnOrder&) { return {}; }  // made after the renaming, by the differ
std::vector<std::string*> texts(Domain& domain) {
  std::vector<std::string*> out{&domain.type, &domain.default_value};
  for (DomainCheck& check : domain.checks) out.push_back(&check.expression);
  return out;
}
std::vector<std::string*> texts(Policy& policy) { return {&policy.using_expression, &policy.check_expression}; }
std::vector<std::string*> texts(Comment& comment) { return {&comment.target}; }
std::vector<std::string*> texts(TableOption& option) { return {&option.value}; }
std::vector<std::string*> texts(EnumType& type) {
  std::vector<std::string*> out;
  for (std::string& label : type.labels) out.push_back(&label);
  return out;
}

void rename_in(Element& element, const std::string& from, const std::string& to, sqltext::Dialect dialect) {
  rename_qualifier(element.definition, from, to, dialect);
  std::visit(
      [&](auto& part) {
        for (std::string* text : texts(part)) rename_qualifier(*text, from, to, dialect);
      },
      element.detail);
  if (element.key.rfind("=", 0) == 0) element.key = "=" + element.definition;
}

void rename_in(std::map<std::string, Element>& elements, const std::string& from, const std::string& to,
               sqltext::Dialect dialect) {
  for (auto& [name, element] : elements) rename_in(element, from, to, dialect);
}

void rename_in(std::vector<Element>& elements, const std::string& from, const std::string& to,
               sqltext::Dialect dialect) {
  for (Element& element : elements) rename_in(element, from, to, dialect);
}

// MySQL: the database is the model's one namespace, and qualifies names in bodies.
void rename_namespaces(Database& database, const std::string& from, const std::string& to, sqltext::Dialect dialect) {
  std::map<std::string, Namespace> renamed;
  for (auto& [name, ns] : database.namespaces) {
    for (auto& [table_name, table] : ns.tables) {
      for (auto* elements :
           {&table.columns, &table.indexes, &table.foreign_keys, &table.checks, &table.options, &table.policies}) {
        rename_in(*elements, from, to, dialect);
      }
    }
    for (auto* elements :
         {&ns.views, &ns.triggers, &ns.routines, &ns.events, &ns.sequences, &ns.types, &ns.domains, &ns.comments})
      rename_in(*elements, from, to, dialect);
    Namespace moved = std::move(ns);
    if (moved.name == from) moved.name = to;
    renamed[moved.name] = std::move(moved);
  }
  database.namespaces = std::move(renamed);
}

}  // namespace

void rename_references(Database& database, const std::string& from, const std::string& to, sqltext::Dialect dialect) {
  // A PostgreSQL catalog never names a database (there are no cross-database names): a
  // schema or qualifier that shares the database's name is a schema's, and stays.
  if (dialect == sqltext::Dialect::MySQL) rename_namespaces(database, from, to, dialect);
  if (database.name == from) database.name = to;  // last: `from` may be database.name itself
}

const Table* find_table(const Database& database, const std::string& space, const std::string& name) {
  const auto ns = database.namespaces.find(space);
  if (ns == database.namespaces.end()) return nullptr;
  const auto table = ns->second.tables.find(name);
  return table == ns->second.tables.end() ? nullptr : &table->second;
}

std::string foreign_key_text(const Table& table) {
  std::string out;
  for (const Element& key : table.foreign_keys) out += key.definition + "\n";
  return out;
}

}  // namespace devenv::catalog
