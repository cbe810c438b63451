#include "sqltext/qualifier.h"

#include <strings.h>

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "sqltext/collation_mapping.h"
#include "sqltext/identifier.h"

namespace devenv::sqltext {
namespace {

bool same_word(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() && strncasecmp(word.data(), keyword.data(), word.size()) == 0;
}

// A possibly qualified name in the statement: the tokens of its parts.
struct NameRef {
  std::vector<std::size_t> parts;  // indices into Statement::tokens
};

// A change to the statement's text, over the tokens first … last.
struct Edit {
  enum Kind {
    Qualify,         // the target database goes in front of an unqualified name (first == last)
    NameDatabase,    // a declared database written as a qualifier (or after USE): a hole for shadow loads
    ReplaceDefiner,  // MySQL DEFINER = user@host: a hole for shadow loads
    MapCollation,    // a collation the server lacks: its own name goes there (first == last)
    DisableEvent     // MySQL event status, or the COMMENT or DO it goes before: DISABLE in shadow loads
  } kind;
  std::size_t first;
  std::size_t last;
  std::size_t replacement = 0;  // MapCollation: index into Qualifier::collations_
};

// Walks the code tokens of one statement (whitespace and comments skipped).
const Token kNoToken{};

class Cursor {
 public:
  explicit Cursor(const Statement& statement) : statement_(statement) {
    for (std::size_t i = 0; i < statement.tokens.size(); ++i) {
      if (statement.tokens[i].is_code()) code_.push_back(i);
    }
  }

  bool done() const { return at_ >= code_.size(); }
  // Past the end (a statement that stops mid-clause), the last token stands in: it is
  // where an error about what is missing points.
  const Token& token(std::size_t offset = 0) const {
    if (code_.empty()) return statement_.tokens.empty() ? kNoToken : statement_.tokens.back();
    return statement_.tokens[code_[std::min(at_ + offset, code_.size() - 1)]];
  }
  // Only where is_identifier(offset) holds, so never past the end.
  std::size_t token_index(std::size_t offset = 0) const { return code_[std::min(at_ + offset, code_.size() - 1)]; }
  std::string_view text(std::size_t offset = 0) const {
    return at_ + offset < code_.size() ? token(offset).text(statement_.text) : std::string_view{};
  }
  void advance(std::size_t count = 1) { at_ = std::min(code_.size(), at_ + count); }

  bool is(std::string_view keyword, std::size_t offset = 0) const {
    return at_ + offset < code_.size() && token(offset).kind == TokenKind::Word && same_word(text(offset), keyword);
  }
  bool accept(std::string_view keyword) {
    if (!is(keyword)) return false;
    advance();
    return true;
  }
  bool accept_any(std::initializer_list<std::string_view> keywords) {
    for (std::string_view keyword : keywords) {
      if (accept(keyword)) return true;
    }
    return false;
  }
  bool accept_sequence(std::initializer_list<std::string_view> keywords) {
    std::size_t offset = 0;
    for (std::string_view keyword : keywords) {
      if (!is(keyword, offset++)) return false;
    }
    advance(keywords.size());
    return true;
  }
  bool is_punct(char c, std::size_t offset = 0) const {
    return at_ + offset < code_.size() && token(offset).kind == TokenKind::Punct && text(offset)[0] == c;
  }
  bool is_identifier_or_string(std::size_t offset = 0) const {
    return is_identifier(offset) || (at_ + offset < code_.size() && token(offset).kind == TokenKind::String);
  }
  bool is_identifier(std::size_t offset = 0) const {
    if (at_ + offset >= code_.size()) return false;
    const TokenKind kind = token(offset).kind;
    return kind == TokenKind::Word || kind == TokenKind::QuotedIdentifier;
  }

  // ident ( "." ident )*
  std::optional<NameRef> name() {
    if (!is_identifier()) return std::nullopt;
    NameRef ref;
    ref.parts.push_back(token_index());
    advance();
    while (is_punct('.') && is_identifier(1)) {
      ref.parts.push_back(code_[at_ + 1]);
      advance(2);
    }
    return ref;
  }

