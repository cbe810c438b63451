#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace devenv::cli {

inline constexpr const char* kInitHelp = R"HELP(Usage: devenv init [--force] [--dry-run] [--compose FILE]

Adopts a project as it is: reads this folder, writes a commented config.toml that
reproduces it, and runs `devenv build` on that (initdb/ and devenv's compose file), so
`devenv up` and `devenv build --check` work at once. It says on stderr what it found,
what it guessed and what it left out; config.toml marks each value with where it came
from. It never overwrites config.toml (--force replaces that file, and no other).

What it reads, and what each thing becomes:
  the compose file      compose.yaml, compose.yml, docker-compose.yaml or
                        docker-compose.yml (or --compose FILE), with its env_file files.
                        A service whose image runs MySQL, MariaDB or PostgreSQL (mysql,
                        mariadb, postgres, percona, postgis, timescaledb, …) becomes a
                        [servers.<service>]; other services are listed and left out:
      image: postgres:15-alpine       engine, image (the version as a comment)
      ports: "5433:5432"              port = 5433
      MYSQL_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD, POSTGRES_PASSWORD   root_password
      POSTGRES_USER                   root_user
      MYSQL_DATABASE, MARIADB_DATABASE, POSTGRES_DB   a [[databases]] entry
      MYSQL_USER + MYSQL_PASSWORD (or MARIADB_…)      a [[users]] entry granted it
      command: --character-set-server=…, --collation-server=…   charset, collation
      command: other --name=value, -c name=value                settings
  its init folder       ./x:/docker-entrypoint-initdb.d, or a file mounted into it: the
                        .sql files, in the image's order, are the sources of the database
                        they fill: the service's, or the one a file creates or selects
                        (CREATE DATABASE, USE, \connect). Scripts (.sh) and compressed
                        files are listed, not adopted.
  migration folders     sqlx, goose, golang-migrate, Drizzle, dbmate, Flyway and Atlas
                        folders, as devenv's migration sources read them (goose module
                        folders whose versions do not collide: one app).
  other .sql files      folder by folder, the sources of one database (a file that
                        creates or selects a database: of that one).
  Not looked into: hidden folders, node_modules, vendor, build output, test(s),
  fixtures, examples, docs; never through a symbolic link.

Passwords: one the compose file takes from a variable stays that reference, as
${VAR:-default} (without a default it gets "devenv", so the config loads without the
variable); one written out in the compose file becomes the default of a variable of
devenv's, ${DEVENV_<SERVICE>_ROOT_PASSWORD:-…}; one from an env_file is never copied.

What it guesses (each one said, and marked "guessed" in config.toml):
  - migrations and schema files go to a database of a server of their SQL family that
    has no schema yet (the service's POSTGRES_DB), else to a new database named after
    their folder or the project, else to a new server (mariadb for MySQL SQL, postgres
    otherwise) with an app user named after the project;
  - a database with no schema at all gets an empty schemas/<key>.sql, which init writes;
  - with a compose file of the project's own: project.name gets "-devenv" and
    project.compose_file = "devenv.compose.yml", so that devenv's containers, volumes
    and compose file never touch yours;
  - a port two servers would share, names devenv cannot take as they are.

Options:
  --force          replace config.toml if there is one
  --dry-run        print the config on stdout and what init found on stderr; write nothing
  --compose FILE   read this compose file instead of looking for one

Exit: 0 written and built; 2 config.toml exists, a compose file has a YAML error
(file:line:col) or cannot be read, nothing to adopt, or the project's SQL does not
build (config.toml is written then: fix the files, run `devenv build`); 3 a file could
not be written.
)HELP";

struct InitOptions {
  bool force = false;                  // replace an existing config.toml
  bool dry_run = false;                // print the config, write nothing
  std::optional<std::string> compose;  // the compose file to read instead of looking for one
};

// `config_file`: where to write config.toml; empty for ./config.toml (init does not look
// in parent folders for one, as the other commands do).
int run_init(const std::filesystem::path& config_file, const InitOptions& options, std::ostream& out,
             std::ostream& err);

}  // namespace devenv::cli
