#include "util/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <vector>

namespace devenv::util {

void for_each_in_parallel(std::size_t count, std::size_t workers, const std::function<void(std::size_t)>& work) {
  if (count == 0) return;
  if (count == 1 || workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  const auto take_work = [&] {
    try {
      for (std::size_t i; !failed && (i = next++) < count;) work(i);
    } catch (...) {
      failed = true;
      throw;
    }
  };
  // The calling thread is one of the workers: what it holds per thread (a session)
  // serves again.
  std::vector<std::future<void>> running;
  for (std::size_t worker = 1; worker < std::min(workers, count); ++worker) {
    running.push_back(std::async(std::launch::async, take_work));
  }
  std::exception_ptr first;
  try {
    take_work();
  } catch (...) {
    first = std::current_exception();
  }
  for (auto& worker : running) {
    try {
      worker.get();
    } catch (...) {
      if (!first) first = std::current_exception();
    }
  }
  if (first) std::rethrow_exception(first);
}

}  // namespace devenv::util