 private:
  const Statement& statement_;
  std::vector<std::size_t> code_;
  std::size_t at_ = 0;
};

class Qualifier {
 public:
  Qualifier(const Statement& statement, const QualifyTarget& target)
      : statement_(statement), target_(target), cursor_(statement) {}

  QualifiedText run() {
    if (statement_.kind == StatementKind::ClientCommand) {
      check_connect();
    } else if (statement_.kind == StatementKind::Sql) {
      dispatch();
      if (mysql()) {
        mark_declared_qualifiers();
        map_collations();
      }
    }
    return render();
  }

 private:
  Dialect dialect() const { return target_.dialect; }
  bool mysql() const { return dialect() == Dialect::MySQL; }

  [[noreturn]] void fail(const Token& at, const std::string& message, const std::string& hint) const {
    throw SourceError({statement_.where.file, at.line, at.column}, message, hint);
  }

  std::string value(std::size_t token) const {
    return identifier_value(statement_.tokens[token].text(statement_.text), dialect());
  }

  void dispatch() {
    Cursor& c = cursor_;
    if (c.accept("CREATE")) return create();
    if (c.accept("ALTER")) return alter();
    if (c.accept("DROP")) return drop();
    if (c.accept("RENAME")) return rename_tables();
    if (c.accept("TRUNCATE")) {
      c.accept("TABLE");
      c.accept("ONLY");
      return name_list();
    }
    if (c.accept("INSERT")) {
      c.accept_any({"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"});
      c.accept("IGNORE");
      c.accept("INTO");
      return target_name();
    }
    if (c.accept("REPLACE")) {
      c.accept_any({"LOW_PRIORITY", "DELAYED"});
      c.accept("INTO");
      return target_name();
    }
    if (c.accept("UPDATE")) {
      c.accept("LOW_PRIORITY");
      c.accept("IGNORE");
      c.accept("ONLY");
      return target_name();
    }
    if (c.accept("DELETE")) {
      while (c.accept_any({"LOW_PRIORITY", "QUICK", "IGNORE"})) {
      }
      if (c.accept("FROM")) {
        c.accept("ONLY");
        target_name();
      }
      return;
    }
    if (c.accept("COMMENT")) return comment_on();
    if (c.is("USE") && mysql()) return use_database();
  }

  // CREATE [OR REPLACE] [modifiers…] <object> …
  void create() {
    Cursor& c = cursor_;
    c.accept_sequence({"OR", "REPLACE"});
    skip_create_modifiers();
    if (c.is("DATABASE") || (mysql() && c.is("SCHEMA"))) return reject_database_ddl();
    if (c.accept("TABLE")) {
      c.accept_sequence({"IF", "NOT", "EXISTS"});
      target_name();
      return table_body();
    }
    if (c.accept("INDEX")) return index_on();
    if (c.accept("TRIGGER")) return trigger();
    if (mysql() && c.accept("EVENT")) {
      c.accept_sequence({"IF", "NOT", "EXISTS"});
      return event(true);
    }
    if (c.accept_any({"VIEW", "PROCEDURE", "FUNCTION", "EVENT", "TYPE", "DOMAIN", "SEQUENCE"})) {
      c.accept_sequence({"IF", "NOT", "EXISTS"});
      return target_name();
    }
  }

  void skip_create_modifiers() {
    Cursor& c = cursor_;
    while (!c.done()) {
      if (c.accept_any({"TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE", "FULLTEXT", "SPATIAL",
                        "MATERIALIZED", "RECURSIVE", "AGGREGATE", "CONSTRAINT", "ONLINE", "OFFLINE"})) {
        continue;
      }
      if (c.accept("ALGORITHM")) {
        if (c.is_punct('=')) c.advance();
        c.advance();
        continue;
      }
      if (c.is("DEFINER")) {
        skip_definer();
        continue;
      }
      if (c.accept_sequence({"SQL", "SECURITY"})) {
        c.advance();
        continue;
      }
      return;
    }
  }

