// What is in the way of a PostgreSQL fix, and what goes with a table made again
// (fix_dependents.h, docs/fix-sql.md).
#include "catalog/fix_dependents.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "catalog/dialect_writer.h"
#include "catalog/mysql_ddl.h"
#include "catalog/postgres_ddl.h"
#include "catalog/postgres_fix.h"

namespace devenv::catalog {
namespace {

// A name something depends on, why it is in the way, and whether only a destructive
// statement puts it there (then what it brings is kept out with that statement).
struct Blocker {
  std::string why;
  bool destructive = false;
};

class Dependents {
 public:
  Dependents(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
             const ComparedPair& models, bool allow_destructive)
      : planned_(planned), differences_(differences), models_(models), allow_destructive_(allow_destructive) {
    for (const Difference& d : differences) {
      differenced_.insert(std::make_tuple(d.kind, d.space, d.table, d.name));
      differenced_.insert(std::make_tuple(d.kind, d.space, std::string(), d.name));
    }
  }

  void add() {
    rebuild_where_columns_cannot_go();
    collect_blockers();
    routines_on_rebuilt_tables();
    views_in_the_way();
    triggers_in_the_way();
    policies_in_the_way();
    callers_of_remade_routines();
    keys_on_dropped_unique_indexes();
    for (const std::string& table : rebuilt_) rebuilt_table(table);
    if (allow_destructive_) drop_parts_of_rebuilt_tables();
    comments_of_remade_objects();
  }

 private:
  // A table made again in this run: with --allow-destructive (without, that is kept
  // out and the table's parts are changed in place).
  bool remade_now(const std::string& table) const { return allow_destructive_ && rebuilt_.count(table) > 0; }

  void block(const std::string& name, const std::string& why, bool destructive) {
    const auto found = blockers_.find(name);
    if (found == blockers_.end()) {
      blockers_.emplace(name, Blocker{why, destructive});
    } else if (found->second.destructive && !destructive) {
      found->second = Blocker{why, false};
    }
  }

  // The blocker among `names`, the one that needs no destructive statement first.
  const std::pair<const std::string, Blocker>* blocker_in(const std::vector<std::string>& names) const {
    const std::pair<const std::string, Blocker>* out = nullptr;
    for (const auto& entry : blockers_) {
      if (!mentions(names, entry.first)) continue;
      if (!out || (out->second.destructive && !entry.second.destructive)) out = &entry;
    }
    return out;
  }

  // Whether a difference is about this object (any table's, when `table` is empty).
  bool has_difference(Kind kind, const std::string& space, const std::string& table, const std::string& name) const {
    return differenced_.count(std::make_tuple(kind, space, table, name)) > 0;
  }

  void push(Statement statement, const std::string& heading, const std::string& object, const std::string& reads,
            const Blocker& because) {
    if (because.destructive) {
      statement.destructive = true;
      if (statement.needs.empty()) statement.needs = because.why;
    }
    planned_.push_back({std::move(statement), heading, object, reads, nullptr});
  }

  // PostgreSQL adds a column last: when a new column goes between others, only making
  // the table again puts it where the schema files do.
  void rebuild_where_columns_cannot_go() {
    std::set<std::pair<std::string, std::string>> seen;
    for (const Difference& d : differences_) {
      if (d.kind == Kind::ColumnOrder) rebuilt_.insert(d.table);
      const bool remade =
          d.kind == Kind::Column && d.change == Change::Changed && allow_destructive_ &&
          postgres_column_made_again(std::get<Column>(d.expected->detail), std::get<Column>(d.actual->detail));
      const bool added = d.kind == Kind::Column && d.change == Change::Missing;
      if (!(added || remade) || !seen.insert({d.space, d.table}).second) continue;
      if (has_difference(Kind::ColumnOrder, d.space, d.table, "")) continue;
      const Table* want = find_table(models_.expected, d.space, d.table);
      const Table* have = find_table(models_.actual, d.space, d.table);
      if (!want || !have || appended_order_holds(*want, *have)) continue;
      Difference order{Kind::ColumnOrder, Change::Changed, d.database, d.space, d.table, "", {}, {}};
      order.expected =
          Element{"column order", "", "",
                  ColumnOrder{{}, {}, postgres_create_table({d.space, {}, {}, {}, {}, {}, {}, {}, {}, {}}, *want)}};
      const std::string heading = "changed: table " + (d.space == "public" ? "" : d.space + ".") + d.table +
                                  " column order (PostgreSQL adds a column last: the table is made again)";
      for (Statement& statement : postgres_fix(order, &models_)) {
        const bool table_step = statement.step == Step::CreateTables || statement.step == Step::DropTables;
        // A drop waits for the tables that reference this one: it reads their keys.
        const std::string reads = statement.step == Step::DropTables ? foreign_key_text(*have) : statement.sql;
        planned_.push_back({statement, heading, table_step ? d.table : "", reads, nullptr});
      }
      rebuilt_.insert(d.table);
    }
  }

