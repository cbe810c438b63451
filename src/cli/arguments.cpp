#include "cli/arguments.h"

#include <algorithm>
#include <utility>

namespace devenv::cli {

bool Arguments::flag(const std::string& name) {
  const auto it = std::find(words_.begin(), words_.end(), name);
  if (it == words_.end()) return false;
  words_.erase(it);
  return true;
}

std::optional<std::string> Arguments::option(const std::string& name) {
  for (auto it = words_.begin(); it != words_.end(); ++it) {
    if (*it == name) {
      if (it + 1 == words_.end()) throw UsageError(name + " needs a value");
      std::string value = *(it + 1);
      words_.erase(it, it + 2);
      return value;
    }
    if (it->rfind(name + "=", 0) == 0) {
      std::string value = it->substr(name.size() + 1);
      words_.erase(it);
      return value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> Arguments::positionals() {
  for (const std::string& word : words_) {
    if (word.size() > 1 && word[0] == '-') throw UsageError("unknown option " + word);
  }
  return std::exchange(words_, {});
}

void Arguments::expect_no_more() {
  if (!words_.empty()) {
    throw UsageError((words_.front()[0] == '-' ? "unknown option " : "unexpected argument ") + words_.front());
  }
}

}  // namespace devenv::cli
