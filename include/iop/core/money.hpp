#pragma once
/// @file
/// @brief `Money`: an exact amount of US dollars in integer cents.
///
/// All money in iop is a `Money`: a signed 64-bit count of cents. There is
/// no floating point anywhere in a money computation, and every operation
/// that could leave the 64-bit range throws `iop::OverflowError` instead of
/// wrapping.
///
/// Only meaningful arithmetic compiles: amounts add and subtract, an amount
/// times a whole number (days, sessions) is an amount, an amount times a
/// `Rate` (coinsurance) is an amount rounded once. `Money * Money` and
/// construction from `double` do not compile.
///
/// **The rounding rule** (the only one in iop): when a rate is applied, the
/// exact product is rounded to the nearest cent, and an exact half cent is
/// rounded away from zero. So 20% of $0.03 is $0.01 (0.6 cent → 1),
/// 50% of $0.01 is $0.01 (0.5 → 1) and 50% of -$0.01 is -$0.01.
///
/// @code
/// auto per_diem = iop::Money::parse("$259.13");
/// auto week     = per_diem * 3;                           // $777.39
/// auto patient  = week.apply(iop::Rate::percent(20));     // $155.48 (155.478 rounded)
/// std::cout << patient.to_string();                       // "$155.48"
/// @endcode

#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "iop/core/rate.hpp"

namespace iop {

/// @brief An exact amount of money in integer cents (US dollars).
class Money {
 public:
  /// $0.00.
  constexpr Money() noexcept = default;

  /// Money is never built from a floating-point number.
  template <std::floating_point F>
  Money(F) = delete;

  /// @brief An amount of @p cents cents.
  [[nodiscard]] static constexpr Money from_cents(std::int64_t cents) noexcept {
    return Money(cents);
  }
  /// @brief A whole number of dollars.
  /// @throws OverflowError if the amount does not fit in 64-bit cents.
  [[nodiscard]] static Money from_dollars(std::int64_t dollars, std::string_view field = "amount");
  /// @brief Parses `"$1,234.56"`, `"1234.56"`, `"-0.05"`, `"-$5"`, `"+12.5"`.
  ///
  /// Accepted: an optional sign, an optional `$`, digits (with commas only
  /// as correct thousands separators), and at most two decimals.
  /// @throws ValidationError naming @p field and the text for anything else
  ///         (three decimals would not be exact cents and are refused).
  /// @throws OverflowError if the amount does not fit in 64-bit cents.
  [[nodiscard]] static Money parse(std::string_view text, std::string_view field = "amount");

  /// The amount in cents.
  [[nodiscard]] constexpr std::int64_t cents() const noexcept { return cents_; }
  /// True for $0.00.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return cents_ == 0; }
  /// True for amounts below zero.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return cents_ < 0; }

  /// @brief Display form: `"$1,234.56"`, `"-$0.05"`.
  [[nodiscard]] std::string to_string() const;
  /// @brief Plain decimal form without symbol or grouping: `"1234.56"`, `"-0.05"`.
  [[nodiscard]] std::string to_plain_string() const;

  /// @brief This amount times a rate, rounded to the cent (halves away from zero).
  /// @throws OverflowError if the result does not fit in 64-bit cents.
  [[nodiscard]] Money apply(const Rate& rate) const;

  /// @throws OverflowError on overflow.
  friend Money operator+(Money a, Money b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a.cents_, b.cents_, &out)) [[unlikely]]
      overflowed("amount + amount", a, " + ", b.to_string());
    return Money(out);
  }
  /// @throws OverflowError on overflow.
  friend Money operator-(Money a, Money b) {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(a.cents_, b.cents_, &out)) [[unlikely]]
      overflowed("amount - amount", a, " - ", b.to_string());
    return Money(out);
  }
  /// @throws OverflowError for the most negative amount.
  friend Money operator-(Money a);
  /// @throws OverflowError on overflow.
  friend Money operator*(Money a, std::int64_t n) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a.cents_, n, &out)) [[unlikely]]
      overflowed("amount * count", a, " * ", std::to_string(n));
    return Money(out);
  }
  /// @throws OverflowError on overflow.
  friend Money operator*(std::int64_t n, Money a) { return a * n; }
  /// Same as `a.apply(r)`.
  friend Money operator*(Money a, const Rate& r) { return a.apply(r); }
  /// Same as `a.apply(r)`.
  friend Money operator*(const Rate& r, Money a) { return a.apply(r); }
  /// Adds in place (same checks as `+`).
  Money& operator+=(Money other) { return *this = *this + other; }
  /// Subtracts in place (same checks as `-`).
  Money& operator-=(Money other) { return *this = *this - other; }

  /// Exact comparison.
  friend constexpr auto operator<=>(const Money&, const Money&) noexcept = default;

 private:
  constexpr explicit Money(std::int64_t cents) noexcept : cents_(cents) {}
  // Throws the OverflowError of a failed `a <op> b` (out of line: the checks above stay small).
  [[noreturn]] static void overflowed(const char* operation, Money a, const char* op, const std::string& b);
  std::int64_t cents_ = 0;
};

/// The larger of two amounts.
[[nodiscard]] constexpr Money max(Money a, Money b) noexcept { return a < b ? b : a; }
/// The smaller of two amounts.
[[nodiscard]] constexpr Money min(Money a, Money b) noexcept { return b < a ? b : a; }

static_assert(sizeof(Money) == sizeof(std::int64_t));
static_assert(std::is_trivially_copyable_v<Money>);
static_assert(!std::is_constructible_v<Money, double>);
static_assert(!std::is_constructible_v<Money, float>);

}  // namespace iop
