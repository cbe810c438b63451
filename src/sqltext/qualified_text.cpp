#include "sqltext/qualified_text.h"

namespace devenv::sqltext {

void QualifiedText::render_to(std::string& out, std::string_view database) const {
  out.append(parts_.front());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    out.append(slots_[i].kind == Slot::Target ? database : std::string_view(slots_[i].written));
    out.append(parts_[i + 1]);
  }
}

std::string QualifiedText::render(std::string_view database) const {
  std::string out;
  render_to(out, database);
  return out;
}

std::string_view QualifiedText::shadow_text(const Slot& slot, const ShadowNames& names) const {
  switch (slot.kind) {
    case Slot::Target: return names.target;
    case Slot::Definer: return names.definer;
    case Slot::ShadowReplacement: return names.disable_events ? std::string_view(slot.name) : slot.written;
    case Slot::NamedDatabase: break;
  }
  // A name without a shadow stays as written: the load's account may not touch it,
  // so the server refuses the statement instead of writing to a live database.
  const auto found = names.quoted_databases.find(slot.name);
  return found == names.quoted_databases.end() ? std::string_view(slot.written) : std::string_view(found->second);
}

std::string QualifiedText::render(const ShadowNames& names) const {
  std::string out = parts_.front();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    out.append(shadow_text(slots_[i], names));
    out.append(parts_[i + 1]);
  }
  return out;
}

std::vector<std::string> QualifiedText::named_databases() const {
  std::vector<std::string> out;
  for (const Slot& slot : slots_) {
    if (slot.kind == Slot::NamedDatabase) out.push_back(slot.name);
  }
  return out;
}

}  // namespace devenv::sqltext