  // The columns the table will have, in the order they will be in: the ones it keeps,
  // then the new ones appended. Holds when that is the schema files' order.
  bool appended_order_holds(const Table& want, const Table& have) const {
    std::set<std::string> wanted;
    for (const Element& column : want.columns) wanted.insert(column.name);
    std::vector<std::string> will_have;
    std::set<std::string> kept;
    for (const Element& column : have.columns) {
      const auto remade = std::find_if(want.columns.begin(), want.columns.end(), [&](const Element& w) {
        return w.name == column.name &&
               postgres_column_made_again(std::get<Column>(w.detail), std::get<Column>(column.detail));
      });
      if (allow_destructive_ && remade != want.columns.end()) continue;  // dropped, then added last
      if (!allow_destructive_ || wanted.count(column.name)) {
        will_have.push_back(column.name);
        kept.insert(column.name);
      }
    }
    for (const Element& column : want.columns) {
      if (!kept.count(column.name)) will_have.push_back(column.name);
    }
    std::vector<std::string> in_want_order, in_final_order;
    for (const Element& column : want.columns) in_want_order.push_back(column.name);
    for (const std::string& name : will_have) {
      if (wanted.count(name)) in_final_order.push_back(name);
    }
    return in_want_order == in_final_order;
  }

  void collect_blockers() {
    for (const std::string& table : rebuilt_) block(table, "table " + table + " is made again", true);
    for (const Difference& d : differences_) {
      switch (d.kind) {
        case Kind::Column: column_blocker(d); break;
        case Kind::Table:
          if (d.change == Change::Extra) block(d.table, "table " + d.table + " is dropped", true);
          break;
        case Kind::View:
          if (d.actual) block(d.name, "view " + d.name + " is dropped or made again", false);
          break;
        case Kind::Routine:
          if (d.actual && (d.change == Change::Extra || !replaces_in_place(d))) {
            block(std::get<Routine>(d.actual->detail).name, "routine " + d.name + " is dropped or made again", false);
            if (d.change == Change::Changed) remade_routines_.insert(std::get<Routine>(d.actual->detail).name);
          }
          break;
        case Kind::EnumType: enum_blocker(d); break;
        default: break;
      }
    }
  }

  void column_blocker(const Difference& d) {
    if (d.change == Change::Extra) block(d.table, "column " + d.table + "." + d.name + " is dropped", true);
    if (d.change != Change::Changed) return;
    const Column& want = std::get<Column>(d.expected->detail);
    const Column& have = std::get<Column>(d.actual->detail);
    if (postgres_column_made_again(want, have)) {
      block(d.table, "column " + d.table + "." + d.name + " is made again", true);
    } else if (want.type != have.type || want.collation != have.collation) {
      block(d.table, "column " + d.table + "." + d.name + " changes type", false);
      retyped_tables_.insert({d.space, d.table});
    }
  }

  void enum_blocker(const Difference& d) {
    if (d.change != Change::Changed) return;
    const EnumType& want = std::get<EnumType>(d.expected->detail);
    const EnumType& have = std::get<EnumType>(d.actual->detail);
    if (enum_changes_in_place(want, have)) return;
    const bool loses = enum_loses_labels(want, have);
    const std::string why = "type " + d.name + " is made again";
    block(d.name, why, loses);
    routines_on_type(d.space, d.name, Blocker{why, loses});
    for (const TypeUse& use : columns_using_type(models_.actual, d.space, d.name)) {
      block(use.table, why, loses);
      if (!loses) retyped_tables_.insert({use.space, use.table});
    }
  }

  // Routines whose arguments or result are of a type made again: dropped before it and
  // made again after it; what calls them is then in the way too.
  void routines_on_type(const std::string& type_space, const std::string& type, const Blocker& because) {
    for (const auto& [space, ns] : models_.actual.namespaces) {
      for (const auto& [key, routine] : ns.routines) {
        // Also one with a difference of its own: after the rename its signature names
        // the new type, and its own fix would make an overload beside the old one.
        const bool own_fix = has_difference(Kind::Routine, space, "", key);
        if (!mentions(mentioned_names(routine_header(routine.definition)), type)) continue;
        const Routine& detail = std::get<Routine>(routine.detail);
        const std::string signature = postgres_qualified(space, detail.name) + "(" + detail.arguments + ")";
        const std::string heading = "in the way: routine " + signature + " takes or returns " + type_space + "." +
                                    type + " (" + because.why + "): dropped and made again";
        push(keep(Step::DropRoutines, "DROP ROUTINE IF EXISTS " + signature + ";"), heading, "", "", because);
        const auto expected_ns = models_.expected.namespaces.find(space);
        if (!own_fix && expected_ns != models_.expected.namespaces.end() && expected_ns->second.routines.count(key)) {
          push(keep(Step::CreateRoutines, expected_ns->second.routines.at(key).definition + ";"), heading, "", "",
               because);
        }
        block(detail.name, because.why, because.destructive);
        remade_routines_.insert(detail.name);
      }
    }
  }

