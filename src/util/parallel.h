#pragma once

#include <cstddef>
#include <functional>

namespace devenv::util {

// Calls work(0) … work(count - 1) on up to `workers` threads, each taking the next
// index when it is free. After the first exception no new index is started; the
// others finish what they are doing, and the first exception is thrown here.
void for_each_in_parallel(std::size_t count, std::size_t workers, const std::function<void(std::size_t)>& work);

}  // namespace devenv::util
