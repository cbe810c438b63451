#include "catalog/render.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <ostream>

namespace devenv::catalog {
namespace {

const char* sign(Change change) {
  switch (change) {
    case Change::Missing: return "-";
    case Change::Extra: return "+";
    case Change::Changed: return "~";
  }
  return "?";
}

const char* colour_of(Change change) {
  switch (change) {
    case Change::Missing: return "\033[31m";
    case Change::Extra: return "\033[32m";
    case Change::Changed: return "\033[33m";
  }
  return "";
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

void render_text(std::ostream& out, const std::vector<Difference>& differences, bool colour) {
  std::string database, object;
  for (const Difference& d : differences) {
    if (d.database != database) {
      database = d.database;
      object.clear();
      out << (colour ? "\033[1m" : "") << database << (colour ? "\033[0m" : "") << "\n";
    }
    const std::string start = colour ? colour_of(d.change) : "";
    const std::string end = colour ? "\033[0m" : "";
    const std::string label = object_label(d), part = part_name(d);
    if (part.empty()) {  // a whole object
      out << "  " << start << sign(d.change) << " " << label << end << "\n";
      object.clear();
    } else {
      if (label != object) {
        object = label;
        out << "  " << object << "\n";
      }
      out << "    " << start << sign(d.change) << " " << kind_name(d.kind) << " " << part << end << "\n";
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

void render_json(std::ostream& out, const std::vector<Difference>& differences) {
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
  document.stringify(out, 2);
  out << "\n";
}

}  // namespace devenv::catalog
