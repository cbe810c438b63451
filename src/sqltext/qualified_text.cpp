#include "sqltext/qualified_text.h"

namespace devenv::sqltext {

void QualifiedText::render_to(std::string& out, std::string_view database) const {
  out.append(parts_.front());
  for (std::size_t i = 1; i < parts_.size(); ++i) {
    out.append(database);
    out.append(parts_[i]);
  }
}

std::string QualifiedText::render(std::string_view database) const {
  std::string out;
  render_to(out, database);
  return out;
}

}  // namespace devenv::sqltext
