#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace devenv::cli {

// Commands of the native and compose runtimes. Each takes the state-dir lock for its
// whole run. The command line (cli/command_line.cpp) fills one options struct per
// command; `runtime` is --runtime native|compose, overriding project.runtime.

struct ResetOptions {
  std::optional<std::string> runtime;
  std::vector<std::string> servers;  // empty: all
  bool force = false;                // also delete databases the config does not declare
  bool all_databases = false;        // reset every database, not only those whose schema changed
  unsigned jobs = 0;                 // shared servers: databases made at once (0: the default)
};
int run_reset(const std::filesystem::path& config, const ResetOptions& options, std::ostream& out, std::ostream& err);

// `up` takes everything `reset` does, and may reset a server whose init files changed.
struct UpOptions : ResetOptions {
  bool reset_on_change = false;
  bool verify = false;  // verify also when every server was just initialised
  bool detach = false;  // -d, as in compose; devenv's servers always outlive the command
};
int run_up(const std::filesystem::path& config, const UpOptions& options, std::ostream& out, std::ostream& err);

// `devenv watch`: rebuild and reset in place on every save (cli/watch_command.cpp).
struct WatchOptions {
  std::optional<std::string> runtime;
  unsigned debounce_ms = 200;  // quiet time after the last save of a burst
};
int run_watch(const std::filesystem::path& config, const WatchOptions& options, std::ostream& out, std::ostream& err);

inline constexpr const char* kWatchHelp = R"HELP(Usage: devenv watch [--debounce MS] [--runtime native|compose]

Watches the config (and its .env), every schema file and migration folder, and your
own files in initdb/<server>/ (a seed). On a save, it does what `devenv build` and
`devenv reset` would, and prints one line per server:

  10:42:07 schemas/main.sql → mysql: reset in place in 0.14 s: rebuilt main (schema
           changed); kept hydra, partition_001 … with their data

  - Only the databases whose schema changed are made again; the others keep their
    rows (a seed of yours in initdb/ runs again, and then every database of its
    server is made again, as `devenv reset` does).
  - Each changed schema is first loaded into a throwaway shadow database: when the
    config or a schema does not load, watch prints the first error (file:line:col)
    and changes nothing; the databases keep serving the last schema that loaded.
  - A burst of saves (editors write several times) is one round: it starts when the
    files have been quiet for --debounce MS (default 200), at most 2 s (or twice MS)
    after the first.
  - At start, servers that are not running are started (as `devenv up`), and edits
    made meanwhile are applied as any other edit. A server stopped later is left
    alone: the line says so, and `devenv up --reset-on-change` applies the change.
  - A reset that would replace a data dir holding databases the config does not
    declare is refused for that server, as `devenv reset` without --force refuses it.

Ctrl-C stops watching; the servers keep running (`devenv down` stops them). Other
devenv commands run meanwhile: each round takes the state-dir lock only while it works.
--verbose shows each round's progress lines. Keep data across rounds with
`devenv snapshot` (`devenv help snapshot`).
)HELP";

// `devenv cache stats|clear`: the machine's init cache (runtime/data_dir_cache.h).
struct CacheOptions {
  std::string action;
};
int run_cache(const std::filesystem::path& config, const CacheOptions& options, std::ostream& out, std::ostream& err);

inline constexpr const char* kCacheHelp = R"HELP(Usage: devenv cache stats|clear

The native runtime keeps the data dirs it initialised in a cache of this user's,
shared by every project and clone on the machine, as ccache keeps object files:
  - bare data dirs, as mariadb-install-db and initdb make them: made once per engine
    version, then copied (instead of running those tools again);
  - data dirs after init, keyed by the engine version, root's credentials, charset,
    collation, settings and the bytes of every init file: `up` and `reset` copy one
    instead of running the init files when the key matches. Init folders with a
    `.sh` file are never cached (what a script does depends on more than its bytes).

  stats   where the cache is, its entries (most recently used first), their size, and
          hits, misses, stores and evictions since the last clear
  clear   delete every entry (a devenv adding one at the same time keeps its own)

