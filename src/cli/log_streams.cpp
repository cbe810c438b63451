#include "cli/log_streams.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <ostream>

#include "cli/colour.h"
#include "runtime/log_time_stamp.h"

namespace devenv::cli {

namespace {

// As compose tells its services apart.
const fmt::terminal_color kPrefixColours[] = {fmt::terminal_color::cyan, fmt::terminal_color::yellow,
                                              fmt::terminal_color::green, fmt::terminal_color::magenta,
                                              fmt::terminal_color::blue};

struct RunningStream {
  pid_t pid = -1;
  int fd = -1;
  std::string prefix;
  bool stamps_from_lines = false;
  runtime::LineStamper stamper;
  std::string partial;  // a line not yet ended
};

class Merger {
 public:
  Merger(bool timestamps, std::ostream& out) : timestamps_(timestamps), out_(out) {}

  void write_line(RunningStream& stream, std::string_view line) {
    out_ << stream.prefix;
    if (timestamps_ && stream.stamps_from_lines) {
      out_ << stream.stamper.stamp(line);
    } else {
      out_ << line;
    }
    out_ << '\n';
  }

  // Writes the whole lines of `data`, keeping an unended one for later.
  void take(RunningStream& stream, std::string_view data) {
    stream.partial.append(data);
    std::size_t start = 0, end;
    while ((end = stream.partial.find('\n', start)) != std::string::npos) {
      write_line(stream, std::string_view(stream.partial).substr(start, end - start));
      start = end + 1;
    }
    stream.partial.erase(0, start);
    out_.flush();
  }

  void finish(RunningStream& stream) {
    if (!stream.partial.empty()) write_line(stream, stream.partial);
    stream.partial.clear();
    out_.flush();
  }

 private:
  bool timestamps_;
  std::ostream& out_;
};

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int stream_logs(const std::vector<LogStream>& streams, bool prefixed, bool timestamps, bool colour, std::ostream& out) {
  std::size_t width = 0;
  for (const LogStream& stream : streams) width = std::max(width, stream.server.size());
  std::vector<RunningStream> running(streams.size());
  for (std::size_t i = 0; i < streams.size(); ++i) {
    RunningStream& stream = running[i];
    if (prefixed) {
      const fmt::text_style style = fmt::fg(kPrefixColours[i % std::size(kPrefixColours)]);
      stream.prefix = styled(colour, style, fmt::format("{:<{}} |", streams[i].server, width)) + " ";
    }
    stream.stamps_from_lines = streams[i].command.stamps_from_lines;
    stream.pid = runtime::spawn_reading(streams[i].command.process, stream.fd);
  }
  Merger merger(timestamps, out);
  std::vector<pollfd> waiting;
  std::vector<RunningStream*> owners;
  for (;;) {
    waiting.clear();
    owners.clear();
    for (RunningStream& stream : running) {
      if (stream.fd < 0) continue;
      waiting.push_back({stream.fd, POLLIN, 0});
      owners.push_back(&stream);
    }
    if (waiting.empty()) break;
    if (poll(waiting.data(), waiting.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < waiting.size(); ++i) {
      if (waiting[i].revents == 0) continue;
      RunningStream& stream = *owners[i];
      char buffer[8192];
      const ssize_t n = read(stream.fd, buffer, sizeof buffer);
      if (n > 0) {
        merger.take(stream, std::string_view(buffer, static_cast<std::size_t>(n)));
      } else if (n == 0 || errno != EINTR) {
        merger.finish(stream);
        close(stream.fd);
        stream.fd = -1;
      }
    }
  }
  int code = 0;
  for (const RunningStream& stream : running) {
    const int exit_code = wait_for(stream.pid);
    if (code == 0) code = exit_code;
  }
  return code;
}

}  // namespace devenv::cli
