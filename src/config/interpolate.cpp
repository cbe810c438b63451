#include "config/interpolate.h"

#include <cctype>
#include <cstdlib>

namespace devenv::config {

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
}

namespace {

class Interpolator {
 public:
  explicit Interpolator(const Environment& environment) : environment_(environment) {}

  std::string expand(std::string_view text) const {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '$') {
        out.push_back(text[i]);
        continue;
      }
      const std::string_view rest = text.substr(i + 1);
      if (!rest.empty() && rest[0] == '$') {
        out.push_back('$');
        i += 1;
      } else if (!rest.empty() && rest[0] == '{') {
        const std::size_t close = closing_brace(text, i + 2);
        if (close == std::string_view::npos) {
          throw BadReference("unclosed ${ in \"" + std::string(text) + "\"");
        }
        out += braced(text.substr(i + 2, close - i - 2));
        i = close;
      } else if (const std::size_t length = variable_name_length(rest); length > 0) {
        out += plain(std::string(rest.substr(0, length)));
        i += length;
      } else {
        throw BadReference("a $ that starts no variable in \"" + std::string(text) +
                           "\"; a variable is $NAME or ${NAME}");
      }
    }
    return out;
  }

 private:
  std::string plain(const std::string& name) const {
    std::optional<std::string> value = environment_(name);
    if (!value) throw UnsetVariable(name);
    return *value;
  }

  // The inside of ${…}: NAME, then nothing or one of :- - :? ? :+ + and a word.
  std::string braced(std::string_view body) const {
    const std::size_t length = variable_name_length(body);
    if (length == 0 || (length < body.size() && body[length] != ':' && body[length] != '-' && body[length] != '?' &&
                        body[length] != '+')) {
      throw BadReference("\"${" + std::string(body) +
                         "}\" is not ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message} or "
                         "${NAME:+other}");
    }
    const std::string name(body.substr(0, length));
    const std::optional<std::string> value = environment_(name);
    if (length == body.size()) {
      if (!value) throw UnsetVariable(name, "${" + name + "} is not set and has no default");
      return *value;
    }
    std::string_view op = body.substr(length, 1);
    if (op == ":") {
      op = body.substr(length, 2);
      if (op.size() < 2 || (op[1] != '-' && op[1] != '?' && op[1] != '+')) {
        throw BadReference("\"${" + std::string(body) + "}\": after \"" + name + ":\" comes -, ? or +");
      }
    }
    const std::string_view word = body.substr(length + op.size());
    const bool colon = op.size() == 2;
    // With a colon, an empty value counts as unset, as in the shell.
    const bool set = value && (!colon || !value->empty());
    switch (op.back()) {
      case '-': return set ? *value : expand(word);
      case '+': return set ? expand(word) : std::string();
      default: {  // '?'
        if (set) return *value;
        const std::string message = expand(word);
        throw UnsetVariable(
            name, "${" + name + "} is " + (value ? "empty" : "not set") + (message.empty() ? "" : ": " + message));
      }
    }
  }

  const Environment& environment_;
};

}  // namespace

static bool starts_name(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
static bool continues_name(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::size_t variable_name_length(std::string_view text) {
  if (text.empty() || !starts_name(text[0])) return 0;
  std::size_t n = 1;
  while (n < text.size() && continues_name(text[n])) ++n;
  return n;
}

// The position of the `}` that closes a `${` whose body starts at `from`, counting
// the braces of nested `${…}` in a default.
std::size_t closing_brace(std::string_view text, std::size_t from) {
  int depth = 0;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      ++i;
    } else if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (text[i] == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string interpolate(std::string_view text, const Environment& environment) {
  return Interpolator(environment).expand(text);
}

}  // namespace devenv::config