Where: $XDG_CACHE_HOME/devenv, else ~/.cache/devenv (a folder of devenv's, 0700).
Size: at most $DEVENV_CACHE_MAX_SIZE (default 2G; e.g. 500M), least recently used
entries go first; DEVENV_CACHE_MAX_SIZE=0 turns the cache off. An entry whose files
no longer match its manifest, or that a server will not start from, is removed and
the init runs instead. `down --purge` leaves the cache alone.
)HELP";

// `devenv remote list|prune`: what devenv made on shared servers, by prefix (docs/remote.md).
struct RemoteOptions {
  std::string action;                // list, prune
  std::vector<std::string> servers;  // empty: every shared server of the config
  std::string older_than;            // prune: "30d"
  bool dry_run = false;              // prune: list only
  std::string format = "text";       // list: or json
};
int run_remote(const std::filesystem::path& config, const RemoteOptions& options, std::ostream& out, std::ostream& err);

inline constexpr const char* kRemoteHelp = R"HELP(Usage: devenv remote list [SERVER…] [--format text|json]
       devenv remote prune --older-than AGE [--dry-run] [SERVER…]

A shared server (runtime = "remote", a url in config.toml) holds the databases and
users of every developer who ran devenv against it, each under their prefix
(servers.<name>.prefix, by default your $USER and '_'). devenv records each thing it
makes there in the server's registry (`_devenv_registry`.`registry`), and drops only what it
recorded: a database with your prefix that devenv did not make is left alone.

  list    every prefix on the server: how many databases and users, when first
          made and last used (their last devenv up or reset there), "(you)"
          beside yours
  prune   drops the databases and users of every prefix unused for longer than AGE
          (30d, 12h, 2w; s m h d w), after listing them; --dry-run lists only

Your own: `devenv down --purge` drops them; `devenv down` leaves the server alone.
)HELP";

// `devenv snapshot save|restore|list|rm`: named copies of the dev data (docs/snapshots.md).
struct SnapshotOptions {
  std::string action;                  // save, restore, list, rm
  std::string name;                    // the snapshot's
  std::vector<std::string> databases;  // save: keys or database names; empty: all
  bool force = false;                  // save: replace; restore: onto a changed schema
  std::string format = "text";         // list: or json
  std::optional<std::string> runtime;
};
int run_snapshot(const std::filesystem::path& config, const SnapshotOptions& options, std::ostream& out,
                 std::ostream& err);

inline constexpr const char* kSnapshotHelp =
    R"HELP(Usage: devenv snapshot save NAME [DATABASE…] [--force]
       devenv snapshot restore NAME [--force]
       devenv snapshot list [--format text|json]
       devenv snapshot rm NAME

Keeps the current data of the config's databases under a name, and brings it back
later: after a `devenv reset`, a migration that went wrong, or an experiment. Each
database is copied with its engine's own tools (mariadb-dump, pg_dump; loaded back
with the client, pg_restore), on this machine or inside the container, whichever
runtime runs the server. The servers must be running.

  save NAME [DATABASE…]  copy these databases (keys such as main, or database names
                         such as partition_002; default every database of the config)
                         into .devenv/data-snapshots/NAME/. A save that is interrupted
                         leaves no snapshot. --force replaces an existing NAME (the
                         old one stays whole until the new one is complete)
  restore NAME           drop each database the snapshot holds and load it back as it
                         was saved; other databases are not touched. Refused (exit 2,
                         nothing changed) when a database's schema files changed since
                         the save: --force restores it anyway, with the snapshot's schema,
                         and `devenv reset` brings the schema files' schema back
  list                   name, when, size and databases of each (--format json)
  rm NAME                delete a snapshot (only one devenv made)

NAME: letters, digits, '.', '_' and '-', not starting with '.' or '-', at most 64.

Example, keep the data you prepared across a reset:
  devenv snapshot save before-reset          # every database
  devenv reset                               # fresh databases from the schema files
  devenv snapshot restore before-reset       # your rows are back
  devenv snapshot save seed main partition_001 --force

