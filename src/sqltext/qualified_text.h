#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devenv::sqltext {

// Text with holes where the target database's name goes. A partition template's
// schema is qualified once and then rendered for partition_001 … partition_NNN by
// concatenation, so expanding to a thousand databases costs no re-parsing.
class QualifiedText {
 public:
  void append(std::string_view literal) { parts_.back().append(literal); }
  void append_database_slot() { parts_.emplace_back(); }

  std::string render(std::string_view database) const;
  void render_to(std::string& out, std::string_view database) const;

 private:
  std::vector<std::string> parts_{std::string()};  // literal, slot, literal, slot, …, literal
};

}  // namespace devenv::sqltext