  // DROP TABLE … CASCADE takes the routines that take or return the table's row type.
  void routines_on_rebuilt_tables() {
    for (const auto& [space, ns] : models_.expected.namespaces) {
      for (const auto& [key, routine] : ns.routines) {
        if (has_difference(Kind::Routine, space, "", key)) continue;
        const std::vector<std::string> names = mentioned_names(routine_header(routine.definition));
        const auto table = std::find_if(rebuilt_.begin(), rebuilt_.end(),
                                        [&](const std::string& name) { return mentions(names, name); });
        if (table == rebuilt_.end()) continue;
        const Blocker because{"table " + *table + " is made again", true};
        push(keep(Step::CreateRowTypeRoutines, routine.definition + ";"),
             "with table " + *table + " made again: routine " + key + " that uses its row type", "", "", because);
        block(std::get<Routine>(routine.detail).name, because.why, true);
      }
    }
  }

  // Views that read what is in the way are in the way too, until none is left.
  void views_in_the_way() {
    std::set<std::pair<std::string, std::string>> done;
    for (bool more = true; more;) {
      more = false;
      for (const auto& [space, ns] : models_.actual.namespaces) {
        for (const auto& [name, view] : ns.views) {
          if (done.count({space, name}) || has_difference(Kind::View, space, "", name)) continue;
          const auto* blocker = blocker_in(mentioned_names(view.definition));
          if (!blocker) continue;
          done.insert({space, name});
          remake_view(space, name, view, *blocker);
          block(name, "view " + name + " is made again", blocker->second.destructive);
          more = true;
        }
      }
    }
  }

  void remake_view(const std::string& space, const std::string& name, const Element& actual,
                   const std::pair<const std::string, Blocker>& blocker) {
    const std::string qualified = postgres_qualified(space, name);
    const View& have = std::get<View>(actual.detail);
    const auto ns = models_.expected.namespaces.find(space);
    const Element* expected = nullptr;
    if (ns != models_.expected.namespaces.end()) {
      const auto found = ns->second.views.find(name);
      if (found != ns->second.views.end()) expected = &found->second;
    }
    const View& want = expected ? std::get<View>(expected->detail) : have;
    const std::string heading = "in the way: view " + qualified + " reads " + blocker.first + " (" +
                                blocker.second.why + "): dropped and made again";
    const std::string drop = have.materialized ? "DROP MATERIALIZED VIEW IF EXISTS " : "DROP VIEW IF EXISTS ";
    push(keep(Step::DropViews, drop + qualified + ";"), heading, name, actual.definition, blocker.second);
    const std::string create = postgres_create_view(qualified, want);
    push(keep(Step::CreateViews, create), heading, name, create, blocker.second);
  }

  // Triggers of a table made again, or that call a routine made again.
  void triggers_in_the_way() {
    for (const auto& [space, ns] : models_.actual.namespaces) {
      for (const auto& [key, element] : ns.triggers) {
        if (has_difference(Kind::Trigger, space, "", key)) continue;
        const Trigger& trigger = std::get<Trigger>(element.detail);
        // A trigger's WHEN holds on to the type of the columns it names.
        const bool watches_retyped =
            retyped_tables_.count({space, trigger.table}) && trigger.create.find(" WHEN ") != std::string::npos;
        const auto* blocker = rebuilt_.count(trigger.table) || watches_retyped
                                  ? &*blockers_.find(trigger.table)
                                  : blocker_in(mentioned_names(trigger.create));
        if (!blocker) continue;
        const std::string heading = "in the way: trigger " + trigger.name + " on " +
                                    postgres_qualified(space, trigger.table) + " (" + blocker->second.why +
                                    "): dropped and made again";
        push(keep(Step::DropTriggers, "DROP TRIGGER IF EXISTS " + quote_postgres_name(trigger.name) + " ON " +
                                          postgres_qualified(space, trigger.table) + ";"),
             heading, "", "", blocker->second);
        push(keep(Step::CreateTriggers, postgres_create_trigger(space, trigger)), heading, "", "", blocker->second);
      }
    }
  }

