#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace devenv::sqltext {

// How a shadow load renders names: the source's own database, every declared database
// a statement names explicitly, and the DEFINER of MySQL views, routines and triggers.
struct ShadowNames {
  std::string_view target;                              // unquoted, as render(database) takes it
  std::map<std::string, std::string> quoted_databases;  // declared name → quoted shadow name
  std::string definer;                                  // `user`@`host` of the load's account
  // A shadow disables events (append_shadow_replacement); a shared server's database
  // (runtime = "remote"), whose names are mapped the same way, keeps them as written.
  bool disable_events = true;
};

// Text with holes where the target database's name goes. A partition template's
// schema is qualified once and then rendered for partition_001 … partition_NNN by
// concatenation, so expanding to a thousand databases costs no re-parsing.
//
// Three more kinds of hole keep their written text in init scripts and change only in a
// verify's shadow load: a declared database the source names itself (`hydra`.t), so a
// shadow load never reaches a live database, a MySQL DEFINER clause, since the
// account it names need not exist where the shadow is made, and a MySQL event's status.
class QualifiedText {
 public:
  void append(std::string_view literal) { parts_.back().append(literal); }
  void append_database_slot() { add_slot({Slot::Target, {}, {}}); }
  void append_named_database(std::string name, std::string_view written) {
    add_slot({Slot::NamedDatabase, std::move(name), std::string(written)});
  }
  void append_definer(std::string_view written) { add_slot({Slot::Definer, {}, std::string(written)}); }
  // Text a shadow load replaces with `shadow`: a MySQL event's status clause becomes
  // DISABLE there, so that no event body ever runs in a shadow, whatever the server's
  // event_scheduler. What the source wrote is kept by note_event_status.
  void append_shadow_replacement(std::string_view written, std::string shadow) {
    add_slot({Slot::ShadowReplacement, std::move(shadow), std::string(written)});
  }
  // The status (ENABLE, DISABLE, DISABLE ON SLAVE) the statement gives event `name`.
  void note_event_status(std::string name, std::string status) { event_status_ = {std::move(name), std::move(status)}; }
  // {event, status}; the event is "" when the statement sets no event's status.
  const std::pair<std::string, std::string>& event_status() const { return event_status_; }
  // Records that `written` became `replacement` in the text (a collation the server
  // lacks, mapped to its own): build says so once per file.
  void note_replacement(std::string written, std::string replacement) {
    replacements_.emplace_back(std::move(written), std::move(replacement));
  }
  const std::vector<std::pair<std::string, std::string>>& replacements() const { return replacements_; }

  // Init scripts: the target is `database`, everything else stays as written.
  std::string render(std::string_view database) const;
  void render_to(std::string& out, std::string_view database) const;
  // A shadow load: every hole is mapped to the shadow set.
  std::string render(const ShadowNames& names) const;

  // The declared databases the text names explicitly (duplicates possible).
  std::vector<std::string> named_databases() const;

 private:
  struct Slot {
    enum Kind { Target, NamedDatabase, Definer, ShadowReplacement } kind;
    std::string name;     // NamedDatabase: its value, unquoted; ShadowReplacement: the shadow's text
    std::string written;  // as the source wrote it
  };

  void add_slot(Slot slot) {
    slots_.push_back(std::move(slot));
    parts_.emplace_back();
  }
  std::string_view shadow_text(const Slot& slot, const ShadowNames& names) const;

  std::vector<std::string> parts_{std::string()};  // literal, slot, literal, slot, …, literal
  std::vector<Slot> slots_;                        // parts_.size() == slots_.size() + 1
  std::vector<std::pair<std::string, std::string>> replacements_;
  std::pair<std::string, std::string> event_status_;
};

}  // namespace devenv::sqltext
