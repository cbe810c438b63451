#include "adopt/compose_text.h"

#include <cctype>

#include "config/interpolate.h"

namespace devenv::adopt {

namespace {

using config::closing_brace;

bool has_default(const std::string& operation) { return operation == ":-" || operation == "-"; }

}  // namespace

ComposeText::ComposeText(std::string_view text) {
  const auto literal = [this](std::string_view piece) {
    if (parts_.empty() || parts_.back().is_reference) parts_.push_back({});
    parts_.back().text += piece;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      literal(text.substr(i, 1));
      continue;
    }
    const std::string_view rest = text.substr(i + 1);
    if (!rest.empty() && rest[0] == '$') {
      literal("$");
      ++i;
    } else if (!rest.empty() && rest[0] == '{') {
      const std::size_t close = closing_brace(text, i + 2);
      if (close == std::string_view::npos) throw std::invalid_argument("unclosed ${ in \"" + std::string(text) + "\"");
      const std::string_view body = text.substr(i + 2, close - i - 2);
      const std::size_t length = config::variable_name_length(body);
      Part part{true, std::string(body.substr(0, length)), "", ""};
      std::string_view after = body.substr(length);
      for (const std::string_view operation : {":-", ":?", ":+", "-", "?", "+"}) {
        if (after.starts_with(operation)) {
          part.operation.assign(operation.data(), operation.size());
          break;
        }
      }
      if (length == 0 || (part.operation.empty() && !after.empty())) {
        throw std::invalid_argument("\"${" + std::string(body) + "}\" is not a variable reference");
      }
      part.word = std::string(after.substr(part.operation.size()));
      parts_.push_back(part);
      i = close;
    } else if (const std::size_t length = config::variable_name_length(rest); length > 0) {
      parts_.push_back({true, std::string(rest.substr(0, length)), "", ""});
      i += length;
    } else {
      throw std::invalid_argument("a $ that starts no variable in \"" + std::string(text) + "\" (write $$ for a $)");
    }
  }
}

std::string ComposeText::unset_value() const {
  std::string out;
  for (const Part& part : parts_) {
    if (!part.is_reference) {
      out += part.text;
    } else if (has_default(part.operation)) {
      out += ComposeText(part.word).unset_value();
    }
  }
  return out;
}

bool ComposeText::has_variables() const {
  for (const Part& part : parts_) {
    if (part.is_reference) return true;
  }
  return false;
}

std::vector<std::string> ComposeText::variables_without_default() const {
  std::vector<std::string> out;
  for (const Part& part : parts_) {
    if (part.is_reference && !has_default(part.operation) && part.operation.find('+') == std::string::npos) {
      out.push_back(part.text);
    }
  }
  return out;
}

std::string ComposeText::config_text(const std::string& fallback) const {
  std::string out;
  for (const Part& part : parts_) {
    if (!part.is_reference) {
      out += literal_dollars(part.text);
    } else if (part.operation.find('+') != std::string::npos) {
      continue;  // unset: empty, and config.toml has no ${VAR:+…}
    } else {
      const std::string value = has_default(part.operation) ? ComposeText(part.word).unset_value() : fallback;
      out += "${" + part.text + ":-" + literal_dollars(value) + "}";
    }
  }
  return out;
}

std::string literal_dollars(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '$' ? "$$" : std::string(1, c);
  return out;
}

}  // namespace devenv::adopt
