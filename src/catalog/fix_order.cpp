// The order of a fix's statements: by step, then by what reads what (docs/fix-sql.md).
#include "catalog/fix_order.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "util/ascii_case.h"

namespace devenv::catalog {
namespace {

bool drops(Step step) { return step == Step::DropViews || step == Step::DropTables; }

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// Kahn's algorithm over one step's statements, the earliest ready one first.
std::vector<PlannedStatement> by_what_they_read(std::vector<PlannedStatement> group) {
  const std::size_t n = group.size();
  std::vector<std::vector<std::string>> names(n);
  for (std::size_t i = 0; i < n; ++i) names[i] = mentioned_names(group[i].reads);
  const bool dropping = drops(group.front().statement.step);
  // before[i]: the statements that must come before statement i.
  std::multimap<std::string, std::size_t> made_by;  // object → the statements that make or drop it
  for (std::size_t j = 0; j < n; ++j) {
    if (!group[j].object.empty()) made_by.emplace(group[j].object, j);
  }
  std::vector<std::vector<std::size_t>> before(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string& name : names[i]) {  // i reads what j makes or drops
      for (auto [at, end] = made_by.equal_range(name); at != end; ++at) {
        const std::size_t j = at->second;
        if (group[i].object == group[j].object) continue;
        if (dropping) {
          before[j].push_back(i);
        } else {
          before[i].push_back(j);
        }
      }
    }
  }
  std::vector<bool> placed(n, false);
  std::vector<PlannedStatement> out;
  while (out.size() < n) {
    std::size_t next = n;
    for (std::size_t i = 0; i < n && next == n; ++i) {
      if (placed[i]) continue;
      const bool ready = std::all_of(before[i].begin(), before[i].end(), [&](std::size_t j) { return placed[j]; });
      if (ready) next = i;
    }
    if (next == n) next = std::find(placed.begin(), placed.end(), false) - placed.begin();  // a cycle
    placed[next] = true;
    out.push_back(std::move(group[next]));
  }
  return out;
}

}  // namespace

std::vector<std::string> mentioned_names(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '`') {
      std::string name;
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (text[j] == c) {
          if (j + 1 < text.size() && text[j + 1] == c) {
            name.push_back(c);
            ++j;
            continue;
          }
          break;
        }
        name.push_back(text[j]);
      }
      out.push_back(name);
      i = j + 1;
    } else if (identifier_char(c)) {
      std::size_t j = i;
      while (j < text.size() && identifier_char(text[j])) ++j;
      std::string name = text.substr(i, j - i);
      out.push_back(name);
      out.push_back(util::ascii_lower(name));
      i = j;
    } else {
      ++i;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool mentions(const std::vector<std::string>& names, const std::string& name) {
  return std::binary_search(names.begin(), names.end(), name);
}

std::vector<PlannedStatement> in_fix_order(std::vector<PlannedStatement> statements) {
  std::map<Step, std::vector<PlannedStatement>> steps;
  for (PlannedStatement& statement : statements) steps[statement.statement.step].push_back(std::move(statement));
  std::vector<PlannedStatement> out;
  for (auto& [step, group] : steps) {
    for (PlannedStatement& statement : by_what_they_read(std::move(group))) out.push_back(std::move(statement));
  }
  return out;
}

}  // namespace devenv::catalog
