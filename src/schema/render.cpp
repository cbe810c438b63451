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
    if (d.name.empty()) {  // a whole object
      out << "  " << start << sign(d.change) << " " << d.object << end << "\n";
      object.clear();
    } else {
      if (d.object != object) {
        object = d.object;
        out << "  " << object << "\n";
      }
      out << "    " << start << sign(d.change) << " " << d.kind << " " << d.name << end << "\n";
    }
    const std::string pad = d.name.empty() ? "      " : "        ";
    if (d.change == Change::Changed) {
      out << pad << "expected: " << indent(d.expected, pad + "          ") << "\n";
      out << pad << "actual:   " << indent(d.actual, pad + "          ") << "\n";
    } else if (!d.name.empty()) {
      out << pad << indent(d.change == Change::Missing ? d.expected : d.actual, pad) << "\n";
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
        << json_string(d.object) << ", \"kind\": " << json_string(d.kind) << ", \"name\": " << json_string(d.name)
        << ", \"change\": " << json_string(change_name(d.change)) << ", \"expected\": " << json_string(d.expected)
        << ", \"actual\": " << json_string(d.actual) << "}";
  }
  out << (differences.empty() ? "]}\n" : "\n]}\n");
}

}  // namespace devenv::schema
