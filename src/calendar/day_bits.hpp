#pragma once
/// @file
/// @brief Days of a course as bits, 64 a word: counting them (internal).
///
/// The cohort kernels lay a course's program days out as bits (day k of the course at bit k % 64 of
/// word k / 64, see `BatchCalendarLayout`) and count them instead of walking them.

#include <cstdint>
#include <span>

namespace iop::detail {

/// The set bits of @p x, in a few operations wherever it is built (std::popcount is a library call
/// where the target has no popcount instruction, as x86-64's baseline has none).
[[nodiscard]] constexpr int bit_count(std::uint64_t x) noexcept {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

/// The bits of a word below bit @p n (all of them from 64 on, none at 0 or below).
[[nodiscard]] constexpr std::uint64_t bits_below(std::int64_t n) noexcept {
  if (n <= 0) return 0;
  return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
}

/// The days set in @p words among days [@p from, @p to).
[[nodiscard]] constexpr std::int64_t days_between(std::span<const std::uint64_t> words, std::int64_t from,
                                                  std::int64_t to) noexcept {
  std::int64_t count = 0;
  for (std::int64_t w = from < 0 ? 0 : from / 64; w * 64 < to && static_cast<std::size_t>(w) < words.size(); ++w)
    count += bit_count(words[static_cast<std::size_t>(w)] & ~bits_below(from - w * 64) & bits_below(to - w * 64));
  return count;
}

}  // namespace iop::detail