  // DEFINER = user[@host] | CURRENT_USER[()]: the whole clause becomes a hole, so a
  // shadow load can name its own account there (the written one may not exist).
  void skip_definer() {
    Cursor& c = cursor_;
    const std::size_t first = c.token_index();
    c.advance();
    if (c.is_punct('=')) c.advance();
    std::size_t last = c.token_index();
    c.advance();
    if (c.is_punct('@') && c.is_identifier_or_string(1)) {
      last = c.token_index(1);
      c.advance(2);
    }
    if (c.is_punct('(') && c.is_punct(')', 1)) {
      last = c.token_index(1);
      c.advance(2);
    }
    edits_.push_back(Edit{Edit::ReplaceDefiner, first, last});
  }

  // After CREATE TABLE name: `LIKE other`, `REFERENCES other`, `PARTITION OF other`, `INHERITS (a, b)`.
  void table_body() {
    Cursor& c = cursor_;
    int depth = 0;
    bool after_name = true;  // MySQL: CREATE TABLE a LIKE b
    while (!c.done()) {
      if (c.is_punct('(')) {
        ++depth;
        c.advance();
        after_name = depth == 1;
        continue;
      }
      if (c.is_punct(')')) --depth;
      if (c.is_punct(',') && depth == 1) {
        c.advance();
        after_name = true;
        continue;
      }
      if (after_name && depth <= 1 && c.accept("LIKE")) {
        target_name();
      } else if (c.accept("REFERENCES")) {
        target_name();
      } else if (c.accept_sequence({"PARTITION", "OF"})) {
        target_name();
      } else if (c.accept("INHERITS") && c.is_punct('(')) {
        c.advance();
        name_list();
      } else {
        c.advance();
      }
      after_name = false;
    }
  }

  // [CONCURRENTLY] [IF NOT EXISTS] [name] [USING x] ON [ONLY] table
  void index_on() {
    Cursor& c = cursor_;
    while (!c.done() && !c.is("ON")) c.advance();
    if (c.accept("ON")) {
      c.accept("ONLY");
      target_name();
    }
  }

  // MySQL triggers are database objects (`db`.`trg`); PostgreSQL's belong to their table.
  void trigger() {
    Cursor& c = cursor_;
    c.accept_sequence({"IF", "NOT", "EXISTS"});
    if (mysql()) {
      target_name();
    } else {
      c.advance();
    }
    while (!c.done() && !c.is("ON")) c.advance();
    if (c.accept("ON")) target_name();
  }

  void alter() {
    Cursor& c = cursor_;
    c.accept_any({"ONLINE", "OFFLINE"});
    c.accept("IGNORE");
    skip_create_modifiers();
    if (c.is("DATABASE") || (mysql() && c.is("SCHEMA"))) return reject_database_ddl();
    if (c.accept("TABLE")) {
      c.accept_sequence({"IF", "EXISTS"});
      c.accept("ONLY");
      target_name();
      return alter_table_body();
    }
    if (mysql() && c.accept("EVENT")) {
      c.accept_sequence({"IF", "EXISTS"});
      return event(false);
    }
    if (c.accept_any({"VIEW", "PROCEDURE", "FUNCTION", "EVENT", "TYPE", "DOMAIN", "SEQUENCE", "INDEX"})) {
      c.accept_sequence({"IF", "EXISTS"});
      return target_name();
    }
  }

  // CREATE/ALTER EVENT name … [ENABLE | DISABLE [ON SLAVE]] [COMMENT '…'] DO body. The
  // status is a hole a shadow load fills with DISABLE (an event made without one is
  // enabled: the hole goes before COMMENT or DO), and what the source says is noted for
  // the expected model.
  void event(bool creates) {
    Cursor& c = cursor_;
    const std::optional<NameRef> ref = c.name();
    if (!ref) return;
    qualify_name(*ref);
    const std::string name = value(ref->parts.back());
    std::optional<std::size_t> comment;
    for (; !c.done() && !c.is("DO"); c.advance()) {
      if (c.is("COMMENT") && !comment) comment = c.token_index();
      if (!c.is("ENABLE") && !c.is("DISABLE")) continue;
      const std::size_t first = c.token_index();
      const bool on = c.is("DISABLE") && c.is("ON", 1);
      const std::size_t last = on ? c.token_index(2) : first;
      edits_.push_back(Edit{Edit::DisableEvent, first, last});
      event_status_ = {name, c.is("ENABLE") ? "ENABLE" : on ? "DISABLE ON SLAVE" : "DISABLE"};
      return;
    }
    if (!creates || !c.is("DO")) return;
    const std::size_t before = comment.value_or(c.token_index());
    edits_.push_back(Edit{Edit::DisableEvent, before, before});
    event_status_ = {name, "ENABLE"};
  }