Exit: 0 ok, 2 usage (no such snapshot, a bad name, a changed schema without --force),
3 runtime (a server is not running: run `devenv up`; a dump or load failed).
See docs/snapshots.md.
)HELP";

struct DownOptions {
  bool purge = false;
  std::optional<std::string> runtime;
  std::vector<std::string> servers;  // empty: all
};
int run_down(const std::filesystem::path& config, const DownOptions& options, std::ostream& out, std::ostream& err);

struct StatusOptions {
  std::string format = "text";  // or json
  std::optional<std::string> runtime;
};
int run_status(const std::filesystem::path& config, const StatusOptions& options, std::ostream& out, std::ostream& err);

struct EnvOptions {
  std::string format = "shell";  // or dotenv, json
  std::optional<std::string> runtime;
};
int run_env(const std::filesystem::path& config, const EnvOptions& options, std::ostream& out, std::ostream& err);

struct LogsOptions {
  std::vector<std::string> servers;  // empty: all, each line prefixed with its server
  bool init = false;
  unsigned lines = 100;
  bool follow = false;
  bool timestamps = false;
  std::optional<std::string> runtime;
};
int run_logs(const std::filesystem::path& config, const LogsOptions& options, std::ostream& out, std::ostream& err);

struct ShellOptions {
  std::string database;  // a key or a database name
  bool root = false;
  std::optional<std::string> user;
  std::optional<std::string> runtime;
};
int run_shell(const std::filesystem::path& config, const ShellOptions& options, std::ostream& out, std::ostream& err);

struct VerifyOptions {
  std::string format = "text";  // or json, sql
  bool allow_destructive = false;
  std::optional<std::string> runtime;
  std::vector<std::string> databases;  // empty: all
  std::vector<std::string> ignore;     // --ignore kind:glob, on top of the config's
  bool include_history = false;        // compare migration tools' history tables too
  bool strict = false;                 // databases the config does not declare are drift too
};
int run_verify(const std::filesystem::path& config, const VerifyOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
  std::string from;             // A: a database of the config, a DSN, or schema files
  std::string to;               // B
  std::string format = "text";  // or json, or sql (the statements that turn A into B)
  bool allow_destructive = false;
  std::optional<std::string> runtime;
  std::optional<std::string> server;  // --server: where schema files load
  std::vector<std::string> ignore;    // --ignore kind:glob, on top of the config's
  bool include_history = false;       // compare migration tools' history tables too
};
int run_diff(const std::filesystem::path& config, const DiffOptions& options, std::ostream& out, std::ostream& err);

struct DumpOptions {
  std::string database;               // a key or a database name
  std::optional<std::string> from;    // instead: schema files or a migration folder, built in a shadow
  std::optional<std::string> server;  // with --from: the config server whose engine builds it
  std::optional<std::string> check;   // compare with this file instead of printing
  std::optional<std::string> runtime;
};
int run_dump(const std::filesystem::path& config, const DumpOptions& options, std::ostream& out, std::ostream& err);

inline constexpr const char* kUpHelp =
    R"HELP(Usage: devenv up [--reset-on-change] [--verify] [-d] [-j N] [--runtime native|compose|remote] [SERVER…]

