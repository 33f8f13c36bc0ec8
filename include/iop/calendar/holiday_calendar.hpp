#pragma once
/// @file
/// @brief `HolidayCalendar`: which days a program meets, as an immutable value.
///
/// A holiday calendar knows the open weekdays (Monday to Friday unless
/// changed), the holidays with their actual and observed dates, and clinic
/// closures. Adding a closure or a holiday returns a **new** calendar: no
/// calendar is ever changed after it is built, so copies can be shared across
/// threads (QuantLib's shared `addHoliday` state is the pitfall avoided here).
///
/// The US federal holidays follow 5 U.S.C. 6103(a) by rule for 1971-2100:
/// New Year's Day (January 1); Birthday of Martin Luther King, Jr. (third
/// Monday of January, from 1986, Pub. L. 98-144); Washington's Birthday (third
/// Monday of February); Memorial Day (last Monday of May); Juneteenth National
/// Independence Day (June 19, from 2021, Pub. L. 117-17); Independence Day
/// (July 4); Labor Day (first Monday of September); Columbus Day (second
/// Monday of October); Veterans Day (November 11; the fourth Monday of
/// October from 1971 to 1977, Pub. L. 90-363 until Pub. L. 94-97); Thanksgiving
/// Day (fourth Thursday of November); Christmas Day (December 25).
/// Inauguration Day (6103(c)) is a holiday only for the Washington, D.C. area
/// and is not included.
///
/// Presets (`preset()`, and `"base"` in JSON): `us_federal`; `private_clinic`,
/// a common private-clinic set (New Year's Day, Memorial Day, Independence
/// Day, Labor Day, Thanksgiving Day and the Friday after it, Christmas Day,
/// observed by the same policy); `weekdays` (none). Each rule holiday has a
/// rule id (`new_years_day`, `martin_luther_king_jr_day`,
/// `washingtons_birthday`, `memorial_day`, `juneteenth`, `independence_day`,
/// `labor_day`, `columbus_day`, `veterans_day`, `thanksgiving_day`,
/// `christmas_day`, `day_after_thanksgiving`); `without(rule)` (and `"except"`
/// in JSON) removes one in every year, so a clinic open on Columbus Day and
/// Veterans Day is `us_federal().without("columbus_day").without("veterans_day")`.
///
/// The observance policy says where a holiday on a weekend is observed. The
/// federal policy (5 U.S.C. 6103(b)) moves a Saturday holiday to the Friday
/// before and a Sunday holiday to the Monday after, so New Year's Day 2028
/// (a Saturday) is observed on Friday 2027-12-31. Other policies: no
/// observance, or any custom pair (e.g. the Federal Reserve's: Saturday not
/// observed, Sunday to Monday).
///
/// Every query is a table lookup: the closed days of all supported years are
/// computed once when the calendar is built.
///
/// @code
/// auto federal = iop::HolidayCalendar::us_federal();
/// auto clinic = federal.with_closure(iop::make_date(2026, 12, 24), "Christmas Eve: clinic closed");
/// auto open_on_columbus_day = federal.without("columbus_day");
/// clinic.is_open(iop::make_date(2026, 7, 3));         // false: Independence Day observed
/// clinic.next_open_day(iop::make_date(2026, 7, 3));   // 2026-07-06
/// @endcode

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/core/date.hpp"
#include "iop/plan/holiday_preset.hpp"

namespace iop {

/// @brief Where a weekend holiday is observed.
enum class WeekendShift {
  none,             ///< not observed on another day
  previous_friday,  ///< the Friday before
  next_monday,      ///< the Monday after
};

/// @brief An observance policy: what happens to Saturday and Sunday holidays.
struct ObservancePolicy {
  WeekendShift saturday = WeekendShift::previous_friday;  ///< a holiday on a Saturday
  WeekendShift sunday = WeekendShift::next_monday;        ///< a holiday on a Sunday

  /// 5 U.S.C. 6103(b): Saturday to the Friday before, Sunday to the Monday after.
  [[nodiscard]] static constexpr ObservancePolicy federal() noexcept { return {}; }
  /// Holidays are observed on their actual dates only.
  [[nodiscard]] static constexpr ObservancePolicy no_observance() noexcept {
    return {WeekendShift::none, WeekendShift::none};
  }
  /// The observed date of a holiday on @p actual.
  [[nodiscard]] Date observed(Date actual) const;
  /// Same policy.
  friend bool operator==(const ObservancePolicy&, const ObservancePolicy&) = default;
};

/// @brief Why a date is closed.
enum class ClosureKind {
  federal_holiday,  ///< a 5 U.S.C. 6103 holiday
  holiday,          ///< an extra holiday the clinic observes
  closure,          ///< a clinic closure
};
/// @brief `federal holiday`, `holiday` or `closure`.
[[nodiscard]] std::string_view to_string(ClosureKind kind) noexcept;

/// @brief One holiday or closure.
struct Holiday {
  std::string name;   ///< e.g. `Independence Day`
  Date actual;        ///< the date it falls on
  Date observed;      ///< the date the program is closed for it
  ClosureKind kind;   ///< federal holiday, extra holiday or closure
  std::string rule;   ///< the rule id of a rule holiday (e.g. `columbus_day`), empty for a dated holiday or closure
  /// `2026-07-03 Independence Day (observed; actual 2026-07-04)`.
  [[nodiscard]] std::string describe() const;
};

/// @brief An immutable calendar of open days, holidays and closures.
class HolidayCalendar {
 public:
  /// First year a calendar covers.
  static constexpr int first_year = 1971;
  /// Last year a calendar covers.
  static constexpr int last_year = 2100;

