#pragma once
/// @file
/// @brief Work split into numbered parts run on several threads, with the error of a single thread (internal).
///
/// The kernels that use every core (the claims aggregation, the cohort Monte Carlo, the cohort
/// calendars) give each part its own output, so a result never depends on which thread ran which
/// part. Errors stay those of one thread too: parts are handed out in order, a part after one that
/// failed is not started, and the error of the earliest failed part is rethrown, which is the error
/// a single thread running the parts in order meets first.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace iop::detail {

/// @p threads, or one per hardware thread when it is 0.
[[nodiscard]] inline unsigned thread_count(unsigned threads) noexcept {
  return threads ? threads : std::max(1U, std::thread::hardware_concurrency());
}

/// Calls @p run(p) for every part p in 0..@p parts-1 on at most @p threads threads (0: one per hardware
/// thread), the calling thread being one of them; rethrows the error of the earliest part that threw.
template <class Run>
void run_parts(std::size_t parts, unsigned threads, Run&& run) {
  if (parts == 0) return;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{std::numeric_limits<std::size_t>::max()};
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    for (std::size_t p = next.fetch_add(1); p < parts && p < first_failed.load(); p = next.fetch_add(1)) {
      try {
        run(p);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (p < first_failed.load()) {
          first_failed.store(p);
          error = std::current_exception();
        }
      }
    }
  };
  const auto helpers = static_cast<std::size_t>(std::min<std::size_t>(thread_count(threads), parts) - 1);
  std::vector<std::thread> workers;
  workers.reserve(helpers);
  for (std::size_t t = 0; t < helpers; ++t) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no thread to be had (a build without threads): the calling thread runs every part
    }
  }
  work();
  for (auto& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace iop::detail
