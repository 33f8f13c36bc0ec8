#pragma once
// What the X12 readers share inside the library: character classes, the quoting rule of error
// messages (no name, member ID or birth date is ever echoed) and control-number formatting.

#include <algorithm>
#include <string>
#include <string_view>

namespace iop::x12::internal {

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_upper_alnum(char c) noexcept { return is_digit(c) || (c >= 'A' && c <= 'Z'); }

inline bool all_digits(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

/// `7` as `07`: element numbers in a field name (`CLP07`).
inline std::string two_digits(std::size_t n) {
  std::string text = std::to_string(n);
  return n < 10 ? "0" + text : text;
}

/// @p value as an error may quote it: quoted when it is a short code, amount, count or date,
/// otherwise only its length (a value that looks like a word may be a name in the wrong element).
std::string echo(std::string_view value);

}  // namespace iop::x12::internal