  void alter_table_body() {
    Cursor& c = cursor_;
    while (!c.done()) {
      if (c.accept("REFERENCES")) {
        target_name();
      } else if (mysql() && c.accept("RENAME")) {
        // RENAME TO/AS t moves the table; RENAME COLUMN/INDEX/KEY only rename inside it.
        if (c.accept_any({"TO", "AS"}) || (!c.is("COLUMN") && !c.is("INDEX") && !c.is("KEY"))) target_name();
      } else {
        c.advance();
      }
    }
  }

  void drop() {
    Cursor& c = cursor_;
    c.accept_any({"TEMPORARY", "MATERIALIZED"});
    if (c.is("DATABASE") || (mysql() && c.is("SCHEMA"))) return reject_database_ddl();
    if (c.accept("INDEX")) {
      c.accept("CONCURRENTLY");
      c.accept_sequence({"IF", "EXISTS"});
      if (!mysql()) return name_list();
      c.name();
      if (c.accept("ON")) target_name();
      return;
    }
    if (c.accept("TRIGGER")) {
      c.accept_sequence({"IF", "EXISTS"});
      if (mysql()) return target_name();
      c.name();
      if (c.accept("ON")) target_name();
      return;
    }
    if (c.accept_any({"TABLE", "VIEW", "PROCEDURE", "FUNCTION", "EVENT", "TYPE", "DOMAIN", "SEQUENCE"})) {
      c.accept_sequence({"IF", "EXISTS"});
      return name_list();
    }
  }

  // RENAME TABLE a TO b [, c TO d]
  void rename_tables() {
    Cursor& c = cursor_;
    if (!c.accept("TABLE") && !c.accept("TABLES")) return;
    while (!c.done()) {
      target_name();
      if (!c.accept("TO")) return;
      target_name();
      if (!c.is_punct(',')) return;
      c.advance();
    }
  }

  // COMMENT ON <kind> name | COMMENT ON COLUMN t.c | COMMENT ON CONSTRAINT/TRIGGER x ON t
  // | COMMENT ON CONSTRAINT x ON DOMAIN d
  void comment_on() {
    Cursor& c = cursor_;
    if (!c.accept("ON")) return;
    if (c.accept("COLUMN")) return column_name();
    if (c.accept_any({"CONSTRAINT", "TRIGGER", "POLICY", "RULE"})) {
      c.name();
      if (c.accept("ON")) {
        c.accept("DOMAIN");
        target_name();
      }
      return;
    }
    c.accept("MATERIALIZED");
    if (c.accept_any({"TABLE", "VIEW", "SEQUENCE", "TYPE", "DOMAIN", "INDEX", "FUNCTION", "PROCEDURE"})) {
      target_name();
    }
  }

  // table.column: the table part gets the qualifier.
  void column_name() {
    const Token& at = cursor_.token();
    std::optional<NameRef> ref = cursor_.name();
    if (!ref || ref->parts.size() < 2)
      fail(at, "COMMENT ON COLUMN needs table.column", "write COMMENT ON COLUMN t.c IS '…'");
    NameRef table;
    table.parts.assign(ref->parts.begin(), ref->parts.end() - 1);
    qualify_name(table);
  }

  void name_list() {
    do {
      target_name();
    } while (cursor_.is_punct(',') && (cursor_.advance(), true));
  }

