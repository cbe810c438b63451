#include "adopt/config_text.h"

#include <fmt/format.h>

#include <regex>

namespace devenv::adopt {

namespace {

// A comment longer than this beside its value goes on the line above it instead.
constexpr std::size_t kLineWidth = 110;

std::string toml_key(const std::string& key) {
  static const std::regex bare("[A-Za-z0-9_-]+");
  return std::regex_match(key, bare) ? key : toml_string(key);
}

std::string toml_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
  return out + "]";
}

// One array item per line, as the example config writes long lists.
std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[\n";
  for (const std::string& item : items) out += "  " + toml_string(item) + ",\n";
  return out + "]";
}

class Writer {
 public:
  // `key = value  # comment`, the comment above when the line would be too long.
  void value(const std::string& key, const std::string& toml, const std::string& comment = "") {
    const std::string line = toml_key(key) + " = " + toml;
    if (comment.empty()) {
      text_ += line + "\n";
    } else if (line.size() + comment.size() + 4 <= kLineWidth && line.find('\n') == std::string::npos) {
      text_ += line + "  # " + comment + "\n";
    } else {
      text_ += "# " + comment + "\n" + line + "\n";
    }
  }
  void string(const std::string& key, const std::string& text, const std::string& comment = "") {
    value(key, toml_string(text), comment);
  }
  void sourced(const std::string& key, const SourcedValue& sourced) {
    string(key, sourced.config_text, sourced.origin);
  }
  void comment(const std::string& text) { text_ += text.empty() ? "#\n" : "# " + text + "\n"; }
  void line(const std::string& text) { text_ += text + "\n"; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

void write_header(Writer& out, const AdoptionPlan& plan) {
  out.comment("devenv's config, written by `devenv init` from what this folder holds:");
  for (const std::string& read : plan.read) out.comment("  " + read);
  out.comment("Beside each value: where it came from; \"guessed\" marks what init chose itself: check those.");
  out.comment("Passwords are ${VAR:-default} references: set VAR to use another. `devenv init --help`");
  out.comment("tells how each thing was read. Next: `devenv up`, then `eval \"$(devenv env)\"` for the app.");
}

void write_project(Writer& out, const AdoptionPlan& plan) {
  if (!plan.project_name && !plan.compose_file) return;
  out.line("\n[project]");
  if (plan.project_name) out.sourced("name", *plan.project_name);
  if (plan.compose_file) out.sourced("compose_file", *plan.compose_file);
}

void write_server(Writer& out, const PlannedServer& server) {
  out.line("");
  out.comment(server.origin);
  out.line("[servers." + toml_key(server.name) + "]");
  out.string("engine", server.engine.name());
  if (server.image) out.sourced("image", *server.image);
  if (!server.version.empty()) {
    out.comment("version = " + toml_string(server.version) +
                "  # the image's: set it to make the native runtime insist on that version");
  }
  out.value("port", std::to_string(server.port), server.port_origin);
  if (server.root_user) out.sourced("root_user", *server.root_user);
  out.sourced("root_password", server.root_password);
  if (!server.charset.empty()) out.string("charset", server.charset, server.settings_origin);
  if (!server.collation.empty()) out.string("collation", server.collation, server.settings_origin);
  if (!server.settings.empty()) {
    std::string table = "{ ";
    for (std::size_t i = 0; i < server.settings.size(); ++i) {
      table += (i ? ", " : "") + toml_key(server.settings[i].first) + " = " + toml_string(server.settings[i].second);
    }
    out.value("settings", table + " }", server.settings_origin);
  }
}

void write_paths(Writer& out, const std::string& one, const std::string& many, const std::vector<std::string>& paths,
                 const std::string& comment) {
  if (paths.size() == 1) {
    out.string(one, paths.front(), comment);
  } else {
    out.value(many, toml_list(paths), comment);
  }
}

void write_database(Writer& out, const PlannedDatabase& database) {
  out.line("");
  out.line("[[databases]]");
  out.string("key", database.key);
  out.sourced("name", database.name);
  out.string("server", database.server);
  if (!database.schemas.empty())
    out.value("schemas", toml_array(database.schemas), "PostgreSQL schemas its SQL creates");
  if (!database.migrations.empty()) {
    write_paths(out, "migrations", "migrations", database.migrations, "");
    out.string("migration_tool", database.migration_tool, "detected from the files");
  } else {
    write_paths(out, "source", "sources", database.sources, database.sources_origin);
  }
}

void write_user(Writer& out, const PlannedUser& user) {
  out.line("");
  out.comment(user.origin);
  out.line("[[users]]");
  out.sourced("name", user.name);
  out.sourced("password", user.password);
  out.string("server", user.server);
  out.value("databases", toml_array(user.database_keys));
}

}  // namespace

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\u{:04X}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string config_text(const AdoptionPlan& plan) {
  Writer out;
  write_header(out, plan);
  write_project(out, plan);
  for (const PlannedServer& server : plan.servers) write_server(out, server);
  for (const PlannedDatabase& database : plan.databases) write_database(out, database);
  for (const PlannedUser& user : plan.users) write_user(out, user);
  return out.text();
}

}  // namespace devenv::adopt
