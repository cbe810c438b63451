#pragma once

namespace devenv::cli {

// Like Skeema's: CI can tell drift from breakage.
enum ExitCode : int {
  kOk = 0,
  kDrift = 1,    // drift or stale generated files found
  kUsage = 2,    // bad arguments or config
  kRuntime = 3,  // a server, a script or the engine failed
};

}  // namespace devenv::cli
