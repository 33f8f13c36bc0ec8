#pragma once
/// @file
/// @brief Checked integer arithmetic for the batch kernels (internal).
///
/// The kernels work on raw `int64_t` cents and counts for speed, and check
/// every operation the way `Money` does: a result that does not fit throws
/// `iop::OverflowError` naming the field, never wraps. The checks are inline
/// and the throwing path is out of line, so the common path costs a compare.

#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "iop/detail/int128.hpp"

namespace iop::detail {

/// Throws `OverflowError(field, value, "does not fit in 64-bit cents", range)` (out of line).
[[noreturn]] void throw_cents_overflow(const std::string& field, const std::string& value);
/// Throws `ValidationError(field, value, "is out of range", allowed)` (out of line).
[[noreturn]] void throw_out_of_range(const std::string& field, const std::string& value, const std::string& allowed);

/// `a + b` in cents; @p field names the total for the error.
template <class Field>
[[nodiscard]] inline std::int64_t add_cents(std::int64_t a, std::int64_t b, const Field& field) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) [[unlikely]]
    throw_cents_overflow(field(), std::to_string(a) + " + " + std::to_string(b) + " cents");
  return out;
}

/// `a - b` in cents.
template <class Field>
[[nodiscard]] inline std::int64_t sub_cents(std::int64_t a, std::int64_t b, const Field& field) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) [[unlikely]]
    throw_cents_overflow(field(), std::to_string(a) + " - " + std::to_string(b) + " cents");
  return out;
}

/// `count * cents`; @p field names the total for the error.
template <class Field>
[[nodiscard]] inline std::int64_t mul_cents(std::int64_t count, std::int64_t cents, const Field& field) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(count, cents, &out)) [[unlikely]]
    throw_cents_overflow(field(), std::to_string(count) + " x " + std::to_string(cents) + " cents");
  return out;
}

/// `cents * numerator / denominator`, rounded to the cent with halves away from zero
/// (the one rounding rule of `Money::apply`); exact in 128 bits for a denominator up to 10^12.
template <class Field>
[[nodiscard]] inline std::int64_t apply_rate_cents(std::int64_t cents, std::int64_t numerator, std::int64_t denominator,
                                                   const Field& field) {
  // Everyday amounts and rates: the product fits in 64 bits, and a 64-bit division is several times faster.
  constexpr std::int64_t small = std::int64_t{1} << 31;
  if (cents > -small && cents < small && numerator < small) {
    const std::int64_t product = cents * numerator;
    std::int64_t quotient = product / denominator;
    const std::int64_t remainder = product % denominator;
    if ((remainder < 0 ? -2 * remainder : 2 * remainder) >= denominator) quotient += product < 0 ? -1 : 1;
    return quotient;
  }
  const int128 product = static_cast<int128>(cents) * numerator;
  int128 quotient = product / denominator;
  const int128 remainder = product % denominator;
  if ((remainder < 0 ? -2 * remainder : 2 * remainder) >= denominator) quotient += product < 0 ? -1 : 1;
  if (quotient > std::numeric_limits<std::int64_t>::max() || quotient < std::numeric_limits<std::int64_t>::min())
      [[unlikely]]
    throw_cents_overflow(field(), std::to_string(cents) + " cents * " + std::to_string(numerator) + "/" +
                                      std::to_string(denominator));
  return static_cast<std::int64_t>(quotient);
}

/// @p value as @p To when it fits, else `ValidationError` naming @p field with @p To's range.
template <std::integral To, std::integral From, class Field>
[[nodiscard]] inline To narrow(From value, const Field& field) {
  if (!std::in_range<To>(value)) [[unlikely]]
    throw_out_of_range(field(), std::to_string(value),
                       std::to_string(std::numeric_limits<To>::min()) + ".." +
                           std::to_string(std::numeric_limits<To>::max()));
  return static_cast<To>(value);
}

}  // namespace iop::detail
