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

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "iop/billing/attendance_spread.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/detail/adjudicator.hpp"

namespace iop::detail {

/// No plan year: a session without a charged line.
inline constexpr std::uint8_t kNoYear = std::numeric_limits<std::uint8_t>::max();

/// One length of stay, its lines priced once under a coverage.
struct PricedStay {
  /// A line of the stay, priced once.
  struct Line {
    std::size_t session;              ///< the session it bills (index into the calendar's sessions)
    ChargeLine charge;                ///< the line
    Adjudicator::PricedLine priced;   ///< its network, protection and allowed amount under both payers
  };
  std::vector<char> drawn;  ///< per session: whether the attendance rate applies to it (else it is attended)
  std::vector<Line> lines;  ///< in date order
  /// When tabulated: each session's plan year among the stay's (kNoYear without a charged line).
  std::vector<std::uint8_t> year_of_session;
  /// When tabulated: per plan year, the patient's total after 0, 1, 2, ... of its charged lines.
  std::vector<std::vector<Money>> patient_after;
  Money charge;  ///< when tabulated: each charged line's charge

  /// Whether runs add up tabulated plan years (else they adjudicate line by line).
  [[nodiscard]] bool tabulated() const noexcept { return !patient_after.empty(); }
  /// The patient's total and the charges of a run that attended the sessions marked in @p attended, under @p c
  /// (the coverage the stay was priced with).
  [[nodiscard]] std::pair<Money, Money> run(const std::vector<char>& attended, const Coverage& c) const;
};

/// The lines of @p calendar (every session attended) priced under @p c, tabulated when they allow it; @p drawn
/// the sessions an attendance rate applies to. Lines before the accumulators' as-of date are left out, as
/// estimate_cost leaves them.
[[nodiscard]] PricedStay price_stay(SessionCalendar calendar, const FeeSchedule& fees, const Coverage& c,
                                    bool substance_use, SessionKinds drawn);

}  // namespace iop::detail