Starts every server of the config (or the named ones) as a native process from the
machine's packages (mariadbd/mysqld, postgres), in parallel, and waits until each
answers a real query over TCP on 127.0.0.1. With runtime = "compose" in the config
(or --runtime compose, which every runtime command takes) it drives docker compose
with the generated docker-compose.yml instead, and waits until the images' init has
finished (the fingerprint over TCP).

  - initdb/ and docker-compose.yml are rebuilt first when the config changed them.
  - An empty data dir is initialised as the official images do: a socket-only server
    runs initdb/<server>/* in name order (.sql, .sql.gz/.xz/.zst, .sh), then the
    real server starts. A failed or interrupted init is never started: the next
    `up` re-initialises it and says so.
  - When this machine ran the same init files before (another clone, CI, after
    `down --purge`), the data dir is copied from the init cache instead: see
    `devenv cache --help`. Either way the server starts once on TCP.
  - A running server is left alone. A crashed one is started again, with its data.
  - When the data dir was made from other init files, `up` says so; with
    --reset-on-change it resets that server (see `devenv reset`).
  - Without server names it ends with `devenv verify` ("schemas match", or the drift
    and exit 1), except when every server was just initialised from the current
    init files: those match them by construction.

  - A shared server (runtime = "remote", a url in config.toml) is not started: `up`
    makes the config's databases and users there under your prefix (alice_main),
    those missing or left half made by an interrupted up (docs/remote.md).

  --verify   verify also after a fresh init
  -d, --detach   accepted for compose's sake: servers always outlive the command
  -j, --jobs N   shared servers: databases made at once, each on its own connection
                 (default 4)

Servers outlive the command (like `docker compose up -d`); stop them with
`devenv down`. Data, sockets and logs live under project.state_dir (.devenv/).

Exit: 0 all running and matching, 1 drift, 2 usage or config error, 3 a server or
init script failed.
)HELP";

inline constexpr const char* kResetHelp =
    R"HELP(Usage: devenv reset [--all-databases] [--force] [-j N] [--runtime native|compose|remote] [SERVER…]

Brings the databases of the named servers (default: all) back fresh, and says for
each server what it did:

  - In place, on a running server (either runtime), when initdb/ changed only in
    schema files since the server's databases were made (compose: since devenv saw
    the image's init make its volume, .devenv/<server>/compose-state):
      after editing one database's schema, only that database is rebuilt (with all
      partitions of its key); the others keep their data;
      with no schema edit (or --all-databases), every database of the config is
      reset: PostgreSQL copies each from a pristine copy it keeps in the server
      (_devenv_tpl_<name>, made by the first reset, hidden from devenv's lists),
      MariaDB/MySQL drops each and runs its init files again. Your own .sql init
      files (a 50-seed.sql) run again whenever a database is made from its files.
    Databases the config does not declare are left alone, and so are users.
  - Otherwise (00-init-databases.sql changed: users, grants, databases; root's
    password, charset, collation, settings or image changed; one of your own init
    files changed; a .sh or compressed init file; the server is not running; no
    record), the data dir is made again: copied from the init cache when this
    machine ran the same init files before (`devenv cache --help`), else initialised.
    With the compose runtime: a new container and volume, and the image's init
    (devenv needs no `docker-compose down`, and waits until each fingerprint
    answers). That deletes every database on the server: unless --force, reset
    first lists any the config does not declare and stops (exit 2) before touching
    anything.

  - On a shared server (runtime = "remote"), only your prefix's databases are dropped
    and made again (after a schema edit only the edited ones); the others' are never
    touched (docs/remote.md).

A reset interrupted (Ctrl-C, kill -9) or failed half way is finished by the next
`reset` or `up`. Run `devenv verify` after it if you want the proof.

  --all-databases   reset every database even when only some schemas changed
  --force           replace a data dir even when it holds databases the config does
                    not declare (a scratch copy, a loaded dump)
)HELP";

inline constexpr const char* kDownHelp = R"HELP(Usage: devenv down [--purge|-v] [--runtime native|compose] [SERVER…]

Stops the servers (SIGTERM for MariaDB/MySQL, SIGINT for PostgreSQL; SIGKILL only
after 30 s). Data is kept for the next `devenv up`.

  --purge, -v, --volumes
            also delete what devenv made for them, listing every path it
            removes: data dirs, sockets and logs (native); the containers, the
            volumes and the project's network (compose). Nothing else is
            touched; the init cache stays (`devenv cache clear` empties it).

A shared server (runtime = "remote") keeps running: `down` leaves it and your
databases alone; `down --purge` lists, then drops, the databases and users devenv's
registry there records under your prefix, and nothing else (`devenv remote --help`).
)HELP";

inline constexpr const char* kStatusHelp = R"HELP(Usage: devenv status [--format text|json] [--runtime native|compose]

For each server: running, stopped, crashed (with the last lines of its log), init
failed, or not initialised; its port and pid; and whether its data dir was made
from other init files than the config generates now ("schema changed"). A shared
server (runtime = "remote") is running when every database of your prefix is made
there, "init failed" when an interrupted up left some half made, "crashed" when it
cannot be reached.

--format json: {"servers": [{"name", "engine", "status", "port", "pid" (null when
none), "version", "schema_changed", "failure", "log_tail": [...]}]}

Exit (for scripts, as `systemctl status`): 0 every server runs with the current
schema, 1 one runs with a changed schema (`devenv reset`), 3 one is stopped, not
initialised, crashed or its init failed; 2 usage or config error.
)HELP";

inline constexpr const char* kEnvHelp = R"HELP(Usage: devenv env [--format shell|dotenv|json] [--runtime native|compose]

Prints one URL per database, for the first user the config grants it (else root):
  --format shell    (default) `export` lines for a shell or direnv's .envrc:
                      export DEVENV_MAIN_URL='mysql://unkey:unkey@127.0.0.1:3306/unkey'
                    use: eval "$(devenv env)"
  --format dotenv   NAME="value" lines for a .env file (docker compose, dotenv libraries):
                      devenv env --format dotenv > .env.local
  --format json     {"DEVENV_MAIN_URL": "mysql://…", …} for tools
Passwords are percent-encoded in the URLs; the shell and dotenv forms quote the rest.
)HELP";

inline constexpr const char* kLogsHelp =
    R"HELP(Usage: devenv logs [SERVER…] [--init] [-n LINES] [-f] [-t] [--runtime native|compose]

Shows the servers' logs (default: the last 100 lines of each). With one server, its
lines as they are; with several (or none named: all), each line prefixed with its
server, as `docker compose logs` does.
  --init              the log of the last init instead (client output of every init script)
  -n, --tail LINES    how many lines of each
  -f, --follow        keep following them (Ctrl-C to stop)
  -t, --timestamps    each line prefixed with when it was written: the server's own
                      time stamp of the line where it has one (native), compose's
                      otherwise
)HELP";

inline constexpr const char* kVerifyHelp = R"HELP(Usage: devenv verify [--format text|json|sql] [--allow-destructive]
                     [--ignore PATTERN]… [--include-history] [--runtime native|compose]
                     [DATABASE…]

Compares every database of the config (or the named keys or database names) with its
schema files and reports every real difference. Each logical database's files are
loaded into a throwaway shadow database on the same server (_devenv_shadow_…, dropped
afterwards, also on failure or Ctrl-C), so the server itself parses and normalises
them; every partition is compared with that one expected schema. Spellings the server
treats as the same (int(11) and int, BOOLEAN and tinyint(1), CURRENT_TIMESTAMP and
current_timestamp(), generated constraint names, InnoDB's implicit FK indexes…) are
not drift. Without names it also reports a data dir initialised from an older
initdb/, and lists databases the config does not declare (a scratch copy, a loaded
dump) as a note, not as drift, unless --strict.

Output: text grouped by database and object, signed by what a fix does: + the schema
files have it and the database lacks it, - only the database has it, ~ changed (with
expected and actual); or --format json:
  {"drift": true, "differences": [{"database", "object", "kind", "name",
   "change": "missing|extra|changed", "expected", "actual"}],
   "unmanaged_databases": [{"server", "database"}]}
or --format sql: statements that bring the live databases to the schema files, one
block per server (run each with `devenv shell <database> --root < fix.sql`; a SQLite
server's script opens each database's file itself: `sqlite3 -bail < fix.sql`).
Destructive ones (DROP COLUMN/TABLE/TYPE/SCHEMA/DATABASE, re-creating a generated
column) are commented out unless --allow-destructive.

  --strict           databases the config does not declare are drift too (for CI)
  --ignore PATTERN   leave objects out of the report (repeatable), on top of the
                     config's `ignore = [...]` (top level: everywhere; in a
                     [[databases]] entry: that database). PATTERN is kind:glob, kind
                     one of the report's kinds (the "kind" of --format json: table,
                     column, foreign key, view, …; a wrong one lists them all), the
                     glob (* ? [...]) on the object's name; a table part is
                     table.part, a PostgreSQL object also schema.name; a database,
                     schema or table pattern covers what is inside it:
                       --ignore 'table:audit_2025_*' --ignore 'column:users.legacy_*'
  --include-history  compare the history table of a database's migration tool too
                     (_sqlx_migrations, goose_db_version, schema_migrations,
                     drizzle.__drizzle_migrations, flyway_schema_history,
                     atlas_schema_revisions, or its migration_table): it holds data,
                     not schema, so by default it is left out

Exit: 0 no drift, 1 drift, 2 usage or config error, 3 runtime error.
)HELP";

inline constexpr const char* kDumpHelp = R"HELP(Usage: devenv dump DATABASE [--check FILE] [--runtime native|compose]
       devenv dump --from PATH [--server SERVER] [--check FILE]

Prints the live schema of DATABASE (a key or a database name) as canonical SQL:
the same bytes for the same schema on every run, objects sorted by name, without
the database's own name, loadable into an empty database with the engine's client.
Commit it as a derived_schema.sql to review schema changes in diffs.

  --from PATH      dump what PATH builds instead: a migration folder (applied as its
                   tool would) or schema files, loaded into a shadow database on a
                   running server of that engine, else on a throwaway server devenv
                   starts and removes (no container needed)
  --server SERVER  with --from: the config server whose engine and version to use
                   (default: the server of the config database PATH belongs to, else
                   the one of the engine PATH is written for)
  --check FILE     print nothing; exit 1 if the dump differs from FILE

In CI, fail when the committed derived schema is stale:
  devenv dump --from migrations/ --check derived_schema.sql
)HELP";

inline constexpr const char* kDiffHelp =
    R"HELP(Usage: devenv diff A B [--format text|json|sql] [--allow-destructive]
                   [--server SERVER] [--ignore PATTERN]… [--runtime native|compose]

Compares two schemas; each of A and B is one of
  - a database of the config: a key (main) or a database name (partition_002)
  - a live DSN: mysql://user:password@host:port/db (also mariadb://),
    postgres://user:password@host:port/db
  - a schema file or a folder of .sql files, loaded as it is into a shadow database
    (dropped afterwards); the schemas it creates or qualifies names with are its own
  - a migration folder (sqlx, goose, golang-migrate, Drizzle, dbmate, Flyway, Atlas),
    applied as its tool would; a config database's folder brings its other folders,
    tool and schemas along
Differences are read as "from A to B": `-` only in A, `+` only in B, `~` changed;
a side that is schema files is named by its path. --format sql writes the
statements that turn A into B, to run on A (a live database) with its engine's
client (SQLite: the script opens A's file itself, `sqlite3 -bail < fix.sql`);
destructive ones are commented out unless --allow-destructive, as for
`devenv verify --format sql`.

Schema files load into the running server --server names; else the server of the
config database they are a source of; else one of the engine of the other side;
else the Drizzle journal's dialect; else one of the engine their dialect markers say (timestamptz, jsonb, `::` for
PostgreSQL; backticks, AUTO_INCREMENT, ENGINE= for MySQL/MariaDB). Which one, and
why, is said on stderr.

  --ignore PATTERN   leave objects out (repeatable), as for `devenv verify`; the
                     config's top-level patterns and those of a config database
                     named as A or B apply too
  --include-history  compare migration tools' history tables too, as for verify

Exit: 0 the same, 1 different, 2 usage, 3 runtime error.
Example: devenv diff schemas/main.sql mysql://root:pw@127.0.0.1:3306/unkey
         devenv diff schema.sql drizzle/     (a hand-kept file against the migrations)
         devenv diff --format sql postgres://u:pw@127.0.0.1:5432/app schema.sql > fix.sql
)HELP";

inline constexpr const char* kShellHelp =
    R"HELP(Usage: devenv shell DATABASE [--root | --user NAME] [--runtime native|compose]

Opens the engine's own client (mariadb/mysql, psql or sqlite3) on DATABASE: a key from the
config (main, hydra) or a database name (partition_002). It logs in as the first user
the config grants that database, or as root with --root. A SQLite database has no
accounts: sqlite3 opens its file.
)HELP";

}  // namespace devenv::cli
