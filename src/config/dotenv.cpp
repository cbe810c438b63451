#include "config/dotenv.h"

#include <cctype>
#include <memory>

#include "config/config_error.h"
#include "util/file.h"

namespace devenv::config {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; }

class DotenvParser {
 public:
  DotenvParser(std::string_view text, const std::string& display, const Environment& environment)
      : text_(text), display_(display), environment_(environment) {}

  std::map<std::string, std::string> parse() {
    while (pos_ < text_.size()) parse_line();
    return values_;
  }

 private:
  void parse_line() {
    skip_blanks();
    if (at_line_end() || peek() == '#') return skip_line();
    if (text_.substr(pos_, 7) == "export ") {
      pos_ += 7;
      skip_blanks();
    }
    const std::size_t name_start = pos_;
    while (pos_ < text_.size() && name_char(peek())) ++pos_;
    const std::string name(text_.substr(name_start, pos_ - name_start));
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) {
      fail(name_start, "", "expected NAME=value", "names are letters, digits and _, not starting with a digit");
    }
    skip_blanks();
    if (pos_ >= text_.size() || peek() != '=') {
      fail(pos_, name, "expected = after the name", "write " + name + "=value");
    }
    ++pos_;
    skip_blanks();
    std::string value;
    if (pos_ < text_.size() && peek() == '\'') {
      value = single_quoted(name);
    } else if (pos_ < text_.size() && peek() == '"') {
      value = double_quoted(name);
    } else {
      value = unquoted(name);
    }
    values_[name] = std::move(value);
  }

  std::string single_quoted(const std::string& name) {
    const std::size_t open = pos_++;
    const std::size_t close = text_.find('\'', pos_);
    if (close == std::string_view::npos) fail(open, name, "unclosed ' quote", "end the value with '");
    std::string value(text_.substr(pos_, close - pos_));
    pos_ = close + 1;
    end_of_quoted_value(name);
    return value;
  }

  // Escapes first, then variables: `\$` stays a literal dollar.
  std::string double_quoted(const std::string& name) {
    const std::size_t open = pos_++;
    std::string template_text;
    for (;;) {
      if (pos_ >= text_.size()) fail(open, name, "unclosed \" quote", "end the value with \"");
      const char c = text_[pos_++];
      if (c == '"') break;
      if (c != '\\' || pos_ >= text_.size()) {
        template_text.push_back(c);
        continue;
      }
      const char escaped = text_[pos_++];
      switch (escaped) {
        case 'n': template_text.push_back('\n'); break;
        case 't': template_text.push_back('\t'); break;
        case '"': template_text.push_back('"'); break;
        case '\\': template_text.push_back('\\'); break;
        case '$': template_text += "$$"; break;
        default: template_text += {'\\', escaped};
      }
    }
    std::string value = expand(template_text, open, name);
    end_of_quoted_value(name);
    return value;
  }

  std::string unquoted(const std::string& name) {
    const std::size_t start = pos_;
    std::size_t end = start;
    while (end < text_.size() && text_[end] != '\n') {
      if (text_[end] == '#' && end > start && blank(text_[end - 1])) break;
      ++end;
    }
    std::size_t trimmed = end;
    while (trimmed > start && blank(text_[trimmed - 1])) --trimmed;
    const std::string value = expand(text_.substr(start, trimmed - start), start, name);
    pos_ = end;
    skip_line();
    return value;
  }

  // After a closing quote: blanks and a comment only.
  void end_of_quoted_value(const std::string& name) {
    skip_blanks();
    if (!at_line_end() && peek() != '#') {
      fail(pos_, name, "unexpected text after the closing quote", "put a comment after #, or quote the whole value");
    }
    skip_line();
  }

  std::string expand(std::string_view value, std::size_t at, const std::string& name) const {
    const Environment environment = [this](const std::string& variable) -> std::optional<std::string> {
      if (std::optional<std::string> value = environment_(variable)) return value;
      const auto defined = values_.find(variable);
      if (defined == values_.end()) return std::nullopt;
      return defined->second;
    };
    try {
      return interpolate(value, environment);
    } catch (const UnsetVariable& e) {
      fail(at, name, e.what(), "define " + e.variable + " above this line, or write ${" + e.variable + ":-default}");
    } catch (const BadReference& e) {
      fail(at, name, e.what(), "write $$ for a literal $, or quote the value with '…'");
    }
  }

  [[noreturn]] void fail(std::size_t at, const std::string& name, const std::string& message,
                         const std::string& hint) const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw ConfigError(display_ + ":" + std::to_string(line) + ":" + std::to_string(column), name, message, hint);
  }

  char peek() const { return text_[pos_]; }
  bool at_line_end() const { return pos_ >= text_.size() || peek() == '\n'; }
  void skip_blanks() {
    while (pos_ < text_.size() && blank(peek())) ++pos_;
  }
  void skip_line() {
    while (pos_ < text_.size() && peek() != '\n') ++pos_;
    if (pos_ < text_.size()) ++pos_;
  }

  std::string_view text_;
  const std::string& display_;
  const Environment& environment_;
  std::size_t pos_ = 0;
  std::map<std::string, std::string> values_;
};

}  // namespace

std::map<std::string, std::string> parse_dotenv(std::string_view text, const std::string& display,
                                                const Environment& environment) {
  return DotenvParser(text, display, environment).parse();
}

Environment project_environment(const std::filesystem::path& config_file, const Environment& environment) {
  const std::filesystem::path file = config_file.parent_path() / ".env";
  const std::optional<std::string> text = util::read_file(file);
  if (!text) return environment;
  auto values = std::make_shared<const std::map<std::string, std::string>>(
      parse_dotenv(*text, file.lexically_normal().string(), environment));
  return [environment, values](const std::string& name) -> std::optional<std::string> {
    if (std::optional<std::string> value = environment(name)) return value;
    const auto found = values->find(name);
    if (found == values->end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace devenv::config
