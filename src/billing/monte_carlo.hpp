#pragma once
/// @file
/// @brief Exact random draws and nearest-rank percentiles shared by the Monte Carlo paths (internal).

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <random>
#include <vector>

namespace iop::detail {

/// The generator of every iop Monte Carlo: the same seed gives the same figures on every platform.
using Random = std::mt19937_64;

/// A uniform draw from 0..@p bound-1 without modulo bias (Lemire's multiply-and-reject method), so a
/// session attended with probability n/d is attended exactly n times in d on average. @p bound > 0.
[[nodiscard]] inline std::uint64_t draw_below(Random& random, std::uint64_t bound) {
  __extension__ using u128 = unsigned __int128;
  u128 product = static_cast<u128>(random()) * bound;
  auto low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    while (low < threshold) {
      product = static_cast<u128>(random()) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

/// True with probability @p numerator / @p denominator (0 <= numerator <= denominator, denominator > 0).
/// A certain or impossible outcome (0 or 1) draws nothing, so both Monte Carlo paths consume the same stream.
[[nodiscard]] inline bool draw_event(Random& random, std::int64_t numerator, std::int64_t denominator) {
  if (numerator == 0) return false;
  if (numerator == denominator) return true;
  return draw_below(random, static_cast<std::uint64_t>(denominator)) < static_cast<std::uint64_t>(numerator);
}

/// A run's attended sessions counted by plan year: @p always (the sessions no draw applies to) plus, for each
/// drawn session in order, a draw of probability @p numerator / @p denominator counted in its year
/// (@p drawn_years). The same stream as calling `draw_event` session by session, with its two checks made once.
template <std::size_t Years>
[[nodiscard]] inline std::array<std::int64_t, Years> count_attended(Random& random, std::int64_t numerator,
                                                                    std::int64_t denominator,
                                                                    std::span<const std::uint8_t> drawn_years,
                                                                    const std::array<std::int64_t, Years>& always) {
  auto counts = always;
  if (numerator == denominator) {
    for (const auto year : drawn_years) ++counts[year];
  } else if (numerator != 0) {
    const auto bound = static_cast<std::uint64_t>(denominator), below = static_cast<std::uint64_t>(numerator);
    for (const auto year : drawn_years) counts[year] += draw_below(random, bound) < below ? 1 : 0;
  }
  return counts;
}

/// The nearest-rank @p p-th percentile (value at rank ceil(p n / 100), at least 1) of @p values (reordered).
[[nodiscard]] inline std::int64_t nearest_rank(std::vector<std::int64_t>& values, int p) {
  const auto n = static_cast<std::int64_t>(values.size());
  const std::int64_t rank = std::max<std::int64_t>(1, (p * n + 99) / 100);
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

}  // namespace iop::detail
