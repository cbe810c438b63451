#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migrations/tool.h"

namespace devenv::migrations {

// A piece of one migration's Up part. A `whole` piece is sent by the tool as ONE
// statement (goose `-- +goose StatementBegin` … `StatementEnd`); other pieces are split
// at semicolons as the engine's client would (sqltext::split). line/column: where `text`
// starts in the file, so errors keep pointing at the file's own lines.
struct UpPart {
  std::string text;
  int line = 1;
  int column = 1;
  bool whole = false;
};

struct UpScript {
  std::vector<UpPart> parts;
  // The file asks to run outside a transaction: sqlx `-- no-transaction` as its first
  // bytes, goose `-- +goose NO TRANSACTION`, dbmate `transaction:false` on any up
  // section, Atlas `-- atlas:txmode none`.
  bool no_transaction = false;
};

// The Up part of a migration file, as `tool` reads it:
//  - goose: the `-- +goose Up` section only (Down dropped); each statement goose sends on
//    its own is a part, StatementBegin/End blocks are whole parts;
//  - dbmate: each `-- migrate:up` section up to its `-- migrate:down`;
//  - Drizzle: the pieces between `--> statement-breakpoint` markers, so a piece that
//    lacks its trailing `;` still ends there;
//  - sqlx, golang-migrate, Flyway, Atlas: the whole file as one part.
// `text` is the file as read, byte-order mark included: the tools differ on it (goose and
// dbmate fail, sqlx then misses `-- no-transaction`), so this function looks at it and then
// leaves it out of the parts. `display` names the file in errors.
// Throws sqltext::SourceError (file:line:col, message, hint) where the tool would fail
// on the file (a goose file without `-- +goose Up`, an unterminated StatementBegin, a
// dbmate up section without its down) or devenv cannot do what the tool would (goose
// ENVSUB, an Atlas delimiter directive).
UpScript up_script(Tool tool, std::string_view text, const std::string& display);

}  // namespace devenv::migrations
