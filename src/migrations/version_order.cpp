#include "migrations/version_order.h"

#include "migrations/version_numbers.h"

namespace devenv::migrations {
namespace {

// Readers only keep migrations whose versions parse, so these never see nullopt.
std::int64_t signed_version(const Migration& migration) { return parse_int64(migration.version).value_or(0); }
std::uint64_t unsigned_version(const Migration& migration) { return parse_uint64(migration.version).value_or(0); }

bool flyway_applies_before(const Migration& a, const Migration& b) {
  if (a.repeatable != b.repeatable) return !a.repeatable;  // repeatables run after every versioned one
  if (a.repeatable) return a.description < b.description;
  return compare_flyway_versions(a.version, b.version) < 0;
}

}  // namespace

bool applies_before(Tool tool, const Migration& a, const Migration& b) {
  switch (tool) {
    case Tool::Sqlx:
    case Tool::Goose: return signed_version(a) < signed_version(b);
    case Tool::GolangMigrate: return unsigned_version(a) < unsigned_version(b);
    case Tool::Dbmate:
    case Tool::Atlas: return a.path.filename().string() < b.path.filename().string();
    case Tool::Flyway: return flyway_applies_before(a, b);
    case Tool::Drizzle: return false;
  }
  return false;
}

std::optional<std::string> version_key(Tool tool, const Migration& migration) {
  switch (tool) {
    case Tool::Sqlx:
    case Tool::Goose: return std::to_string(signed_version(migration));
    case Tool::GolangMigrate: return std::to_string(unsigned_version(migration));
    case Tool::Dbmate:
    case Tool::Atlas: return migration.version;
    case Tool::Flyway:
      return migration.repeatable ? "R__" + migration.description : canonical_flyway_version(migration.version);
    case Tool::Drizzle: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace devenv::migrations