  // A policy's expression holds on to the type of the columns it names.
  void policies_in_the_way() {
    for (const auto& [space, table_name] : retyped_tables_) {
      const Table* table = find_table(models_.actual, space, table_name);
      if (!table || remade_now(table_name)) continue;  // made again with its policies
      const std::string qualified = postgres_qualified(space, table_name);
      for (const Element& policy : table->policies) {
        if (has_difference(Kind::Policy, space, table_name, policy.name)) continue;
        if (!remade_policies_.insert({table_name, policy.name}).second) continue;
        const std::string heading = "in the way: policy " + policy.name + " on " + qualified +
                                    " (a column changes type): dropped and made again";
        const Blocker because{"", false};
        push(keep(Step::DropTriggers,
                  "DROP POLICY IF EXISTS " + quote_postgres_name(policy.name) + " ON " + qualified + ";"),
             heading, "", "", because);
        push(
            keep(Step::CreateTriggers, postgres_create_policy(policy.name, qualified, std::get<Policy>(policy.detail))),
            heading, "", "", because);
      }
    }
  }

  // A routine made again is held by the policies, checks, defaults and indexes that
  // call it: they go before it (with the triggers) and come back after it.
  void callers_of_remade_routines() {
    if (remade_routines_.empty()) return;
    const auto calls = [&](const std::string& text) -> const std::string* {
      const std::vector<std::string> names = mentioned_names(text);
      for (const std::string& routine : remade_routines_) {
        if (mentions(names, routine)) return &routine;
      }
      return nullptr;
    };
    for (const auto& [space, ns] : models_.actual.namespaces) {
      for (const auto& [table_name, table] : ns.tables) {
        // Each goes early, also one with a difference of its own (whose own drop, later,
        // says IF EXISTS); it comes back unless its own fix, a table made again, or the
        // table's going does that.
        const Table* wanted = find_table(models_.expected, space, table_name);
        const bool comes_back_anyway = remade_now(table_name) || !wanted;
        const std::string qualified = postgres_qualified(space, table_name);
        const auto say = [&](const std::string& what, const std::string& routine) {
          return "in the way: " + what + " of " + qualified + " calls " + routine +
                 ", made again: dropped and made again";
        };
        const auto wanted_part = [&](const std::vector<Element> Table::*parts, const Element& part) -> const Element* {
          if (!wanted) return nullptr;
          for (const Element& element : wanted->*parts) {
            if (element.key == part.key) return &element;
          }
          return nullptr;
        };
        const auto back = [&](Kind kind, const Element& part) {
          return !comes_back_anyway && !has_difference(kind, space, table_name, part.name);
        };
        for (const Element& policy : table.policies) {
          const std::string* routine = calls(policy.definition);
          if (!routine) continue;
          const std::string heading = say("policy " + policy.name, *routine);
          push(keep(Step::DropTriggers,
                    "DROP POLICY IF EXISTS " + quote_postgres_name(policy.name) + " ON " + qualified + ";"),
               heading, "", "", Blocker{});
          const Element* again = wanted_part(&Table::policies, policy);
          if (!again || !back(Kind::Policy, policy) || !remade_policies_.insert({table_name, policy.name}).second)
            continue;
          push(keep(Step::CreateTriggers,
                    postgres_create_policy(again->name, qualified, std::get<Policy>(again->detail))),
               heading, "", "", Blocker{});
        }
        for (const Element& check : table.checks) {
          const std::string* routine = calls(check.definition);
          if (!routine) continue;
          const std::string heading = say("check " + check.name, *routine);
          const std::string alter = "ALTER TABLE " + qualified + " ";
          push(keep(Step::DropTriggers, alter + "DROP CONSTRAINT IF EXISTS " + quote_postgres_name(check.name) + ";"),
               heading, "", "", Blocker{});
          const Element* again = wanted_part(&Table::checks, check);
          if (!again || !back(Kind::Check, check)) continue;
          push(keep(Step::AddConstraints,
                    alter + "ADD CONSTRAINT " + quote_postgres_name(again->name) + " " + again->definition + ";"),
               heading, "", "", Blocker{});
        }
        for (const Element& index : table.indexes) {
          const std::string* routine = calls(index.definition);
          if (!routine || !is_plain_index(index)) continue;
          const std::string heading = say("index " + index.name, *routine);
          push(keep(Step::DropTriggers, "DROP INDEX IF EXISTS " + postgres_qualified(space, index.name) + ";"), heading,
               "", "", Blocker{});
          const Element* again = wanted_part(&Table::indexes, index);
          if (!again || !back(Kind::Index, index)) continue;
          std::string create = create_index(qualified, *again);
          create.pop_back();
          push(keep(Step::AddConstraints, create), heading, "", "", Blocker{});
        }
        for (const Element& column : table.columns) {
          const std::string* routine = calls(std::get<Column>(column.detail).default_value);
          if (!routine) continue;
          const std::string heading = say("the default of " + column.name, *routine);
          const std::string alter = "ALTER TABLE " + qualified + " ALTER COLUMN " + quote_postgres_name(column.name);
          push(keep(Step::DropTriggers, alter + " DROP DEFAULT;"), heading, "", "", Blocker{});
          const Element* again = wanted_part(&Table::columns, column);
          if (!again || !back(Kind::Column, column)) continue;
          const std::string& value = std::get<Column>(again->detail).default_value;
          if (!value.empty())
            push(keep(Step::ChangeColumns, alter + " SET DEFAULT " + value + ";"), heading, "", "", Blocker{});
        }
      }
    }
  }

