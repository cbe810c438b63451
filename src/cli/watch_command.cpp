#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/watch_cycle.h"
#include "cli/watch_paths.h"
#include "config/loader.h"
#include "util/change_watcher.h"
#include "util/interrupt.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

// An editor's save is several writes and a rename within a few milliseconds; 10 saves
// in a burst must give one round. Continuous writes still get a round every 2 s.
constexpr std::chrono::milliseconds kLongestBurst{2000};

std::string clock_time() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::ostringstream out;
  out << std::put_time(&local, "%H:%M:%S");
  return out.str();
}

// What to watch now: from the config when it loads, else just its file and folder,
// until it loads again.
WatchPaths watch_paths(const fs::path& config_file, const std::set<std::string>& generated) {
  try {
    return WatchPaths(config::load_config(config_file), generated);
  } catch (const std::exception&) {
    return WatchPaths::config_only(config_file);
  }
}

// The changes that matter, as the user names them, and the servers whose initdb/
// holds a file of the user's that changed.
struct Edits {
  std::vector<std::string> names;
  std::set<std::string> user_init_servers;
};

Edits edits_among(const std::set<fs::path>& changed, const WatchPaths& paths) {
  Edits edits;
  for (const fs::path& path : changed) {
    const std::optional<std::string> name = paths.describe(path);
    if (!name) continue;
    if (std::find(edits.names.begin(), edits.names.end(), *name) == edits.names.end()) edits.names.push_back(*name);
    if (const std::string server = paths.init_folder_server(path); !server.empty()) {
      edits.user_init_servers.insert(server);
    }
  }
  return edits;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The round's progress lines only with --verbose: watch prints one line per change.
class RoundProgress {
 public:
  explicit RoundProgress(std::ostream& err)
      : printer_(ProgressPrinter::verbosity() == Verbosity::Verbose ? err : discarded_) {}
  ProgressPrinter& printer() { return printer_; }

 private:
  std::ostringstream discarded_;
  ProgressPrinter printer_;
};

// The last line of a round that reset something ends with how long the whole round
// took: build, the shadow loads and the resets, from the end of the burst.
void print_round(std::ostream& out, const std::string& cause, const WatchCycleResult& result, double seconds) {
  for (std::size_t i = 0; i < result.lines.size(); ++i) {
    out << clock_time() << " " << cause << (result.broken ? " — " : " → ") << result.lines[i];
    if (i + 1 == result.lines.size() && !result.broken && !result.reset_servers.empty()) {
      out << " [round " << std::fixed << std::setprecision(2) << seconds << " s]" << std::defaultfloat;
    }
    out << "\n";
  }
  if (result.broken) out << "         the databases keep serving the last schema that loaded\n";
  out << std::flush;
}

class Watch {
 public:
  Watch(fs::path config, const WatchOptions& options, std::ostream& out, std::ostream& err)
      : config_(std::move(config)), options_(options), out_(out), err_(err) {}

  int run() {
    util::catch_interrupts();  // Ctrl-C ends the watch; a reset under way is finished by the next command
    refresh_watch();           // before the first round: a save during it is not lost
    round({"start"}, {}, true);
    refresh_watch();
    out_ << "watching " << watcher_->folders().size() << " folders (config, schema files, migrations, initdb/); "
         << "Ctrl-C stops watching, the servers keep running\n"
         << std::flush;
    while (!util::interrupt_requested()) {
      std::set<fs::path> changed = carried_over_;
      carried_over_.clear();
      if (changed.empty()) {
        changed = watcher_->wait(std::chrono::milliseconds(options_.debounce_ms), kLongestBurst,
                                 [] { return util::interrupt_requested(); });
      }
      const Edits edits = edits_among(changed, *paths_);
      if (!edits.names.empty()) round(edits.names, edits.user_init_servers, false);
      refresh_watch();
    }
    out_ << "stopped watching; the servers keep running (`devenv down` stops them)\n";
    return kOk;
  }

 private:
  void round(const std::vector<std::string>& names, const std::set<std::string>& user_init_servers, bool starting) {
    RoundProgress progress(err_);
    const auto started = std::chrono::steady_clock::now();
    const WatchCycleResult result =
        run_watch_cycle({config_, options_.runtime, starting, user_init_servers}, progress.printer());
    generated_.insert(result.generated.begin(), result.generated.end());
    print_round(out_, joined(names), result,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }

  // A config edit may name other schema files or folders: watch those from now on. The
  // old watch stays until the new one runs, and what it saw meanwhile is kept.
  void refresh_watch() {
    auto paths = std::make_unique<WatchPaths>(watch_paths(config_, generated_));
    if (watcher_ && watcher_->folders() == paths->folders()) {
      paths_ = std::move(paths);
      return;
    }
    auto watcher = std::make_unique<util::ChangeWatcher>(paths->folders());
    if (watcher_) {
      const std::set<fs::path> seen = watcher_->take();
      carried_over_.insert(seen.begin(), seen.end());
    }
    watcher_ = std::move(watcher);
    paths_ = std::move(paths);
  }

  fs::path config_;
  WatchOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  std::set<std::string> generated_;
  std::unique_ptr<WatchPaths> paths_;
  std::unique_ptr<util::ChangeWatcher> watcher_;
  std::set<fs::path> carried_over_;
};

}  // namespace

int run_watch(const fs::path& config, const WatchOptions& options, std::ostream& out, std::ostream& err) {
  return Watch(config, options, out, err).run();
}

}  // namespace devenv::cli
