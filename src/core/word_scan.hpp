#pragma once
// Looking for a few kinds of byte in text eight bytes at a time: a request's
// text is scanned for control characters before it is parsed, and every string
// of a response for what it must escape. Most words hold none, and one test of
// the whole word says so; only a word that may hold one is looked at byte by byte.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace iop::detail::word_scan {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

/// Some byte's high bit set when a byte of @p word is below @p n (at most 0x80): the classic "has less
/// than" test, which never misses such a byte (it may mark a byte above one that is).
constexpr std::uint64_t bytes_below(std::uint64_t word, unsigned n) { return (word - kOnes * n) & ~word & kHighBits; }

/// Some byte's high bit set when a byte of @p word is @p byte.
constexpr std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  return bytes_below(word ^ (kOnes * byte), 1);
}

/// Whether a byte of @p text is one @p is_wanted takes. @p may_hold tells from a word of eight bytes whether it
/// may hold one (nonzero); it must never miss one.
template <class MayHold, class IsWanted>
bool any_byte(std::string_view text, MayHold may_hold, IsWanted is_wanted) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if (may_hold(word) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k)
      if (is_wanted(static_cast<unsigned char>(text[k]))) return true;
  }
  for (; i < text.size(); ++i)
    if (is_wanted(static_cast<unsigned char>(text[i]))) return true;
  return false;
}

}  // namespace iop::detail::word_scan