  // A foreign key holds on to the unique index or primary key of its target: one
  // dropped or changed takes the keys that point at its table out first, and adds them
  // back after it is made again.
  void keys_on_dropped_unique_indexes() {
    std::set<std::string> targets;
    for (const Difference& d : differences_) {
      if (d.kind != Kind::Index || !d.actual || remade_now(d.table)) continue;
      const IndexKind kind = std::get<Index>(d.actual->detail).kind;
      if (kind == IndexKind::Primary || kind == IndexKind::Unique) targets.insert(d.table);
    }
    for (const std::string& target : targets) {
      for (const auto& [space, ns] : models_.actual.namespaces) {
        for (const auto& [name, table] : ns.tables) {
          for (const Element& key : table.foreign_keys) {
            if (!mentions(mentioned_names(key.definition.substr(key.definition.find(" REFERENCES "))), target) ||
                has_difference(Kind::ForeignKey, space, name, key.name)) {
              continue;
            }
            const std::string alter = "ALTER TABLE " + postgres_qualified(space, name) + " ";
            const std::string heading = "in the way: foreign key " + key.name + " of " + name +
                                        " holds a unique index of " + target + " that changes: dropped and added again";
            push(keep(Step::DropForeignKeys, alter + "DROP CONSTRAINT " + quote_postgres_name(key.name) + ";"), heading,
                 "", "", Blocker{});
            const Table* wanted = find_table(models_.expected, space, name);
            if (!wanted) continue;
            for (const Element& want : wanted->foreign_keys) {
              if (want.name != key.name) continue;
              push(keep(Step::AddForeignKeys,
                        alter + "ADD CONSTRAINT " + quote_postgres_name(key.name) + " " + want.definition + ";"),
                   heading, "", "", Blocker{});
            }
          }
        }
      }
    }
  }

  // DROP TABLE … CASCADE took the foreign keys that reference it, and the sequences
  // it owned unless they were let go first.
  void rebuilt_table(const std::string& table) {
    const Blocker because{"the table " + table + " is made again", true};
    for (const auto& [space, ns] : models_.expected.namespaces) {
      for (const auto& [name, other] : ns.tables) {
        if (rebuilt_.count(name)) continue;
        for (const Element& key : other.foreign_keys) {
          // Only the keys the database has: a new table's, or a new key, is added by its own fix.
          const Table* had = find_table(models_.actual, space, name);
          const bool existed = had && std::any_of(had->foreign_keys.begin(), had->foreign_keys.end(),
                                                  [&](const Element& k) { return k.name == key.name; });
          if (!existed || !mentions(mentioned_names(key.definition), table) ||
              has_difference(Kind::ForeignKey, space, name, key.name)) {
            continue;
          }
          push(keep(Step::AddForeignKeys, "ALTER TABLE " + postgres_qualified(space, name) + " ADD CONSTRAINT " +
                                              quote_postgres_name(key.name) + " " + key.definition + ";"),
               "with table " + table + " made again: foreign key " + key.name + " of " + name, "", "", because);
        }
      }
    }
    for (const auto& [space, ns] : models_.actual.namespaces) {
      for (const auto& [name, element] : ns.sequences) {
        const Sequence& sequence = std::get<Sequence>(element.detail);
        if (!mentions(mentioned_names(sequence.owned_by), table)) continue;
        const std::string qualified = postgres_qualified(space, name);
        const std::string heading = "with table " + table + " made again: sequence " + qualified + " it owns";
        push(keep(Step::DropColumns, "ALTER SEQUENCE " + qualified + " OWNED BY NONE;"), heading, "", "", because);
        const auto expected_ns = models_.expected.namespaces.find(space);
        if (expected_ns == models_.expected.namespaces.end()) continue;
        const auto wanted = expected_ns->second.sequences.find(name);
        if (wanted == expected_ns->second.sequences.end()) continue;
        const std::string owner = std::get<Sequence>(wanted->second.detail).owned_by;
        if (owner.empty()) continue;
        push(keep(Step::OwnSequences, "ALTER SEQUENCE " + qualified + " OWNED BY " + owner + ";"), heading, "", "",
             because);
      }
    }
  }

