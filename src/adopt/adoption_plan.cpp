#include "adopt/adoption_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "adopt/compose_reader.h"
#include "adopt/names.h"
#include "adopt/sql_targets.h"
#include "config/name_rules.h"
#include "config/schema_files.h"
#include "generator/output_files.h"
#include "migrations/tool.h"
#include "util/file.h"

namespace devenv::adopt {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStarterFolder = "schemas";
constexpr const char* kRootPasswordDefault = "devenv-root";
// The compose files devenv writes when the project keeps its own docker-compose.yml.
constexpr const char* kOwnComposeFiles[] = {"devenv.compose.yml", "devenv-compose.yml"};

// Folder names that say nothing about which database a folder's files are for.
bool is_generic_folder(const std::string& name) {
  static const std::set<std::string> generic = {
      ".",         "schema",     "schemas", "sql",     "db",          "database", "databases", "migrations",
      "migration", "migrate",    "drizzle", "init",    "initdb",      "docker",   "src",       "internal",
      "app",       "resources",  "main",    "scripts", "data",        "seed",     "seeds",     "ddl",
      "postgres",  "postgresql", "mysql",   "mariadb", "sql_scripts", "deploy"};
  return generic.contains(name);
}

bool path_exists(const fs::path& path) {
  std::error_code error;
  return fs::exists(fs::symlink_status(path, error));
}

// Something at `path` that devenv did not generate.
bool is_users(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  return fs::exists(status) && !(fs::is_regular_file(status) && generator::is_generated(path));
}

// A folder of the user's files (not devenv's generated ones).
bool holds_own_files(const fs::path& dir) {
  std::error_code error;
  for (auto it = fs::directory_iterator(dir, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    if (util::is_link(it->path()) || (it->is_regular_file() && !generator::is_generated(it->path()))) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator = ", ") {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

SourcedValue plain_value(const std::string& value, const std::string& origin) { return {value, value, origin}; }

// A compose service's app user, granted its database as the image grants it.
struct AppAccount {
  std::string server;
  SourcedValue user;
  SourcedValue password;
  std::vector<std::string> database_keys;
};

class Planner {
 public:
  Planner(const fs::path& root, const std::optional<ComposeProject>& compose, Findings& findings)
      : root_(fs::absolute(root).lexically_normal()),
        compose_(compose),
        findings_(findings),
        project_(plain_name(root_.filename().string())) {}

  AdoptionPlan plan() {
    choose_compose_file();
    if (compose_) adopt_compose();
    const ProjectScan scan = scan_project(root_, adopted_, findings_);
    for (const MigrationSet& set : scan.migrations) place_migrations(set);
    for (const SchemaFolder& folder : scan.schema_folders) place_schema_folder(folder);
    give_starter_files();
    add_users();
    return plan_;
  }

 private:
  // ---- the compose file ----

  void adopt_compose() {
    const ComposeProject& compose = *compose_;
    std::vector<std::string> names;
    for (const ComposeService& service : compose.services) names.push_back(service.name);
    plan_.read.push_back(compose.display + ": services " + (names.empty() ? "(none)" : joined(names)));
    const std::string base = file_safe_name(compose.name.empty() ? root_.filename().string() : compose.name);
    plan_.project_name =
        plain_value(base + "-devenv", "not \"" + base + "\", the compose project of " + compose.display +
                                          ": devenv's containers and volumes stay apart from yours");
    for (const ComposeService& service : compose.services) {
      // What reading the service found comes after the line that names it.
      Findings details;
      if (std::optional<DatabaseService> database =
              database_service(service, root_, compose.file.parent_path(), details)) {
        adopt_service(*database, details);
      } else {
        findings_.append(details);
      }
    }
  }

  // devenv never overwrites a file it did not write: with a compose file of the
  // project's own (or anything else of the user's where docker compose looks), its own
  // compose file gets another name.
  void choose_compose_file() {
    const bool taken = std::any_of(compose_file_names().begin(), compose_file_names().end(),
                                   [this](const std::string& name) { return is_users(root_ / name); });
    if (!taken) return;
    for (const char* name : kOwnComposeFiles) {
      if (!is_users(root_ / name)) {
        plan_.compose_file = plain_value(name, "the project's compose file is its own: devenv writes its own here");
        return;
      }
    }
  }

  void adopt_service(const DatabaseService& service, const Findings& details) {
    PlannedServer server;
    server.name = server_name(file_safe_name(service.service));
    server.engine = service.engine;
    server.origin = "compose service " + service.service + ", " + service.where;
    server.image = service.image;
    server.version = service.version;
    server.port = free_port(service.port, server.name);
    server.port_origin = server.port == service.port ? service.port_origin
                                                     : "guessed: another server has " + std::to_string(service.port);
    if (service.root_user && service.root_user->config_text != service.engine.default_root_user()) {
      server.root_user = service.root_user;
    }
    server.root_password = service.root_password;
    server.charset = service.charset;
    server.collation = service.collation;
    server.settings = service.settings;
    server.settings_origin = service.settings_origin;
    plan_.servers.push_back(server);
    findings_.found("service " + service.service + " (" + service.where + "): " + service.engine.name() +
                    (service.version.empty() ? "" : " " + service.version) + ", port " + std::to_string(server.port) +
                    " → [servers." + server.name + "]");
    findings_.append(details);

    std::string default_database;
    std::vector<std::string> granted;
    if (service.database) {
      const SourcedValue name = database_name(*service.database, server.name);
      if (!name.value.empty()) {
        default_database = name.value;
        granted.push_back(database_on(server.name, name).key);
      }
    }
    adopt_init_files(service, server, default_database);
    if (service.user && service.user_password) {
      accounts_.push_back({server.name, *service.user, *service.user_password, granted});
    }
  }

  // A server name of its own, and not one whose initdb/<name>/ holds the user's files
  // (their init folder: devenv would run those files as well as its own).
  std::string server_name(const std::string& wanted) {
    std::string name = wanted;
    if (holds_own_files(root_ / "initdb" / name)) {
      name += "-devenv";
      findings_.guessed("server " + name + ", not " + wanted + ": initdb/" + wanted +
                        "/ holds your files, and devenv would run them beside its own");
    }
    std::vector<std::string> taken;
    for (const PlannedServer& server : plan_.servers) taken.push_back(server.name);
    return unique_name(name, taken);
  }

  int free_port(int port, const std::string& server) {
    int free = port;
    while (ports_.contains(free)) ++free;
    if (free != port) {
      findings_.guessed("server " + server + ": port " + std::to_string(port) + " is another server's; it gets " +
                        std::to_string(free));
    }
    ports_.insert(free);
    return free;
  }

  // A database name as devenv accepts it: the server's own databases are not devenv's,
  // and names need no quoting on any engine.
  SourcedValue database_name(const SourcedValue& name, const std::string& server) {
    if (is_server_database(name.value)) {
      findings_.guessed("server " + server + ": " + name.origin + " names the server's own database " + name.value +
                        "; devenv keeps its databases apart from it");
      return {"", "", name.origin};
    }
    if (config::is_plain_name(name.value)) return name;
    const std::string plain = plain_name(name.value);
    findings_.guessed("database \"" + name.value + "\" (" + name.origin + ") is called " + plain +
                      ": devenv needs names of letters, digits and '_'");
    return plain_value(plain, name.origin + ", renamed");
  }

  // ---- init files ----

  // The files the image would run, by their names inside /docker-entrypoint-initdb.d
  // (its glob order); a file mounted into the folder hides one of the same name.
  std::map<std::string, fs::path> init_files(const DatabaseService& service) {
    std::map<std::string, fs::path> files;
    for (const InitMount& mount : service.init_mounts) {
      adopted_.insert(mount.path);
      if (!mount.folder) {
        files[mount.name] = mount.path;
        plan_.read.push_back(mount.display + ": an init file of service " + service.service);
        continue;
      }
      plan_.read.push_back(mount.display + "/: init files of service " + service.service);
      std::error_code error;
      for (auto it = fs::directory_iterator(mount.path, error); !error && it != fs::directory_iterator();
           it.increment(error)) {
        if (!util::is_link(it->path()) && it->is_regular_file()) files[it->path().filename().string()] = it->path();
      }
    }
    return files;
  }

  void adopt_init_files(const DatabaseService& service, const PlannedServer& server, const std::string& database) {
    // Where the image runs a file's first statements: its database, else PostgreSQL's own.
    const std::string runs_in = database.empty() ? server.engine.fallback_database() : database;
    for (const auto& [name, file] : init_files(service)) {
      adopted_.insert(file);
      const std::string shown = file.lexically_relative(root_).generic_string();
      if (!name.ends_with(".sql")) {
        skip_init_file(service, name, shown);
        continue;
      }
      const SqlTargets targets = sql_targets(file, server.engine.dialect(), runs_in);
      if (targets.databases.size() > 1) {
        findings_.skipped(shown + ": fills databases " + joined(targets.databases) +
                          "; devenv gives each file to one database: split it, then run init again");
        continue;
      }
      std::string target = targets.databases.empty() ? runs_in : targets.databases.front();
      if (target.empty() || is_server_database(target)) {
        target = unique_database_name(project_, server.name);
        findings_.guessed(shown + " runs in " + (runs_in.empty() ? "no database" : "the server's own " + runs_in) +
                          " on the image; devenv gives it database " + target);
      }
      PlannedDatabase& planned =
          database_on(server.name, plain_value(target, "init files of service " + service.service));
      planned.sources.push_back(shown);
      add_schemas(planned, targets, shown);
    }
    for (const InitMount& mount : service.init_mounts) {
      if (mount.folder) use_whole_folder(mount.path);
    }
  }

  void skip_init_file(const DatabaseService& service, const std::string& name, const std::string& shown) {
    if (name.ends_with(".sh")) {
      findings_.skipped(shown + ": a script; devenv runs scripts only from initdb/<server>/ (copy it there if " +
                        "the databases need it)");
    } else if (name.find(".sql.") != std::string::npos) {
      findings_.skipped(shown + ": compressed; devenv's schema files are plain .sql (unpack it, then run init again)");
    } else {
      findings_.skipped(shown + ": not an init file; the image of service " + service.service + " ignores it too");
    }
  }

  // A database whose sources are exactly a folder's .sql files names the folder, so that
  // files added to it later are read too, as the image would run them.
  void use_whole_folder(const fs::path& folder) {
    std::vector<std::string> files;
    for (const fs::path& file : config::sql_files_in(folder))
      files.push_back(file.lexically_relative(root_).generic_string());
    for (PlannedDatabase& database : plan_.databases) {
      if (!files.empty() && database.sources == files) {
        database.sources = {folder.lexically_relative(root_).generic_string()};
      }
    }
  }

  // ---- databases ----

  // The schemas a schema file creates are the database's; devenv makes them before the
  // file runs (migrations make their own), so the file's bare CREATE SCHEMA would fail.
  void add_schemas(PlannedDatabase& database, const SqlTargets& targets, const std::string& file) {
    for (const std::string& schema : targets.schemas) add_once(database.schemas, schema);
    for (const std::string& schema : targets.schemas_without_if_not_exists) {
      findings_.check(file + ": CREATE SCHEMA " + schema + " fails once devenv has made the schema: write " +
                      "CREATE SCHEMA IF NOT EXISTS " + schema);
    }
  }

  PlannedDatabase& database_on(const std::string& server, const SourcedValue& name) {
    for (PlannedDatabase& database : plan_.databases) {
      if (database.server == server && database.name.value == name.value) return database;
    }
    std::vector<std::string> keys;
    for (const PlannedDatabase& database : plan_.databases) keys.push_back(database.key);
    std::string key = file_safe_name(name.value);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) key = server + "-" + key;
    PlannedDatabase database;
    database.key = unique_name(key, keys);
    database.name = name;
    database.server = server;
    database.origin = name.origin;
    plan_.databases.push_back(database);
    return plan_.databases.back();
  }

  std::string unique_database_name(const std::string& wanted, const std::string& server) {
    std::vector<std::string> taken;
    for (const PlannedDatabase& database : plan_.databases) {
      if (database.server == server) taken.push_back(database.name.value);
    }
    return unique_name(wanted, taken, '_');
  }

  // The name a folder suggests for its database: its own name or a parent's, unless
  // they are all generic (schema/, db/migrations/): then the project's.
  std::string suggested_name(const std::string& display) const { return suggested_name(std::vector{display}); }

  // For several folders (one app's modules): their common folder's.
  std::string suggested_name(const std::vector<std::string>& displays) const {
    std::vector<std::string> parts;
    for (const fs::path& part : fs::path(displays.front())) parts.push_back(part.string());
    for (const std::string& display : displays) {
      std::size_t common = 0;
      for (const fs::path& part : fs::path(display)) {
        if (common == parts.size() || parts[common] != part.string()) break;
        ++common;
      }
      parts.resize(common);
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      if (!is_generic_folder(*it)) return plain_name(*it);
    }
    return project_;
  }

  static bool same_family(const PlannedServer& server, std::optional<sqltext::Dialect> dialect) {
    return !dialect || server.engine.dialect() == *dialect;
  }

  const PlannedServer& server_named(const std::string& name) const {
    return *std::find_if(plan_.servers.begin(), plan_.servers.end(),
                         [&](const PlannedServer& server) { return server.name == name; });
  }

  // A database for `what` (a set of files in `dialect`): one the project names that
  // has no schema yet, else a new one on a server of that family, else on a new server.
  PlannedDatabase& database_for(std::optional<sqltext::Dialect> dialect, const std::string& named,
                                const std::string& suggested, const std::string& what) {
    for (PlannedDatabase& database : plan_.databases) {
      const bool empty = database.sources.empty() && database.migrations.empty();
      if (empty && same_family(server_named(database.server), dialect) &&
          (named.empty() || database.name.value == named)) {
        findings_.found(what + " → database " + database.name.value + " of server " + database.server +
                        ", which had no schema");
        return database;
      }
    }
    const PlannedServer& server = server_for(dialect, what);
    const std::string name = named.empty() ? unique_database_name(suggested, server.name) : named;
    PlannedDatabase& database =
        database_on(server.name, plain_value(name, named.empty() ? "guessed: named after " + what : what));
    findings_.found(what + " → database " + name + " on server " + server.name);
    made_for_files_.insert(database.key);
    return database;
  }

  const PlannedServer& server_for(std::optional<sqltext::Dialect> dialect, const std::string& what) {
    for (const PlannedServer& server : plan_.servers) {
      if (same_family(server, dialect)) {
        if (!dialect && plan_.servers.size() > 1) {
          findings_.guessed(what + ": its SQL does not say MySQL or PostgreSQL; given to server " + server.name);
        }
        return server;
      }
    }
    return new_server(dialect, what);
  }

  const PlannedServer& new_server(std::optional<sqltext::Dialect> dialect, const std::string& what) {
    // MariaDB is the MySQL server Debian packages, which the native runtime runs.
    const engine::Engine engine(dialect == sqltext::Dialect::MySQL ? engine::Engine::Kind::MariaDB
                                                                   : engine::Engine::Kind::Postgres);
    PlannedServer server;
    server.name = server_name(engine.name());
    server.engine = engine;
    server.origin = std::string(dialect ? "for " : "guessed (its SQL does not say MySQL or PostgreSQL): for ") + what;
    server.port = free_port(engine.default_port(), server.name);
    server.port_origin = "the engine's usual port";
    const std::string variable = variable_name({"devenv", server.name, "root", "password"});
    server.root_password = {"${" + variable + ":-" + kRootPasswordDefault + "}", "", "root's password"};
    findings_.guessed("server " + server.name + ": " + engine.name() + " on port " + std::to_string(server.port) +
                      ", for " + what + (dialect ? "" : " (its SQL does not say MySQL or PostgreSQL)"));
    plan_.servers.push_back(server);
    made_servers_.push_back(server.name);
    return plan_.servers.back();
  }

  // ---- migration folders and schema files ----

  void place_migrations(const MigrationSet& set) {
    const std::string what =
        joined(set.displays, "/, ") + "/ (" + std::string(migrations::name_of(set.tool)) + " migrations)";
    plan_.read.push_back(what);
    PlannedDatabase& database = database_for(set.dialect, "", suggested_name(set.displays), what);
    database.migrations = set.displays;
    database.migration_tool = migrations::name_of(set.tool);
    for (const std::string& schema : set.schemas) add_once(database.schemas, schema);
  }

  // A folder's .sql files: those that create or select a database go to it, the others
  // to one database for the folder; a file whose own SQL is of the other family than
  // the folder's (a PostgreSQL file among MySQL ones) to one of its own family.
  void place_schema_folder(const SchemaFolder& folder) {
    struct Group {
      std::string named;  // the database its files create or select, "" for none
      std::optional<sqltext::Dialect> dialect;
      std::vector<fs::path> files;
    };
    std::vector<Group> groups;
    std::map<fs::path, SqlTargets> targets;
    for (const fs::path& file : folder.files) {
      const std::optional<sqltext::Dialect> own = dialect_of({file});
      const std::optional<sqltext::Dialect> dialect = own ? own : folder.dialect;
      const SqlTargets found = sql_targets(file, dialect.value_or(sqltext::Dialect::Postgres), "");
      const std::string shown = file.lexically_relative(root_).generic_string();
      if (found.databases.size() > 1) {
        findings_.skipped(shown + ": fills databases " + joined(found.databases) +
                          "; devenv gives each file to one database: split it, then run init again");
        continue;
      }
      const std::string named = found.databases.empty() ? "" : found.databases.front();
      auto group = std::find_if(groups.begin(), groups.end(),
                                [&](const Group& g) { return g.named == named && g.dialect == dialect; });
      if (group == groups.end()) group = groups.insert(groups.end(), {named, dialect, {}});
      group->files.push_back(file);
      targets[file] = found;
    }
    const std::string shown = folder.display == "." ? "the project's top folder" : folder.display + "/";
    for (const auto& [named, dialect, files] : groups) {
      const std::string what = (files.size() == 1 ? files.front().lexically_relative(root_).generic_string()
                                                  : shown + " (" + std::to_string(files.size()) + " .sql files)");
      plan_.read.push_back(what);
      const std::string suggested =
          groups.size() == 1 ? suggested_name(folder.display) : suggested_name(files.front().stem().string());
      PlannedDatabase& database = database_for(dialect, named, suggested, what);
      const bool whole = groups.size() == 1 && folder.whole_folder && folder.display != ".";
      if (whole) {
        database.sources.push_back(folder.display);
      } else {
        for (const fs::path& file : files) database.sources.push_back(file.lexically_relative(root_).generic_string());
      }
      database.sources_origin = named.empty() ? "" : "they create or select database " + named;
      for (const fs::path& file : files)
        add_schemas(database, targets[file], file.lexically_relative(root_).generic_string());
    }
  }

  // ---- what is still missing ----

  void give_starter_files() {
    for (PlannedDatabase& database : plan_.databases) {
      if (!database.sources.empty() || !database.migrations.empty()) continue;
      std::string path = std::string(kStarterFolder) + "/" + database.key + ".sql";
      for (int n = 2; path_exists(root_ / path); ++n) {
        path = std::string(kStarterFolder) + "/" + database.key + "-" + std::to_string(n) + ".sql";
      }
      plan_.starter_files.push_back(
          {path, "-- The schema of database " + database.name.value + " (server " + database.server +
                     "): devenv init found none for it.\n-- Write its CREATE TABLE statements here, or point " +
                     "config.toml at the app's migrations.\n"});
      database.sources = {path};
      database.sources_origin = "created by devenv init: the project had no schema for it";
      findings_.guessed("database " + database.name.value + ": no schema found for it; init writes an empty " + path);
    }
  }

  void add_users() {
    for (AppAccount& account : accounts_) {
      for (const PlannedDatabase& database : plan_.databases) {
        if (database.server == account.server && made_for_files_.contains(database.key)) {
          add_once(account.database_keys, database.key);
        }
      }
      SourcedValue name = account.user;
      const PlannedServer& server = server_named(account.server);
      if (name.value == server.engine.default_root_user()) {
        findings_.skipped("user " + name.value + " (" + name.origin + "): root is the server's own account");
        continue;
      }
      if (!config::is_plain_name(name.value)) {
        const std::string plain = plain_name(name.value);
        findings_.guessed("user \"" + name.value + "\" (" + name.origin + ") is called " + plain +
                          ": devenv needs names of letters, digits and '_'");
        name = plain_value(plain, name.origin + ", renamed");
      }
      plan_.users.push_back(
          {name, account.password, account.server, account.database_keys, "the app user of server " + account.server});
    }
    // A server init made up gets an app user of the project's name, as the example has.
    for (const std::string& server : made_servers_) {
      PlannedUser user;
      user.name = plain_value(project_, "guessed: the app's user, named after the project");
      const std::string variable = variable_name({project_, "db", "password"});
      user.password = {"${" + variable + ":-" + project_ + "}", "", "guessed"};
      user.server = server;
      for (const PlannedDatabase& database : plan_.databases) {
        if (database.server == server) user.database_keys.push_back(database.key);
      }
      user.origin = "guessed: an app user for server " + server;
      plan_.users.push_back(user);
      findings_.guessed("user " + project_ + " on server " + server + ", granted its databases; password ${" +
                        variable + ":-" + project_ + "}");
    }
  }

  fs::path root_;
  const std::optional<ComposeProject>& compose_;
  Findings& findings_;
  std::string project_;  // the project folder's name as a database or user name
  AdoptionPlan plan_;
  std::set<fs::path> adopted_;             // init files and folders: not scanned again
  std::set<int> ports_;                    // taken by a planned server
  std::vector<AppAccount> accounts_;       // compose services' app users
  std::vector<std::string> made_servers_;  // servers no compose service runs
  std::set<std::string> made_for_files_;   // database keys made for migrations and schema files
};

}  // namespace

AdoptionPlan plan_adoption(const fs::path& root, const std::optional<ComposeProject>& compose, Findings& findings) {
  return Planner(root, compose, findings).plan();
}

}  // namespace devenv::adopt
