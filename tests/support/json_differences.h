#pragma once

#include <string>

namespace devenv::test {

// Parses `devenv verify|diff --format json` output (failing the test when it is
// not JSON of the documented shape; progress lines before it are skipped) and writes each difference on one line as
// `"database": "…", "object": "…", "kind": "…", "name": "…", "change": "…",
// "expected": "…", "actual": "…"`, so tests can look for fragments of it.
std::string flattened_differences(const std::string& output);

}  // namespace devenv::test