  // Dropping an object drops its comment: the comments (on views, routines, types,
  // triggers, indexes and constraints) that name something made again are set again.
  // Over-approximate on purpose: setting a comment twice changes nothing.
  void comments_of_remade_objects() {
    std::set<std::string> remade;
    for (const auto& [name, blocker] : blockers_) remade.insert(name);
    for (const Difference& d : differences_) {
      if (d.change != Change::Changed) continue;
      if (d.kind == Kind::View || d.kind == Kind::Trigger || d.kind == Kind::Policy || d.kind == Kind::Index ||
          d.kind == Kind::Check || d.kind == Kind::ForeignKey) {
        remade.insert(d.kind == Kind::View ? d.name : d.table);
        remade.insert(d.name);
      }
    }
    for (const auto& [space, ns] : models_.expected.namespaces) {
      for (const auto& [key, element] : ns.comments) {
        if (has_difference(Kind::Comment, space, "", key)) continue;
        const Comment& comment = std::get<Comment>(element.detail);
        const std::vector<std::string> names = mentioned_names(comment.target);
        const bool names_remade =
            std::any_of(remade.begin(), remade.end(), [&](const std::string& name) { return mentions(names, name); });
        if (!names_remade) continue;
        const auto blocker = std::find_if(blockers_.begin(), blockers_.end(),
                                          [&](const auto& entry) { return mentions(names, entry.first); });
        const Blocker because = blocker == blockers_.end() ? Blocker{} : blocker->second;
        push(keep(Step::Comments, "COMMENT ON " + comment.target + " IS " + comment.literal + ";"),
             "with what it is on made again: comment on " + comment.target, "", "", because);
      }
    }
  }

  // The table made again has every part the schema files give it.
  void drop_parts_of_rebuilt_tables() {
    planned_.erase(std::remove_if(planned_.begin(), planned_.end(),
                                  [&](const PlannedStatement& p) {
                                    return p.source && is_table_part(p.source->kind) &&
                                           p.source->kind != Kind::ColumnOrder && rebuilt_.count(p.source->table);
                                  }),
                   planned_.end());
  }

  std::vector<PlannedStatement>& planned_;
  const std::vector<Difference>& differences_;
  const ComparedPair& models_;
  bool allow_destructive_;
  std::set<std::string> rebuilt_;
  std::set<std::string> remade_routines_;
  std::set<std::pair<std::string, std::string>>
      remade_policies_;  // (table, policy) made again once  // dropped and made again (not extra ones)
  std::set<std::pair<std::string, std::string>> retyped_tables_;
  std::map<std::string, Blocker> blockers_;
  std::set<std::tuple<Kind, std::string, std::string, std::string>> differenced_;  // (kind, space, table, name)
};

// The columns of a MySQL foreign key and of its target, from its definition:
// "FOREIGN KEY (`a`,`b`) REFERENCES [`db`.]`t` (`x`,`y`) …".
struct KeyColumns {
  std::vector<std::string> columns, referenced;
  std::string referenced_table;
};

std::vector<std::string> backticked(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '`') continue;
    std::string name;
    for (++i; i < text.size(); ++i) {
      if (text[i] == '`' && i + 1 < text.size() && text[i + 1] == '`') {
        name.push_back('`');
        ++i;
      } else if (text[i] == '`') {
        break;
      } else {
        name.push_back(text[i]);
      }
    }
    out.push_back(name);
  }
  return out;
}