  /// @brief The US federal holidays of 1971-2100 under @p policy, open Monday to Friday.
  [[nodiscard]] static HolidayCalendar us_federal(ObservancePolicy policy = ObservancePolicy::federal());
  /// @brief A calendar with no holidays, open Monday to Friday (a base for a clinic's own).
  [[nodiscard]] static HolidayCalendar weekdays_only(std::string name = "weekdays");
  /// @brief The private-clinic set (see the file comment) of 1971-2100 under @p policy.
  [[nodiscard]] static HolidayCalendar private_clinic(ObservancePolicy policy = ObservancePolicy::federal());
  /// @brief The calendar of a preset (`weekdays` ignores @p policy).
  [[nodiscard]] static HolidayCalendar preset(HolidayPreset which, ObservancePolicy policy = ObservancePolicy::federal());

  /// @brief This calendar without the rule holiday @p rule in any year (e.g. `columbus_day`).
  /// @throws NotFoundError naming @p field for an unknown rule id; ValidationError when the
  ///         calendar does not have that holiday (listing those it has).
  [[nodiscard]] HolidayCalendar without(std::string_view rule, std::string_view field = "except") const;

  /// @brief This calendar closed on @p date for @p reason.
  /// @throws ValidationError naming `closures` when the date is outside 1971-2100 or the reason is empty.
  [[nodiscard]] HolidayCalendar with_closure(Date date, std::string reason) const;
  /// @brief This calendar closed from @p first to @p last inclusive.
  /// @throws ValidationError when @p last is before @p first or the range is outside 1971-2100.
  [[nodiscard]] HolidayCalendar with_closures(Date first, Date last, std::string reason) const;
  /// @brief This calendar with an extra holiday on @p actual, observed by @p policy.
  [[nodiscard]] HolidayCalendar with_holiday(Date actual, std::string name,
                                             ObservancePolicy policy = ObservancePolicy::federal()) const;
  /// @brief This calendar open on the given weekdays only (e.g. add Saturday).
  /// @throws ValidationError when no weekday is open.
  [[nodiscard]] HolidayCalendar with_open_weekdays(const std::vector<boost::date_time::weekdays>& days) const;

  friend HolidayCalendar join(const HolidayCalendar& a, const HolidayCalendar& b);
  friend nlohmann::json to_json(const HolidayCalendar& calendar);
  /// Same calendar: made the same way (same base, observance, removed rules, weekdays, holidays, closures and joins).
  friend bool operator==(const HolidayCalendar& a, const HolidayCalendar& b);

  /// The calendar's name, e.g. `US federal (5 U.S.C. 6103)`.
  [[nodiscard]] const std::string& name() const noexcept;
  /// @brief Whether the program meets on @p date (an open weekday, not a holiday or closure).
  /// @throws ValidationError for a date outside 1971-2100.
  [[nodiscard]] bool is_open(Date date) const;
  /// @brief Whether @p date is closed by a holiday or closure (weekends aside).
  [[nodiscard]] bool is_holiday_or_closure(Date date) const;
  /// @brief The first open day strictly after @p date.
  /// @throws ValidationError when none is left before 2100-12-31.
  [[nodiscard]] Date next_open_day(Date date) const;
  /// @brief @p date if open, else the next open day.
  [[nodiscard]] Date adjust(Date date) const;
  /// @brief The holidays and closures that close the program on @p date (empty when open or a plain weekend).
  [[nodiscard]] std::vector<Holiday> closures_on(Date date) const;
  /// @brief Holidays and closures whose observed date lies in [@p first, @p last], in date order.
  [[nodiscard]] std::vector<Holiday> holidays_between(Date first, Date last) const;

  /// The day number 0 of `open_day_bits()`: 1970-12-31.
  [[nodiscard]] static Date bitmap_epoch();
  /// @brief One bit a day from `bitmap_epoch()` to 2100-12-31: 1 when the program
  ///        meets that day. For bulk work (see `build_calendars_batch`).
  [[nodiscard]] const std::vector<std::uint64_t>& open_day_bits() const noexcept;

 private:
  struct Data;
  explicit HolidayCalendar(std::shared_ptr<const Data> data) noexcept : data_(std::move(data)) {}
  static HolidayCalendar build_us_federal(ObservancePolicy policy);
  std::shared_ptr<const Data> data_;
};

/// @brief Closed wherever either calendar is closed (federal + clinic); open
///        weekdays are those open in both.
[[nodiscard]] HolidayCalendar join(const HolidayCalendar& a, const HolidayCalendar& b);

/// @brief `none`, `previous_friday` or `next_monday`.
[[nodiscard]] std::string_view to_string(WeekendShift shift) noexcept;
/// @brief Parses a weekend shift.
/// @throws NotFoundError naming @p field.
[[nodiscard]] WeekendShift parse_weekend_shift(std::string_view text, std::string_view field = "shift");

/// @brief Builds a calendar from JSON: `{"base": "us_federal" | "private_clinic" | "weekdays", "name" (weekdays only),
/// "observance": {"saturday": ..., "sunday": ...}, "except": ["columbus_day", ...], "open_weekdays": [...],
/// "holidays": [{"date", "name", "observance"?}], "closures": [{"date", "name"} | {"from", "to", "name"}]}`,
/// or `{"join": [calendar, calendar, ...]}` with the same `except`, `open_weekdays`, `holidays` and `closures`
/// applied after the join (see the `holiday-calendar` schema (declarations/holiday_calendar.py)).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] HolidayCalendar holiday_calendar_from_json(const nlohmann::json& document,
                                                         std::string path = "holidays");
/// @brief The JSON of a calendar: how it was made, in the form `holiday_calendar_from_json` reads
/// (lists in date order), so it round-trips.
[[nodiscard]] nlohmann::json to_json(const HolidayCalendar& calendar);

}  // namespace iop
