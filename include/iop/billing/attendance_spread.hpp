#pragma once
/// @file
/// @brief An attendance rate spread over a course: how many sessions are attended, and which are missed.
///
/// A what-if attendance rate r applies to the sessions it names: the program days unless the caller
/// names other kinds (`SessionKinds`). Sessions of the kinds it does not name are attended in full.
/// Of the N sessions it applies to, round-half-to-even(r x N) are attended: the count is the nearest
/// whole number of sessions, and a tie (r x N ending in exactly .5) goes to the even count, so over a
/// cohort the halves cancel instead of always rounding one way. A course's count is within half a
/// session of r x N, and a cohort's total within half a session a patient.
///
/// The missed sessions are spread evenly through the course, never on its first session (the
/// intake day, when program days are named) unless `intake_may_be_missed`: with m missed of the N - 1
/// sessions after the first, the t-th missed one (t = 0..m-1) is session
/// 1 + floor((2t + 1)(N - 1) / 2m), the middle of its share of the course. With no session attended
/// (r x N rounds to 0) every session is missed, the first too.
///
/// @code
/// // 36 program days at 85%: 30.6 rounds to 31 attended; 5 missed, at program days 4, 11, 18, 25 and 32.
/// const auto spread = iop::AttendanceSpread::of(36, iop::Rate::percent(85));
/// spread.attended;        // 31
/// spread.is_missed(0);    // false: the intake day is attended
/// spread.is_missed(4);    // true
/// @endcode
///
/// A value type: immutable, cheap to copy, safe to share across threads.

#include <cstdint>
#include <initializer_list>

#include "iop/calendar/session_calendar.hpp"
#include "iop/core/rate.hpp"

namespace iop {

/// @brief A set of session kinds: the sessions an attendance rate applies to (program days by default).
class SessionKinds {
 public:
  /// @brief The program days only: the default of every attendance rate.
  constexpr SessionKinds() noexcept = default;
  /// @brief The kinds listed (none listed: an empty set, which `AttendanceSpread` users refuse).
  constexpr SessionKinds(std::initializer_list<SessionKind> kinds) noexcept : bits_(0) {
    for (const auto kind : kinds) bits_ = static_cast<std::uint8_t>(bits_ | bit(kind));
  }
  /// @brief A set from its bits: bit k for the kind of value k (0 program day, 1 individual, 2 medication).
  [[nodiscard]] static constexpr SessionKinds from_bits(std::uint8_t bits) noexcept {
    SessionKinds kinds;
    kinds.bits_ = bits;
    return kinds;
  }
  /// @brief Whether @p kind is in the set.
  [[nodiscard]] constexpr bool contains(SessionKind kind) const noexcept { return (bits_ & bit(kind)) != 0; }
  /// @brief Whether a session kind given by its value (0 program day, 1 individual, 2 medication) is in the set.
  [[nodiscard]] constexpr bool contains_value(std::uint8_t kind) const noexcept {
    return kind < 8 && (bits_ >> kind & 1U) != 0;
  }
  /// @brief The set's bits (bit k for the kind of value k).
  [[nodiscard]] constexpr std::uint8_t bits() const noexcept { return bits_; }
  /// @brief Whether no kind is in the set.
  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  /// @brief Equal when they hold the same kinds.
  friend constexpr bool operator==(SessionKinds, SessionKinds) noexcept = default;

 private:
  static constexpr std::uint8_t bit(SessionKind kind) noexcept {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(kind));
  }
  std::uint8_t bits_ = 1;  // program_day
};

/// @brief How an attendance rate falls on the N sessions it applies to (see the file's comment).
struct AttendanceSpread {
  std::int64_t sessions = 0;        ///< sessions the rate applies to (N)
  std::int64_t attended = 0;        ///< round-half-to-even(rate x N)
  bool intake_may_be_missed = false;  ///< whether a miss may fall on the first session

  /// @brief The spread of @p numerator / @p denominator (0 <= numerator <= denominator, 0 < denominator)
  ///        over @p sessions sessions.
  [[nodiscard]] static AttendanceSpread of(std::int64_t sessions, std::int64_t numerator, std::int64_t denominator,
                                           bool intake_may_be_missed = false) noexcept;
  /// @brief The spread of @p rate (at most 100%) over @p sessions sessions.
  [[nodiscard]] static AttendanceSpread of(std::int64_t sessions, const Rate& rate,
                                           bool intake_may_be_missed = false) noexcept {
    return of(sessions, rate.numerator(), rate.denominator(), intake_may_be_missed);
  }
  /// @brief Whether session @p k (0-based, counting only the sessions the rate applies to) is missed.
  [[nodiscard]] bool is_missed(std::int64_t k) const noexcept;
  /// @brief How many of sessions 0..@p k - 1 are missed, without walking them (the cohort kernels count a
  ///        plan year's attended days this way).
  [[nodiscard]] std::int64_t missed_before(std::int64_t k) const noexcept;
};

}  // namespace iop