KeyColumns key_columns(const std::string& definition) {
  KeyColumns out;
  const std::size_t references = definition.find(") REFERENCES ");
  if (references == std::string::npos) return out;
  out.columns = backticked(definition.substr(0, references));
  const std::size_t open = definition.find(" (", references + 13);
  const std::size_t close = definition.find(')', open == std::string::npos ? references : open);
  if (open == std::string::npos || close == std::string::npos) return out;
  const std::vector<std::string> target = backticked(definition.substr(references + 13, open - references - 13));
  if (!target.empty()) out.referenced_table = target.back();
  out.referenced = backticked(definition.substr(open, close - open));
  return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool retypes(const Difference& d) {
  if (d.kind != Kind::Column || d.change != Change::Changed) return false;
  const Column& want = std::get<Column>(d.expected->detail);
  const Column& have = std::get<Column>(d.actual->detail);
  return want.type != have.type || want.collation != have.collation;
}

const Element* key_named(const Database& database, const std::string& space, const std::string& table,
                         const std::string& name) {
  const Table* found = find_table(database, space, table);
  if (!found) return nullptr;
  for (const Element& key : found->foreign_keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace

std::string routine_header(const std::string& definition) {
  const std::size_t body = definition.find("\nAS ");
  return body == std::string::npos ? definition : definition.substr(0, body);
}

std::set<const Difference*> inherited_from_parents(const std::vector<Difference>& differences,
                                                   const ComparedPair& models) {
  std::map<std::string, std::string> parent_of;  // partition → its parent, by name
  for (const auto& [space, ns] : models.actual.namespaces) {
    for (const auto& [name, table] : ns.tables) {
      for (const Element& option : table.options) {
        if (option.name != "PARTITION OF") continue;
        const std::string& value = std::get<TableOption>(option.detail).value;
        const std::vector<std::string> names = mentioned_names(value.substr(0, value.find(" FOR VALUES")));
        for (const auto& [other, unused] : ns.tables) {
          if (other != name && mentions(names, other)) parent_of[name] = other;
        }
      }
    }
  }
  std::set<const Difference*> out;
  for (const Difference& d : differences) {
    if (!is_table_part(d.kind) || d.kind == Kind::ColumnOrder || d.kind == Kind::TableOption) continue;
    for (auto parent = parent_of.find(d.table); parent != parent_of.end(); parent = parent_of.find(parent->second)) {
      const bool parent_too = std::any_of(differences.begin(), differences.end(), [&](const Difference& p) {
        return p.kind == d.kind && p.change == d.change && p.table == parent->second && p.name == d.name;
      });
      if (parent_too) {
        out.insert(&d);
        break;
      }
    }
  }
  return out;
}

namespace {

// A column whose indexes and checks have to go and come back around a change of it.
struct ChangedColumn {
  const Difference* source;  // the difference the change is for
  std::string space, table, column, why;
  bool destructive;
};

std::vector<ChangedColumn> columns_whose_parts_go(const std::vector<Difference>& differences,
                                                  const ComparedPair& models, sqltext::Dialect dialect) {
  const auto made_again = dialect == sqltext::Dialect::MySQL ? mysql_column_made_again : postgres_column_made_again;
  std::vector<ChangedColumn> out;
  for (const Difference& d : differences) {
    if (d.kind == Kind::Column && d.change == Change::Changed &&
        made_again(std::get<Column>(d.expected->detail), std::get<Column>(d.actual->detail))) {
      out.push_back({&d, d.space, d.table, d.name, "column " + d.table + "." + d.name + " is made again", true});
    }
    // An enum type made again: an index predicate or check comparing the column with
    // a label holds the old type, which the new one has no operator with.
    if (d.kind == Kind::EnumType && d.change == Change::Changed && dialect == sqltext::Dialect::Postgres &&
        !enum_changes_in_place(std::get<EnumType>(d.expected->detail), std::get<EnumType>(d.actual->detail))) {
      const EnumType& want = std::get<EnumType>(d.expected->detail);
      const EnumType& have = std::get<EnumType>(d.actual->detail);
      const bool loses = enum_loses_labels(want, have);
      for (const TypeUse& use : columns_using_type(models.actual, d.space, d.name)) {
        out.push_back({&d, use.space, use.table, use.column, "type " + d.name + " is made again", loses});
      }
    }
  }
  return out;
}

}  // namespace

void add_parts_of_remade_columns(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                                 const ComparedPair& models, sqltext::Dialect dialect) {
  std::set<std::pair<std::string, std::string>> done;  // (table, part)
  for (const ChangedColumn& changed : columns_whose_parts_go(differences, models, dialect)) {
    const Table* want = find_table(models.expected, changed.space, changed.table);
    const Table* have = find_table(models.actual, changed.space, changed.table);
    if (!want || !have) continue;
    const Difference& d = *changed.source;
    const auto put_back = [&](Kind kind, const std::vector<Element>& had, const std::vector<Element>& wanted) {
      for (const Element& part : had) {
        if (!mentions(mentioned_names(part.definition), changed.column)) continue;
        const bool own = std::any_of(differences.begin(), differences.end(), [&](const Difference& o) {
          return o.kind == kind && o.table == changed.table && o.name == part.name;
        });
        if (own || (kind == Kind::Index && std::get<Index>(part.detail).kind == IndexKind::Primary)) continue;
        if (!done.insert({changed.table, part.name}).second) continue;
        std::vector<Difference> steps{
            {kind, Change::Extra, d.database, changed.space, changed.table, part.name, {}, part}};
        for (const Element& again : wanted) {
          if (again.key != part.key) continue;
          steps.push_back({kind, Change::Missing, d.database, changed.space, changed.table, again.name, again, {}});
        }
        for (const Difference& step : steps) {
          for (Statement statement : writer_for(dialect).fix(step, &models)) {
            if (changed.destructive) {
              statement.destructive = true;
              statement.needs = changed.why;
            }
            // Its source is the column's difference, so that a table made again drops it.
            planned.push_back({statement, "with " + changed.why + ": " + std::string(kind_name(kind)) + " " + part.name,
                               "", "", d.kind == Kind::Column ? &d : nullptr});
          }
        }
      }
    };
    put_back(Kind::Index, have->indexes, want->indexes);
    put_back(Kind::Check, have->checks, want->checks);
  }
}

bool holds_text(const std::string& type) {
  for (const char* kind : {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"}) {
    const std::string prefix = kind;
    if (type.compare(0, prefix.size(), prefix) == 0 &&
        (type.size() == prefix.size() || type[prefix.size()] == '(' || type[prefix.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

// A MySQL column's collation is read as "the table's" when it is the table's default:
// when the default changes, a column that had the old default by name would keep it.
// Every text column is set again, after the table's new default.
void columns_of_recollated_tables(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                                  const ComparedPair& models) {
  for (const Difference& d : differences) {
    if (d.kind != Kind::TableOption || (d.name != "COLLATE" && d.name != "CHARSET")) continue;
    const Table* table = find_table(models.expected, d.space, d.table);
    if (!table) continue;
    for (const Element& column : table->columns) {
      if (!holds_text(std::get<Column>(column.detail).type)) continue;
      const bool own = std::any_of(differences.begin(), differences.end(), [&](const Difference& o) {
        return o.kind == Kind::Column && o.table == d.table && o.name == column.name;
      });
      if (own) continue;
      planned.push_back({keep(Step::ChangeColumns, "ALTER TABLE " + quote_mysql_name(d.table) + " MODIFY COLUMN " +
                                                       quote_mysql_name(column.name) + " " + column.definition + ";"),
                         "with table " + d.table + "'s default collation changed: column " + column.name, "", "",
                         nullptr});
    }
  }
}

void merge_mysql_column_changes(std::vector<PlannedStatement>& planned) {
  const std::string modify = " MODIFY COLUMN ";
  std::map<std::string, std::size_t> first;  // "ALTER TABLE `t`" → the statement the others join
  std::vector<bool> merged(planned.size(), false);
  for (std::size_t i = 0; i < planned.size(); ++i) {
    const Statement& statement = planned[i].statement;
    const std::size_t at = statement.sql.find(modify);
    const bool plain_change = statement.step == Step::ChangeColumns && !statement.destructive &&
                              at != std::string::npos && statement.sql.rfind("ALTER TABLE ", 0) == 0 &&
                              statement.sql.find(" AFTER ") == std::string::npos &&
                              statement.sql.find(" FIRST;") == std::string::npos;
    if (!plain_change) continue;
    const std::string table = statement.sql.substr(0, at);
    const auto [found, fresh] = first.emplace(table, i);
    if (fresh) continue;
    std::string& into = planned[found->second].statement.sql;
    into.pop_back();  // its ";"
    into += ", " + statement.sql.substr(at + 1);
    planned[found->second].heading += "; " + planned[i].heading.substr(planned[i].heading.find(": ") + 2);
    merged[i] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    if (merged[i]) continue;
    if (kept != i) planned[kept] = std::move(planned[i]);
    ++kept;
  }
  planned.resize(kept);
}

void add_mysql_dependents(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                          const ComparedPair& models) {
  columns_of_recollated_tables(planned, differences, models);
  std::set<std::pair<std::string, std::string>> done;  // (table, key)
  for (const Difference& d : differences) {
    if (!retypes(d)) continue;
    for (const auto& [space, ns] : models.actual.namespaces) {
      for (const auto& [table_name, table] : ns.tables) {
        for (const Element& key : table.foreign_keys) {
          const KeyColumns columns = key_columns(key.definition);
          const bool holds = (table_name == d.table && contains(columns.columns, d.name)) ||
                             (columns.referenced_table == d.table && contains(columns.referenced, d.name));
          if (!holds || !done.insert({table_name, key.name}).second) continue;
          const bool own_difference = std::any_of(differences.begin(), differences.end(), [&](const Difference& k) {
            return k.kind == Kind::ForeignKey && k.table == table_name && k.name == key.name;
          });
          if (own_difference) continue;  // dropped and added by its own fix
          const std::string alter = "ALTER TABLE " + quote_mysql_name(table_name) + " ";
          const std::string heading = "in the way: foreign key " + key.name + " of " + table_name + " holds column " +
                                      d.table + "." + d.name + ", whose type changes: dropped and added again";
          planned.push_back(
              {keep(Step::DropForeignKeys, alter + "DROP FOREIGN KEY " + quote_mysql_name(key.name) + ";"), heading, "",
               "", nullptr});
          const Element* wanted = key_named(models.expected, space, table_name, key.name);
          if (!wanted) continue;
          planned.push_back({keep(Step::AddForeignKeys, alter + "ADD CONSTRAINT " + quote_mysql_name(key.name) + " " +
                                                            wanted->definition + ";"),
                             heading, "", "", nullptr});
        }
      }
    }
  }
}

void add_dependents(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                    const ComparedPair& models, bool allow_destructive) {
  Dependents(planned, differences, models, allow_destructive).add();
}

}  // namespace devenv::catalog
