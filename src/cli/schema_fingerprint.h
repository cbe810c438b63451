#pragma once

#include <string>

#include "config/config.h"
#include "generator/build_outputs.h"

namespace devenv::cli {

// What a snapshot records of the schema a database had when it was saved, to tell a
// restore onto another schema: the sha256 of the generated schema init file of its
// key (initdb/<server>/NN-<key>-schema.sql). From the schema files as they are now
// (`outputs`); when they were not read (a schema file is broken: `outputs` is empty),
// from initdb/ as last built. "" when there is neither.
std::string schema_fingerprint(const config::Config& config, const generator::BuildOutputs& outputs,
                               const config::Database& database);

}  // namespace devenv::cli
