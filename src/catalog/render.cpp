#include "catalog/render.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <fmt/color.h>

#include <ostream>

namespace devenv::catalog {
namespace {

// Whether a fix adds what the difference names (else it drops or changes it).
bool fix_adds(Change change, FixDirection direction) {
  return change == (direction == FixDirection::ActualToExpected ? Change::Missing : Change::Extra);
}

const char* sign(Change change, FixDirection direction) {
  if (change == Change::Changed) return "~";
  return fix_adds(change, direction) ? "+" : "-";
}

fmt::text_style style_of(Change change, FixDirection direction) {
  if (change == Change::Changed) return fmt::fg(fmt::terminal_color::yellow);
  return fmt::fg(fix_adds(change, direction) ? fmt::terminal_color::green : fmt::terminal_color::red);
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += prefix;
  }
  return out;
}

}  // namespace

void render_text(std::ostream& out, const std::vector<Difference>& differences, bool colour, FixDirection direction) {
  const auto styled = [colour](const fmt::text_style& style, const std::string& text) {
    return colour ? fmt::format(style, "{}", text) : text;
  };
  std::string database, object;
  for (const Difference& d : differences) {
    if (d.database != database) {
      database = d.database;
      object.clear();
      out << styled(fmt::emphasis::bold, database) << "\n";
    }
    const fmt::text_style style = style_of(d.change, direction);
    const std::string label = object_label(d), part = part_name(d);
    if (part.empty()) {  // a whole object
      out << "  " << styled(style, std::string(sign(d.change, direction)) + " " + label) << "\n";
      object.clear();
    } else {
      if (label != object) {
        object = label;
        out << "  " << object << "\n";
      }
      out << "    " << styled(style, std::string(sign(d.change, direction)) + " " + kind_name(d.kind) + " " + part)
          << "\n";
    }
    const std::string pad = part.empty() ? "      " : "        ";
    if (d.change == Change::Changed) {
      out << pad << "expected: " << indent(expected_definition(d), pad + "          ") << "\n";
      out << pad << "actual:   " << indent(actual_definition(d), pad + "          ") << "\n";
    } else if (!part.empty()) {
      out << pad << indent(d.change == Change::Missing ? expected_definition(d) : actual_definition(d), pad) << "\n";
    }
  }
}

std::string sign_legend(FixDirection direction) {
  return direction == FixDirection::ActualToExpected
             ? "+ in the schema files, not in the database (a fix adds it); - in the database only (a fix drops "
               "it); ~ differs"
             : "+ only in B (a fix of A adds it); - only in A (a fix drops it); ~ differs";
}

void render_json(std::ostream& out, const std::vector<Difference>& differences,
                 const std::optional<std::vector<UnmanagedDatabase>>& unmanaged) {
  Poco::JSON::Array list;
  for (const Difference& d : differences) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("database", d.database);
    item.set("object", object_label(d));
    item.set("kind", kind_name(d.kind));
    item.set("name", part_name(d));
    item.set("change", change_name(d.change));
    item.set("expected", expected_definition(d));
    item.set("actual", actual_definition(d));
    list.add(item);
  }
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("drift", !differences.empty());
  document.set("differences", list);
  if (unmanaged) {
    Poco::JSON::Array databases;
    for (const UnmanagedDatabase& database : *unmanaged) {
      Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
      item.set("server", database.server);
      item.set("database", database.database);
      databases.add(item);
    }
    document.set("unmanaged_databases", databases);
  }
  document.stringify(out, 2);
  out << "\n";
}

}  // namespace devenv::catalog
