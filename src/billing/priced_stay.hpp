#pragma once
/// @file
/// @brief One length of stay of a Monte Carlo, its lines priced once (internal: `simulate_costs` runs it).
///
/// A run of `simulate_costs` attends some sessions of a stay. When every charged line of the stay is the
/// same but for its date (a per diem, the common case) and the coverage keeps no state tied to dates (no
/// authorisation, no Medicaid period), the patient's total depends only on how many charged lines each plan
/// year holds: the totals after 0, 1, 2, ... lines of each plan year are adjudicated once (the stay is
/// tabulated) and a run adds up its years. Otherwise a run adjudicates its lines one by one. Either way
/// through `detail::Adjudicator`, as `estimate_cost` does.

#include <array>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "iop/billing/attendance_spread.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "billing/adjudicator.hpp"
#include "billing/monte_carlo.hpp"

namespace iop::detail {

/// No plan year: a session without a charged line.
inline constexpr std::uint8_t kNoYear = std::numeric_limits<std::uint8_t>::max();

/// The plan years a tabulated stay may span (a course of at most 78 weeks spans at most 3).
inline constexpr std::size_t kMaxStayYears = 4;

/// One length of stay, its lines priced once under a coverage.
struct PricedStay {
  /// A line of the stay, priced once.
  struct Line {
    std::size_t session;              ///< the session it bills (index into the calendar's sessions)
    ChargeLine charge;                ///< the line
    Adjudicator::PricedLine priced;   ///< its network, protection and allowed amount under both payers
  };
  std::vector<char> drawn;  ///< per session: whether the attendance rate applies to it (else it is attended)
  std::vector<Line> lines;  ///< in date order (a tabulated stay's beginnings need none: theirs are left empty)
  /// When tabulated: each session's plan year among the stay's (kNoYear without a charged line).
  std::vector<std::uint8_t> year_of_session;
  /// When tabulated: per plan year, the patient's total after 0, 1, 2, ... of its charged lines.
  std::vector<std::vector<Money>> patient_after;
  Money charge;  ///< when tabulated: each charged line's charge
  /// When tabulated: the plan year of each drawn session in order (kMaxStayYears without a charged line), and the
  /// charged lines of each year attended in every run (sessions the rate does not apply to); see `count_draws`.
  std::vector<std::uint8_t> drawn_years;
  std::array<std::int64_t, kMaxStayYears + 1> always_attended{};

  /// Whether runs add up tabulated plan years (else they adjudicate line by line).
  [[nodiscard]] bool tabulated() const noexcept { return !patient_after.empty(); }
  /// One run: each session the rate applies to drawn in order (attended with probability @p numerator /
  /// @p denominator), then the patient's total and the charges under @p c (the coverage the stay was priced
  /// with); @p attended is scratch room.
  [[nodiscard]] std::pair<Money, Money> draw_run(Random& random, std::int64_t numerator, std::int64_t denominator,
                                                 const Coverage& c, std::vector<char>& attended) const;
  /// The stay's first @p sessions sessions and their lines: a shorter stay whose sessions are the beginning of
  /// this one's (its plan years' totals are the beginnings of these).
  [[nodiscard]] PricedStay beginning(std::size_t sessions) const;
  /// Fills `drawn_years` and `always_attended` from `drawn` and `year_of_session` (a tabulated stay).
  void count_draws();
};

/// The lines of @p calendar (every session attended) priced under @p c, tabulated when they allow it; @p drawn
/// the sessions an attendance rate applies to. Lines before the accumulators' as-of date are left out, as
/// estimate_cost leaves them.
[[nodiscard]] PricedStay price_stay(SessionCalendar calendar, const FeeSchedule& fees, const Coverage& c,
                                    bool substance_use, SessionKinds drawn);

}  // namespace iop::detail
