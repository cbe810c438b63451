#include "migrations/up_script.h"

#include "migrations/tool_scripts.h"

namespace devenv::migrations {

UpScript up_script(Tool tool, std::string_view text, const std::string& display) {
  switch (tool) {
    case Tool::Goose: return goose_up_script(text, display);
    case Tool::Dbmate: return dbmate_up_script(text, display);
    case Tool::Drizzle: return drizzle_up_script(text, display);
    case Tool::Sqlx:
    case Tool::GolangMigrate:
    case Tool::Flyway:
    case Tool::Atlas: return whole_file_up_script(tool, text, display);
  }
  return whole_file_up_script(tool, text, display);
}

}  // namespace devenv::migrations
