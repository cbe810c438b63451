#include "schema/render.h"

#include <fmt/format.h>

#include <ostream>

namespace devenv::schema {
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

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void render_json(std::ostream& out, const std::vector<Difference>& differences) {
  out << "{\"drift\": " << (differences.empty() ? "false" : "true") << ", \"differences\": [";
  for (std::size_t i = 0; i < differences.size(); ++i) {
    const Difference& d = differences[i];
    out << (i ? ",\n  " : "\n  ") << "{\"database\": " << json_string(d.database) << ", \"object\": "
        << json_string(object_label(d)) << ", \"kind\": " << json_string(kind_name(d.kind)) << ", \"name\": "
        << json_string(part_name(d)) << ", \"change\": " << json_string(change_name(d.change))
        << ", \"expected\": " << json_string(expected_definition(d)) << ", \"actual\": " << json_string(actual_definition(d))
        << "}";
  }
  out << (differences.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace devenv::schema