  void target_name() {
    if (std::optional<NameRef> ref = cursor_.name()) qualify_name(*ref);
  }

  void qualify_name(const NameRef& ref) {
    if (ref.parts.size() == 1) {
      edits_.push_back(Edit{Edit::Qualify, ref.parts[0], ref.parts[0]});
      return;
    }
    const Token& first = statement_.tokens[ref.parts[0]];
    const std::string qualifier = value(ref.parts[ref.parts.size() - 2]);
    if (ref.parts.size() > 2) {
      fail(first,
           mysql() ? "a MySQL name has at most two parts (database.table)" : "PostgreSQL has no cross-database names",
           "write the name without the database: devenv puts it in the right one");
    }
    if (!target_.known_qualifiers.contains(qualifier) && !target_.any_schema) {
      const char* kind = mysql() ? "database" : "schema";
      fail(first,
           std::string("name is qualified with ") + kind + " '" + qualifier + "', which the config does not declare" +
               (mysql() ? " on this server" : " for database " + target_.database_label),
           mysql() ? "drop the qualifier (devenv qualifies names with " + target_.database_label +
                         "), or declare that database in config.toml"
                   : "drop the qualifier, or declare it in config.toml: `schemas = [\"" + qualifier +
                         "\"]` on the database (or `schema = \"" + qualifier + "\"` on this source)");
    }
  }

  void use_database() {
    const Token& at = cursor_.token();
    cursor_.advance();
    const std::optional<NameRef> ref = cursor_.name();
    const std::string database = ref ? value(ref->parts.back()) : std::string();
    if (target_.database.empty() || database != target_.database) {
      fail(at, "USE " + database + " in a schema file for " + target_.database_label,
           "remove it: devenv sets the database for each section of the init file (a file may only select "
           "its own database, " +
               own_example() + ")");
    }
    const std::size_t name = ref->parts.back();
    edits_.push_back(Edit{Edit::NameDatabase, name, name});
  }

  // Every `db`.x whose db is a declared database, wherever it is written (view, routine
  // and trigger bodies included): a shadow load maps it to that database's shadow.
  // (Inside a shadow load a two-part name is read as database.object; a table.column
  // whose table shares a declared database's name would be mapped too.)
  void mark_declared_qualifiers() {
    const std::vector<Token>& tokens = statement_.tokens;
    const auto is_punct = [&](std::size_t i, char c) {
      return i < tokens.size() && tokens[i].kind == TokenKind::Punct && tokens[i].text(statement_.text)[0] == c;
    };
    const auto is_name = [&](std::size_t i) {
      return i < tokens.size() && (tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::QuotedIdentifier);
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!is_name(i) || !is_punct(i + 1, '.') || !is_name(i + 2)) continue;
      if (i > 0 && is_punct(i - 1, '.')) continue;  // the middle of a.b.c
      if (target_.known_qualifiers.contains(value(i))) edits_.push_back(Edit{Edit::NameDatabase, i, i});
    }
  }

  void map_collations() {
    collations_ = collation_replacements(statement_, target_.map_collation);
    for (std::size_t i = 0; i < collations_.size(); ++i) {
      edits_.push_back(Edit{Edit::MapCollation, collations_[i].token, collations_[i].token, i});
    }
  }

  // \connect db / \c db: only the database this source belongs to.
  void check_connect() {
    const std::string_view line = statement_.text;
    // A file with Windows line ends has a \r before each \n: it is space here, as for psql.
    constexpr const char* kSpace = " \t\r";
    const std::size_t space = line.find_first_of(kSpace);
    const std::string_view command = line.substr(0, space);
    if (command != "\\connect" && command != "\\c") return;
    std::string_view rest = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    const std::string database = identifier_value(rest.substr(0, rest.find_first_of(kSpace)), Dialect::Postgres);
    if (target_.database.empty() || database != target_.database) {
      fail(statement_.tokens.front(), "\\connect " + database + " in a schema file for " + target_.database_label,
           "remove it: devenv connects to the right database before each section");
    }
  }

