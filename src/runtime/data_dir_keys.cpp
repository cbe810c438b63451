#include "runtime/data_dir_keys.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "runtime/init_scripts.h"
#include "util/ascii_case.h"
#include "util/file.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace {

// Bumped when devenv changes how it initialises (prepare_root, the init server's
// options): entries made the old way are then never used.
// 2: the init client speaks utf8mb4 and keeps comments.
constexpr const char* kInitRecipe = "devenv init recipe 2";

// The version as a key may hold it: letters, digits, '.', '-', '_'.
std::string key_safe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    out.push_back(safe ? c : '_');
  }
  return out.substr(0, 40);
}

std::string lowercase(std::string text) { return util::ascii_lower(std::move(text)); }

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A client's include or file import at the start of a line: psql \i, \ir, \include,
// \include_relative, \copy, \lo_import; mysql `\.` and `source FILE` (one word after
// it, so that a column named source is not taken for one).
bool includes_a_file(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  for (const char* command : {"\\i", "\\ir", "\\include", "\\include_relative", "\\copy", "\\lo_import", "\\."}) {
    const std::string_view name = command;
    if (line.substr(0, name.size()) == name && (line.size() == name.size() || !is_word_char(line[name.size()]))) {
      return true;
    }
  }
  if (line.substr(0, 7) != "source " && line.substr(0, 7) != "source\t") return false;
  std::string_view file = line.substr(7);
  while (!file.empty() && std::isspace(static_cast<unsigned char>(file.back()))) file.remove_suffix(1);
  if (!file.empty() && file.back() == ';') file.remove_suffix(1);
  while (!file.empty() && (file.front() == ' ' || file.front() == '\t')) file.remove_prefix(1);
  return !file.empty() && file.find_first_of(" \t,()") == std::string_view::npos;
}

// COPY … FROM 'file' (or E'file'): the server reads a file. COPY … FROM stdin does not.
bool copies_from_a_file(std::string_view text) {
  for (std::size_t at = text.find("copy"); at != std::string_view::npos; at = text.find("copy", at + 4)) {
    if ((at > 0 && is_word_char(text[at - 1])) || (at + 4 < text.size() && is_word_char(text[at + 4]))) continue;
    const std::size_t end = std::min(text.find(';', at), text.size());
    for (std::size_t from = text.find("from", at); from < end; from = text.find("from", from + 4)) {
      std::size_t next = from + 4;
      if (next < text.size() && is_word_char(text[next])) continue;
      while (next < end && std::isspace(static_cast<unsigned char>(text[next]))) ++next;
      if (next < end && text[next] == 'e') ++next;
      if (next < end && text[next] == '\'') return true;
    }
  }
  return false;
}

// Whether an SQL file reads something besides its own bytes, which no key sees: a
// client's include or import, or a server reading a file (LOAD DATA, LOAD_FILE,
// COPY … FROM 'file', pg_read_file, lo_import). Text anywhere counts, comments and
// strings too: a false alarm costs a cache miss, a missed one stale data. No regex:
// a dump may be large.
bool reads_other_files(const std::string& sql) {
  const std::string text = lowercase(sql);
  for (const char* word : {"load data", "load xml", "load_file", "pg_read_file", "pg_read_binary_file", "lo_import"}) {
    if (text.find(word) != std::string::npos) return true;
  }
  if (copies_from_a_file(text)) return true;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    if (includes_a_file(rest.substr(0, end))) return true;
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  return false;
}

// One read of every init file: the hash of the engine version, root's credentials and
// each file's name and bytes, and whether the init depends on more than those bytes:
// a `.sh` file (the environment, other files, the time), or SQL that reads other
// files. Compressed files are hashed as bytes and taken to hold their data themselves
// (a dump's COPY … FROM stdin).
struct InitFiles {
  std::string hash;
  bool more_than_bytes = false;
  std::vector<std::pair<std::string, std::string>> files;  // name, sha256 of its bytes
};

InitFiles read_init_files(const std::filesystem::path& dir, const std::string& version,
                          const std::string& credentials) {
  InitFiles result;
  util::Sha256 hash;
  hash.update("devenv snapshot v2\n" + version + "\n" + util::sha256_hex(credentials) + "\n");
  for (const std::filesystem::path& file : init_files(dir)) {
    const std::string content = util::read_file(file).value_or("");
    hash.update(file.filename().string() + "\n" + std::to_string(content.size()) + "\n");
    hash.update(content);
    result.files.emplace_back(file.filename().string(), util::sha256_hex(content));
    if (file.extension() == ".sh" || (file.extension() == ".sql" && reads_other_files(content))) {
      result.more_than_bytes = true;
    }
  }
  result.hash = hash.hex().substr(0, 16);
  return result;
}

}  // namespace

namespace {

// charset, collation and settings: what the server is started or initialised with.
std::string server_shape(const config::Server& server) {
  std::string shape = server.charset + "\n" + server.collation;
  for (const auto& [name, value] : server.settings) shape += "\n" + name + "=" + value;
  return shape;
}

std::string credentials_of(const config::Server& server) {
  return server.root_user + std::string(1, '\0') + server.root_password.value;
}

}  // namespace

DataDirKeys data_dir_keys(const config::Server& server, const NativeEngine& engine, const std::string& version,
                          const std::filesystem::path& init_dir) {
  const std::string prefix = std::string(server.engine.name()) + "-" + key_safe(version);
  DataDirKeys keys;
  keys.bare = prefix + "-bare-" +
              util::sha256_hex(std::string("devenv bare data dir 1\n") + server.engine.name() + "\n" + version + "\n" +
                               engine.data_dir_recipe())
                  .substr(0, 16);
  const std::string shape = std::string(kInitRecipe) + "\n" + keys.bare + "\n" + server_shape(server);
  const std::string credentials = credentials_of(server);
  const InitFiles files = read_init_files(init_dir, version, credentials);
  keys.init = prefix + "-init-" + util::sha256_hex(shape + "\n" + files.hash).substr(0, 16);
  keys.setup = util::sha256_hex(shape + "\n" + util::sha256_hex(credentials)).substr(0, 16);
  // An unreadable version would let every build of the engine share entries.
  keys.init_cacheable = version != "unknown" && !files.more_than_bytes;
  keys.files = files.files;
  return keys;
}

DataDirKeys volume_keys(const config::Server& server, const std::filesystem::path& init_dir) {
  const std::string credentials = credentials_of(server);
  DataDirKeys keys;
  keys.setup = util::sha256_hex("devenv compose volume 1\n" + std::string(server.engine.name()) + "\n" + server.image +
                                "\n" + server_shape(server) + "\n" + util::sha256_hex(credentials))
                   .substr(0, 16);
  keys.files = read_init_files(init_dir, server.image, credentials).files;
  return keys;
}

}  // namespace devenv::runtime
