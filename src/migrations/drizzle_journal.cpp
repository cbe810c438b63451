#include "migrations/drizzle_journal.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "migrations/text_lines.h"
#include "sqltext/source_error.h"

namespace devenv::migrations {
namespace {

constexpr const char* kShapeHint =
    "drizzle-kit writes it as {\"dialect\": …, \"entries\": [{\"idx\": 0, \"when\": …, \"tag\": \"0000_name\", "
    "\"breakpoints\": true}]}; run `drizzle-kit generate` or restore the file from version control";

Poco::JSON::Object::Ptr parse_object(std::string_view text, const std::string& display) {
  try {
    Poco::Dynamic::Var document = Poco::JSON::Parser().parse(std::string(text));
    if (document.type() == typeid(Poco::JSON::Object::Ptr)) return document.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw sqltext::SourceError({display, 1, 1}, "the Drizzle journal is not valid JSON: " + e.displayText(),
                               kShapeHint);
  }
  throw sqltext::SourceError({display, 1, 1}, "the Drizzle journal is not a JSON object", kShapeHint);
}

// Poco keeps no positions, so the tag's own text is looked up (the n-th time for a tag
// listed more than once); JSON escapes in a tag leave the entry at 1:1.
void locate(DrizzleJournalEntry& entry, std::string_view text, std::size_t& search_from) {
  const std::string quoted = "\"" + entry.tag + "\"";
  const std::size_t at = text.find(quoted, search_from);
  if (at == std::string_view::npos) return;
  entry.line = line_at(text, at);
  entry.column = column_at(text, at);
  search_from = at + quoted.size();
}

// Drizzle runs every entry whose `when` is newer than the newest it recorded, so devenv
// records it exactly: an entry without a whole number there is refused.
std::int64_t when_of(const Poco::JSON::Object& item, const DrizzleJournalEntry& entry, const std::string& display) {
  const sqltext::SourceLocation where{display, entry.line, entry.column};
  if (!item.has("when") || !item.get("when").isInteger()) {
    throw sqltext::SourceError(where, "the entry \"" + entry.tag + "\" has no whole number \"when\"", kShapeHint);
  }
  try {
    return item.getValue<std::int64_t>("when");
  } catch (const Poco::Exception&) {
    throw sqltext::SourceError(where, "the entry \"" + entry.tag + "\" has a \"when\" out of range", kShapeHint);
  }
}

}  // namespace

DrizzleJournal read_drizzle_journal(std::string_view text, const std::string& display) {
  const Poco::JSON::Object::Ptr root = parse_object(text, display);
  DrizzleJournal journal;
  if (root->has("dialect") && root->get("dialect").isString()) journal.dialect = root->getValue<std::string>("dialect");
  const Poco::JSON::Array::Ptr entries = root->getArray("entries");
  if (!entries) throw sqltext::SourceError({display, 1, 1}, "the Drizzle journal has no \"entries\" list", kShapeHint);
  std::size_t search_from = 0;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const Poco::JSON::Object::Ptr item = entries->getObject(static_cast<unsigned>(i));
    if (!item || !item->has("tag") || !item->get("tag").isString()) {
      throw sqltext::SourceError(
          {display, 1, 1}, "entry " + std::to_string(i) + " of the Drizzle journal has no \"tag\" string", kShapeHint);
    }
    DrizzleJournalEntry entry{item->getValue<std::string>("tag")};
    locate(entry, text, search_from);
    entry.when = when_of(*item, entry, display);
    journal.entries.push_back(std::move(entry));
  }
  return journal;
}

}  // namespace devenv::migrations
