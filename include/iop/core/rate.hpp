#pragma once
/// @file
/// @brief `Rate`: an exact, non-negative fraction such as a 20% coinsurance.
///
/// Rates are what money is multiplied by: coinsurance (20%), a share of a
/// fee schedule (150% of Medicare), a sliding-scale discount (1/3 off).
/// They are kept as an exact fraction of two integers, never as a
/// floating-point number, so `Money * Rate` rounds exactly once (see
/// `Money::apply`).
///
/// @code
/// auto coinsurance = iop::Rate::parse("20%");        // 1/5
/// auto tier        = iop::Rate::fraction(1, 3);      // exactly one third
/// auto bp          = iop::Rate::basis_points(1250);  // 12.5%
/// @endcode

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "iop/detail/int128.hpp"

namespace iop {

/// @brief An exact non-negative rational number, stored reduced.
class Rate {
 public:
  /// The largest denominator a rate may have (keeps `Money * Rate` exact in 128 bits).
  static constexpr std::int64_t max_denominator = 1'000'000'000'000;

  /// Zero.
  constexpr Rate() noexcept = default;

  /// @brief `numerator / denominator`, reduced.
  /// @throws ValidationError if the numerator is negative, the denominator is
  ///         not positive or either is larger than `max_denominator`.
  static Rate fraction(std::int64_t numerator, std::int64_t denominator,
                       std::string_view field = "rate");
  /// @brief `n` percent, e.g. `percent(20)` is 1/5.
  static Rate percent(std::int64_t n, std::string_view field = "rate");
  /// @brief `n` basis points (hundredths of a percent), e.g. 1250 is 12.5%.
  static Rate basis_points(std::int64_t n, std::string_view field = "rate");
  /// @brief Parses `"20%"`, `"12.5%"`, `"0.2"`, `"1/3"` exactly.
  /// @throws ValidationError naming @p field and the text when it is not one of these forms.
  static Rate parse(std::string_view text, std::string_view field = "rate");

  /// The reduced numerator.
  [[nodiscard]] constexpr std::int64_t numerator() const noexcept { return numerator_; }
  /// The reduced denominator (always positive).
  [[nodiscard]] constexpr std::int64_t denominator() const noexcept { return denominator_; }
  /// True for 0.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return numerator_ == 0; }

  /// @brief Percent text: `"20%"`, `"12.5%"`; a rate with no finite decimal
  /// form is written as a fraction, `"1/3"`.
  [[nodiscard]] std::string to_string() const;

  /// Exact equality (both are reduced).
  friend constexpr bool operator==(const Rate&, const Rate&) noexcept = default;
  /// Exact ordering, by cross-multiplication in 128 bits.
  friend constexpr std::strong_ordering operator<=>(const Rate& a, const Rate& b) noexcept {
    const auto lhs = static_cast<detail::int128>(a.numerator_) * b.denominator_;
    const auto rhs = static_cast<detail::int128>(b.numerator_) * a.denominator_;
    return lhs <=> rhs;
  }

 private:
  constexpr Rate(std::int64_t n, std::int64_t d) noexcept : numerator_(n), denominator_(d) {}
  std::int64_t numerator_ = 0;
  std::int64_t denominator_ = 1;
};

}  // namespace iop
