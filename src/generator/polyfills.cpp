#include "generator/polyfills.h"

#include <fmt/format.h>

#include <algorithm>

namespace devenv::generator {

namespace {

// RFC 9562 UUIDv7: 48 bits of Unix milliseconds, the version, 12 bits of the
// sub-millisecond fraction (its §6.2 "method 3", which keeps one session's values in
// time order at microsecond steps, as PostgreSQL 18's own does), the variant, and
// random bits from gen_random_uuid() (built in since PostgreSQL 13). `shift` moves the
// timestamp, as the built-in's optional argument does.
constexpr const char* kUuidv7 =
    R"sql(CREATE OR REPLACE FUNCTION public.uuidv7(shift interval DEFAULT '0 seconds') RETURNS uuid
LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $body$
DECLARE
  micros bigint := floor(extract(epoch FROM clock_timestamp() + shift) * 1000000)::bigint;
  fraction int := ((micros % 1000) * 4096 / 1000)::int;
  bytes bytea := uuid_send(gen_random_uuid());
BEGIN
  bytes := overlay(bytes PLACING substring(int8send(micros / 1000) FROM 3) FROM 1 FOR 6);
  bytes := set_byte(bytes, 6, 112 | (fraction >> 8));
  bytes := set_byte(bytes, 7, fraction & 255);
  bytes := set_byte(bytes, 8, (get_byte(bytes, 8) & 63) | 128);
  RETURN encode(bytes, 'hex')::uuid;
END
$body$)sql";

constexpr const char* kUuidv4 =
    "CREATE OR REPLACE FUNCTION public.uuidv4() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS "
    "$body$SELECT gen_random_uuid()$body$";

struct Definition {
  std::string_view name;
  std::string_view signature;  // as to_regprocedure and COMMENT ON FUNCTION name it
  const char* create;
  int added_in;  // the PostgreSQL major version that has it built in
};

constexpr Definition kDefinitions[] = {
    {"uuidv7", "uuidv7(interval)", kUuidv7, 18},
    {"uuidv4", "uuidv4()", kUuidv4, 18},
};

const Definition* definition(std::string_view name) {
  for (const Definition& one : kDefinitions) {
    if (one.name == name) return &one;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> polyfills_needed(const config::Server& server, const config::Database& database,
                                          const std::vector<CompiledSource>& compiled) {
  std::vector<std::string> out;
  // A source that defines the function itself keeps its own: a second one with the same
  // name would make calls to it ambiguous.
  const auto defined = [&](const std::string& name) {
    return std::any_of(compiled.begin(), compiled.end(),
                       [&](const CompiledSource& source) { return source.defines.contains(name); });
  };
  const auto add = [&](const std::string& name) {
    if (server.engine.has_polyfill(name) && !defined(name) && std::find(out.begin(), out.end(), name) == out.end())
      out.push_back(name);
  };
  for (const std::string& name : database.polyfills) add(name);
  for (const CompiledSource& source : compiled) {
    for (const std::string& name : source.calls) add(name);
  }
  return out;
}

std::string polyfill_sql(std::string_view name) {
  const Definition* found = definition(name);
  if (!found) return "";
  // The dollar tags differ from the body's: one quote may not end another.
  return fmt::format(
      "DO $devenv_polyfill$\nBEGIN\n  IF to_regprocedure('pg_catalog.{0}') IS NULL THEN\n"
      "    EXECUTE $create${1}$create$;\n"
      "    EXECUTE $comment$COMMENT ON FUNCTION public.{0} IS '{2}: PostgreSQL {3} has it built in'$comment$;\n"
      "  END IF;\nEND\n$devenv_polyfill$;\n",
      found->signature, found->create, kPolyfillComment, found->added_in);
}

std::string polyfill_notice(const config::Database& database, std::string_view name) {
  const Definition* found = definition(name);
  return fmt::format("{}: defines public.{}() where the server lacks it (built in from PostgreSQL {}): {}",
                     database.key, name, found ? found->added_in : 0,
                     std::find(database.polyfills.begin(), database.polyfills.end(), name) != database.polyfills.end()
                         ? "config.toml's polyfills"
                         : "its sources call it");
}

}  // namespace devenv::generator