  // The statement's own database was already taken out by compile_source
  // (own_database.h): what is left names another one, or drops or alters a database.
  [[noreturn]] void reject_database_ddl() {
    Cursor& c = cursor_;
    const Token& at = c.token();
    c.advance();
    c.accept("IF");
    c.accept("NOT");
    c.accept("EXISTS");
    const std::optional<NameRef> ref = c.name();
    const std::string database = ref ? " " + value(ref->parts.back()) : std::string();
    fail(at, "CREATE/ALTER/DROP DATABASE" + database + " in a schema file for " + target_.database_label,
         "remove it: devenv creates the databases listed in config.toml (a file may only create its own "
         "database, " +
             own_example() + ", which devenv then leaves out)");
  }

  std::string own_example() const {
    return target_.own_databases.empty() ? target_.database_label : *target_.own_databases.begin();
  }

  QualifiedText render() {
    std::stable_sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) { return a.first < b.first; });
    QualifiedText out;
    std::size_t copied = 0;
    const std::string_view text = statement_.text;
    for (const Edit& edit : edits_) {
      const Token& name = statement_.tokens[edit.first];
      if (name.begin < copied) continue;  // the same token marked twice (USE db.x)
      out.append(text.substr(copied, name.begin - copied));
      const std::uint32_t end = statement_.tokens[edit.last].end;
      const std::string_view original = text.substr(name.begin, end - name.begin);
      copied = end;
      if (edit.kind == Edit::NameDatabase) {
        out.append_named_database(value(edit.first), original);
      } else if (edit.kind == Edit::ReplaceDefiner) {
        out.append_definer(original);
      } else if (edit.kind == Edit::DisableEvent) {
        const bool status = same_word(name.text(text), "ENABLE") || same_word(name.text(text), "DISABLE");
        out.append_shadow_replacement(original, status ? "DISABLE" : "DISABLE " + std::string(original));
      } else if (edit.kind == Edit::MapCollation) {
        const CollationReplacement& mapped = collations_[edit.replacement];
        out.append(mapped.text);
        for (const auto& [written, replacement] : mapped.names) out.note_replacement(written, replacement);
      } else if (mysql()) {
        out.append("`");
        out.append_database_slot();
        out.append("`.");
        out.append(name.kind == TokenKind::QuotedIdentifier ? std::string(original)
                                                            : quote_identifier(original, Dialect::MySQL));
      } else {
        out.append(quote_identifier(target_.schema, Dialect::Postgres));
        out.append(".");
        out.append(original);
      }
    }
    out.append(text.substr(copied));
    if (!event_status_.first.empty()) out.note_event_status(event_status_.first, event_status_.second);
    return out;
  }

  const Statement& statement_;
  const QualifyTarget& target_;
  Cursor cursor_;
  std::vector<Edit> edits_;
  std::vector<CollationReplacement> collations_;
  std::pair<std::string, std::string> event_status_;  // {event, status}, see QualifiedText::event_status
};

// A SQLite file is one database: its names stay as written. What would reach another
// file is refused: ATTACH opens (or makes) any file the path names, VACUUM INTO writes
// one, and a build must never touch a file outside devenv's folder.
QualifiedText sqlite_text(const Statement& statement) {
  const auto refuse = [&](const std::string& what) {
    throw SourceError(statement.where, what + " reaches a database file other than this one",
                      "leave it out: each database of a SQLite server is its own file, which devenv makes");
  };
  if (statement.begins_with({"ATTACH"})) refuse("ATTACH");
  if (statement.begins_with({"DETACH"})) refuse("DETACH");
  if (statement.begins_with({"VACUUM"})) {
    for (const Token& token : statement.tokens) {
      if (token.kind == TokenKind::Word && same_word(token.text(statement.text), "INTO")) refuse("VACUUM INTO");
    }
  }
  QualifiedText out;
  out.append(statement.text);
  return out;
}

}  // namespace

QualifiedText qualify(const Statement& statement, const QualifyTarget& target) {
  if (target.dialect == Dialect::SQLite) return sqlite_text(statement);
  return Qualifier(statement, target).run();
}

}  // namespace devenv::sqltext
