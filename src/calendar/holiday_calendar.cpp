#include "iop/calendar/holiday_calendar.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "iop/plan/treatment_plan.hpp"
#include "calendar/weekday.hpp"

namespace iop {

namespace {

using boost::gregorian::days;
using boost::date_time::weekdays;

// Day 0 is 1970-12-31, so a New Year's Day 1971 observed on the Friday before
// would still fit; the last day is 2100-12-31.
const Date kEpoch(1970, 12, 31);
const Date kLastDay(2100, 12, 31);
const auto kDayCount = static_cast<std::size_t>((kLastDay - kEpoch).days() + 1);

std::string range_text() { return "1971-01-01..2100-12-31"; }

void check_in_range(Date date, std::string_view field) {
  if (date.is_special() || date < kEpoch || date > kLastDay)
    throw ValidationError(std::string(field), date.is_special() ? "not-a-date" : to_iso_string(date),
                          "is outside the holiday calendar's years", range_text());
}

std::size_t index_of(Date date) { return static_cast<std::size_t>((date - kEpoch).days()); }

Date nth_weekday(int year, unsigned short month, weekdays day, int n) {
  const Date first(static_cast<unsigned short>(year), month, 1);
  const int offset = (static_cast<int>(day) - first.day_of_week().as_number() + 7) % 7;
  return first + days(offset + 7 * (n - 1));
}

Date last_weekday(int year, unsigned short month, weekdays day) {
  const Date last = Date(static_cast<unsigned short>(year), month, 1).end_of_month();
  const int back = (last.day_of_week().as_number() - static_cast<int>(day) + 7) % 7;
  return last - days(back);
}

// A holiday defined by a rule, with its rule id (what `without` and "except" name).
struct RuleHoliday {
  std::string_view rule;
  std::string name;
  Date actual;
};

// 5 U.S.C. 6103(a) as in force in `year`.
std::vector<RuleHoliday> federal_holidays(int year) {
  using boost::date_time::Monday;
  using boost::date_time::Thursday;
  const auto y = static_cast<unsigned short>(year);
  std::vector<RuleHoliday> out;
  out.push_back({"new_years_day", "New Year's Day", Date(y, 1, 1)});
  if (year >= 1986) out.push_back({"martin_luther_king_jr_day", "Birthday of Martin Luther King, Jr.", nth_weekday(year, 1, Monday, 3)});
  out.push_back({"washingtons_birthday", "Washington's Birthday", nth_weekday(year, 2, Monday, 3)});
  out.push_back({"memorial_day", "Memorial Day", last_weekday(year, 5, Monday)});
  if (year >= 2021) out.push_back({"juneteenth", "Juneteenth National Independence Day", Date(y, 6, 19)});
  out.push_back({"independence_day", "Independence Day", Date(y, 7, 4)});
  out.push_back({"labor_day", "Labor Day", nth_weekday(year, 9, Monday, 1)});
  out.push_back({"columbus_day", "Columbus Day", nth_weekday(year, 10, Monday, 2)});
  // Veterans Day was the fourth Monday of October from 1971 through 1977.
  out.push_back({"veterans_day", "Veterans Day", year <= 1977 ? nth_weekday(year, 10, Monday, 4) : Date(y, 11, 11)});
  out.push_back({"thanksgiving_day", "Thanksgiving Day", nth_weekday(year, 11, Thursday, 4)});
  out.push_back({"christmas_day", "Christmas Day", Date(y, 12, 25)});
  return out;
}

// The rule ids of the federal holidays, in calendar order.
constexpr std::array<std::string_view, 11> kFederalRules{
    "new_years_day", "martin_luther_king_jr_day", "washingtons_birthday", "memorial_day", "juneteenth",
    "independence_day", "labor_day", "columbus_day", "veterans_day", "thanksgiving_day", "christmas_day"};

// A common private-clinic set: the six holidays most private employers close on
// (New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving,
// Christmas) and the day after Thanksgiving.
constexpr std::array<std::string_view, 7> kPrivateClinicRules{"new_years_day",    "memorial_day",     "independence_day",
                                                               "labor_day",        "thanksgiving_day", "day_after_thanksgiving",
                                                               "christmas_day"};

std::string rule_list() {
  std::string text;
  for (auto r : kFederalRules) text += std::string(text.empty() ? "" : ", ") + std::string(r);
  return text + ", day_after_thanksgiving";
}

constexpr std::uint8_t kMondayToFriday = 0b0111110;  // bit n = weekday n (0 = Sunday) is open

// The recipe (to_json) names every member through its declaration (declarations/holiday_calendar.py).
using decl::key;
namespace HC = decl::holiday_calendar;

// A join's recipe takes the changes a preset's does (CHANGES), written with the preset's names.
static_assert(decl::declares(decl::holiday_join::members, HC::except.name) &&
              decl::declares(decl::holiday_join::members, HC::open_weekdays.name) &&
              decl::declares(decl::holiday_join::members, HC::holidays.name) &&
              decl::declares(decl::holiday_join::members, HC::closures.name));

nlohmann::json observance_json(const ObservancePolicy& policy) {
  return {{key(decl::observance::saturday), to_string(policy.saturday)},
          {key(decl::observance::sunday), to_string(policy.sunday)}};
}

ObservancePolicy observance_from_json(const JsonReader& in) {
  in.expect_only(decl::observance::members);
  ObservancePolicy policy;
  if (auto s = in.find(decl::observance::saturday)) policy.saturday = parse_weekend_shift(s->as_string(), s->path());
  if (auto s = in.find(decl::observance::sunday)) policy.sunday = parse_weekend_shift(s->as_string(), s->path());
  return policy;
}

// Adds an entry to a list of the recipe, kept in date order (then name) so that equal calendars
// have equal recipes whatever order their closures were added in.
void add_to_recipe(nlohmann::json& recipe, const decl::Member& list, nlohmann::json entry) {
  // Holidays and closures are ordered by their date (a closure of several days by its from), then name: the
  // closure's names are the holiday's too (declarations/holiday_calendar.py).
  namespace CL = decl::closure;
  auto& items = recipe[key(list)];
  if (items.is_null()) items = nlohmann::json::array();
  auto order = [](const nlohmann::json& e) {
    return std::pair(e.contains(key(CL::date)) ? e[key(CL::date)].get<std::string>() : e[key(CL::from)].get<std::string>(),
                     e[key(CL::name)].get<std::string>());
  };
  const auto at = std::upper_bound(items.begin(), items.end(), entry,
                                   [&](const nlohmann::json& a, const nlohmann::json& b) { return order(a) < order(b); });
  items.insert(at, std::move(entry));
}

}  // namespace

struct HolidayCalendar::Data {
  std::string name;
  nlohmann::json recipe;              // how the calendar was made, in its JSON form (see to_json)
  std::uint8_t open_weekdays = kMondayToFriday;
  std::vector<std::uint64_t> closed;  // one bit a day from kEpoch
  std::vector<std::uint64_t> open;    // derived: open weekday and not closed
  std::vector<Holiday> entries;       // sorted by observed date, then name

  // Recomputes `open` from the weekday mask and the closed days; called once
  // whenever a calendar is built, never on a shared calendar.
  void finish() {
    open.assign(closed.size(), 0);
    auto weekday = static_cast<unsigned>(kEpoch.day_of_week().as_number());
    for (std::size_t i = 0; i < kDayCount; ++i, weekday = (weekday + 1) % 7)
      if (((open_weekdays >> weekday) & 1U) && !closed_on(i)) open[i / 64] |= std::uint64_t{1} << (i % 64);
  }

  bool closed_on(std::size_t i) const { return (closed[i / 64] >> (i % 64)) & 1U; }
  // Recomputes the closed days from the entries (after entries were removed).
  void rebuild_closed() {
    closed.assign((kDayCount + 63) / 64, 0);
    for (const auto& h : entries) close(index_of(h.observed));
  }
  void close(std::size_t i) { closed[i / 64] |= std::uint64_t{1} << (i % 64); }
  void add(Holiday h) {
    if (h.observed < kEpoch || h.observed > kLastDay) return;  // observed outside the covered days
    close(index_of(h.observed));
    entries.push_back(std::move(h));
  }
  void sort() {
    std::sort(entries.begin(), entries.end(), [](const Holiday& a, const Holiday& b) {
      return a.observed != b.observed ? a.observed < b.observed : a.name < b.name;
    });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const Holiday& a, const Holiday& b) {
                                return a.observed == b.observed && a.name == b.name && a.actual == b.actual &&
                                       a.rule == b.rule;
                              }),
                  entries.end());
  }
};

Date ObservancePolicy::observed(Date actual) const {
  const auto weekday = actual.day_of_week().as_number();
  const WeekendShift shift = weekday == 6 ? saturday : weekday == 0 ? sunday : WeekendShift::none;
  switch (shift) {
    case WeekendShift::previous_friday: return actual - days(weekday == 6 ? 1 : 2);
    case WeekendShift::next_monday: return actual + days(weekday == 6 ? 2 : 1);
    case WeekendShift::none: return actual;
  }
  return actual;
}

std::string_view to_string(ClosureKind kind) noexcept {
  switch (kind) {
    case ClosureKind::federal_holiday: return "federal holiday";
    case ClosureKind::holiday: return "holiday";
    case ClosureKind::closure: return "closure";
  }
  return "closure";
}

std::string Holiday::describe() const {
  std::string text = to_iso_string(observed) + " " + name;
  if (observed != actual) text += " (observed; actual " + to_iso_string(actual) + ")";
  return text;
}

std::string_view to_string(WeekendShift shift) noexcept {
  switch (shift) {
    case WeekendShift::none: return "none";
    case WeekendShift::previous_friday: return "previous_friday";
    case WeekendShift::next_monday: return "next_monday";
  }
  return "none";
}

WeekendShift parse_weekend_shift(std::string_view text, std::string_view field) {
  if (text == "none") return WeekendShift::none;
  if (text == "previous_friday") return WeekendShift::previous_friday;
  if (text == "next_monday") return WeekendShift::next_monday;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not a weekend shift",
                      "none, previous_friday, next_monday");
}

HolidayCalendar HolidayCalendar::weekdays_only(std::string name) {
  auto data = std::make_shared<Data>();
  data->recipe = {{key(HC::base), "weekdays"}, {key(HC::name), name}};
  data->name = std::move(name);
  data->closed.assign((kDayCount + 63) / 64, 0);
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::us_federal(ObservancePolicy policy) {
  // The calendar under the statute's own observance is built once (thread-safe
  // static initialisation) and shared: a HolidayCalendar is immutable, so a
  // copy is a shared pointer. Building 130 years of holidays costs far more
  // than a whole session calendar, and every request without its own holidays uses it.
  if (policy == ObservancePolicy::federal()) {
    static const HolidayCalendar federal = build_us_federal(ObservancePolicy::federal());
    return federal;
  }
  return build_us_federal(policy);
}

HolidayCalendar HolidayCalendar::build_us_federal(ObservancePolicy policy) {
  auto data = std::make_shared<Data>();
  data->name = policy == ObservancePolicy::federal() ? "US federal (5 U.S.C. 6103)"
                                                     : "US federal (5 U.S.C. 6103(a), custom observance)";
  data->recipe = {{key(HC::base), "us_federal"}, {key(HC::observance), observance_json(policy)}};
  data->closed.assign((kDayCount + 63) / 64, 0);
  // One year past the end: New Year's Day 2101 (a Saturday) is observed on 2100-12-31.
  for (int year = first_year; year <= last_year + 1; ++year)
    for (auto& h : federal_holidays(year))
      data->add({std::move(h.name), h.actual, policy.observed(h.actual), ClosureKind::federal_holiday, std::string(h.rule)});
  data->sort();
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::private_clinic(ObservancePolicy policy) {
  auto data = std::make_shared<Data>();
  data->name = "Private clinic (New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving and the day "
               "after, Christmas Day)";
  data->recipe = {{key(HC::base), "private_clinic"}, {key(HC::observance), observance_json(policy)}};
  data->closed.assign((kDayCount + 63) / 64, 0);
  auto kept = [](std::string_view rule) {
    return std::find(kPrivateClinicRules.begin(), kPrivateClinicRules.end(), rule) != kPrivateClinicRules.end();
  };
  for (int year = first_year; year <= last_year + 1; ++year)
    for (auto& h : federal_holidays(year)) {
      if (!kept(h.rule)) continue;
      if (h.rule == "thanksgiving_day") {
        // The Friday after the fourth Thursday of November: never a weekend day.
        const Date friday = h.actual + days(1);
        data->add({"Day after Thanksgiving", friday, friday, ClosureKind::holiday, "day_after_thanksgiving"});
      }
      data->add({std::move(h.name), h.actual, policy.observed(h.actual), ClosureKind::federal_holiday, std::string(h.rule)});
    }
  data->sort();
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::preset(HolidayPreset which, ObservancePolicy policy) {
  switch (which) {
    case HolidayPreset::us_federal: return us_federal(policy);
    case HolidayPreset::private_clinic: {
      if (policy == ObservancePolicy::federal()) {
        static const HolidayCalendar shared = private_clinic(ObservancePolicy::federal());
        return shared;
      }
      return private_clinic(policy);
    }
    case HolidayPreset::weekdays: return weekdays_only();
  }
  return us_federal(policy);
}

HolidayCalendar HolidayCalendar::without(std::string_view rule, std::string_view field) const {
  const bool known = rule == "day_after_thanksgiving" ||
                     std::find(kFederalRules.begin(), kFederalRules.end(), rule) != kFederalRules.end();
  if (!known) throw NotFoundError(std::string(field), iop::quoted(rule), "is not a holiday rule", rule_list());
  auto data = std::make_shared<Data>(*data_);
  const auto before = data->entries.size();
  std::erase_if(data->entries, [&](const Holiday& h) { return h.rule == rule; });
  if (data->entries.size() == before) {
    std::string present;
    for (const auto& h : data_->entries)
      if (!h.rule.empty() && present.find(h.rule) == std::string::npos) present += (present.empty() ? "" : ", ") + h.rule;
    throw ValidationError(std::string(field), iop::quoted(rule), "is not a holiday of " + data_->name,
                          present.empty() ? "no rule holidays: the calendar has none" : present);
  }
  // The removed rules, in their JSON form's "except" (sorted, so the order of removal does not matter)
  // and in the name.
  auto& removed = data->recipe[key(HC::except)];
  if (removed.is_null()) removed = nlohmann::json::array();
  auto rules_text = [&] {
    std::string text;
    for (const auto& r : removed) text += (text.empty() ? "" : ", ") + r.get<std::string>();
    return " without " + text;
  };
  if (!removed.empty() && data->name.ends_with(rules_text())) data->name.resize(data->name.size() - rules_text().size());
  removed.insert(std::upper_bound(removed.begin(), removed.end(), std::string(rule),
                                  [](const std::string& a, const nlohmann::json& b) { return a < b.get<std::string>(); }),
                 std::string(rule));
  data->name += rules_text();
  data->rebuild_closed();
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::with_closure(Date date, std::string reason) const {
  return with_closures(date, date, std::move(reason));
}

HolidayCalendar HolidayCalendar::with_closures(Date first, Date last, std::string reason) const {
  check_in_range(first, "closures.from");
  check_in_range(last, "closures.to");
  if (last < first)
    throw ValidationError("closures.to", to_iso_string(last), "is before the start of the closure",
                          "a date on or after " + to_iso_string(first));
  if (reason.empty()) throw ValidationError("closures.name", "''", "is empty", "the reason for the closure");
  auto data = std::make_shared<Data>(*data_);
  namespace CL = decl::closure;
  add_to_recipe(data->recipe, HC::closures,
                first == last ? nlohmann::json{{key(CL::date), to_iso_string(first)}, {key(CL::name), reason}}
                              : nlohmann::json{{key(CL::from), to_iso_string(first)}, {key(CL::to), to_iso_string(last)},
                                               {key(CL::name), reason}});
  for (Date d = first; d <= last; d += days(1)) data->add({reason, d, d, ClosureKind::closure, ""});
  data->sort();
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::with_holiday(Date actual, std::string holiday_name, ObservancePolicy policy) const {
  check_in_range(actual, "holidays.date");
  if (holiday_name.empty()) throw ValidationError("holidays.name", "''", "is empty", "the holiday's name");
  auto data = std::make_shared<Data>(*data_);
  add_to_recipe(data->recipe, HC::holidays,
                {{key(decl::holiday::date), to_iso_string(actual)}, {key(decl::holiday::name), holiday_name},
                 {key(decl::holiday::observance), observance_json(policy)}});
  data->add({std::move(holiday_name), actual, policy.observed(actual), ClosureKind::holiday, ""});
  data->sort();
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar HolidayCalendar::with_open_weekdays(const std::vector<weekdays>& open) const {
  std::uint8_t mask = 0;
  for (auto day : open) mask = static_cast<std::uint8_t>(mask | (1U << static_cast<unsigned>(day)));
  if (mask == 0) throw ValidationError("open_weekdays", "[]", "opens no weekday", "one or more weekdays");
  auto data = std::make_shared<Data>(*data_);
  data->open_weekdays = mask;
  nlohmann::json names = nlohmann::json::array();
  for (unsigned day = 0; day < 7; ++day)
    if ((mask >> day) & 1U) names.push_back(weekday_name(static_cast<weekdays>(day)));
  data->recipe[key(HC::open_weekdays)] = names;
  data->finish();
  return HolidayCalendar(std::move(data));
}

HolidayCalendar join(const HolidayCalendar& a, const HolidayCalendar& b) {
  auto data = std::make_shared<HolidayCalendar::Data>(*a.data_);
  data->name = a.data_->name + " + " + b.data_->name;
  data->recipe = {{key(decl::holiday_join::join), {a.data_->recipe, b.data_->recipe}}};
  data->open_weekdays = static_cast<std::uint8_t>(a.data_->open_weekdays & b.data_->open_weekdays);
  for (std::size_t i = 0; i < data->closed.size(); ++i) data->closed[i] |= b.data_->closed[i];
  data->entries.insert(data->entries.end(), b.data_->entries.begin(), b.data_->entries.end());
  data->sort();
  data->finish();
  return HolidayCalendar(std::move(data));
}

const std::string& HolidayCalendar::name() const noexcept { return data_->name; }

Date HolidayCalendar::bitmap_epoch() { return kEpoch; }

const std::vector<std::uint64_t>& HolidayCalendar::open_day_bits() const noexcept { return data_->open; }

bool HolidayCalendar::is_holiday_or_closure(Date date) const {
  check_in_range(date, "date");
  return data_->closed_on(index_of(date));
}

bool HolidayCalendar::is_open(Date date) const {
  check_in_range(date, "date");
  const auto weekday = static_cast<unsigned>(detail::weekday_of(date));
  return ((data_->open_weekdays >> weekday) & 1U) && !data_->closed_on(index_of(date));
}

Date HolidayCalendar::next_open_day(Date date) const {
  check_in_range(date, "date");
  for (Date d = date + days(1); d <= kLastDay; d += days(1))
    if (is_open(d)) return d;
  throw ValidationError("date", to_iso_string(date), "has no open day after it in the calendar", range_text());
}

Date HolidayCalendar::adjust(Date date) const { return is_open(date) ? date : next_open_day(date); }

std::vector<Holiday> HolidayCalendar::closures_on(Date date) const {
  check_in_range(date, "date");
  std::vector<Holiday> out;
  if (!data_->closed_on(index_of(date))) return out;
  const auto first = std::lower_bound(data_->entries.begin(), data_->entries.end(), date,
                                      [](const Holiday& h, Date d) { return h.observed < d; });
  for (auto it = first; it != data_->entries.end() && it->observed == date; ++it) out.push_back(*it);
  return out;
}

std::vector<Holiday> HolidayCalendar::holidays_between(Date first, Date last) const {
  check_in_range(first, "from");
  check_in_range(last, "to");
  const auto begin = std::lower_bound(data_->entries.begin(), data_->entries.end(), first,
                                      [](const Holiday& h, Date d) { return h.observed < d; });
  std::vector<Holiday> out;
  for (auto it = begin; it != data_->entries.end() && it->observed <= last; ++it) out.push_back(*it);
  return out;
}

namespace {

// A date of a holiday calendar document, inside the years the calendar covers, named by its own path.
Date read_calendar_date(const JsonReader& in) {
  const auto date = in.as_date();
  if (date.year() < HolidayCalendar::first_year || date.year() > HolidayCalendar::last_year)
    throw ValidationError(in.path(), to_iso_string(date), "is outside the holiday calendar's years", range_text());
  return date;
}

}  // namespace

HolidayCalendar holiday_calendar_from_json(const nlohmann::json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  ObservancePolicy policy;
  if (auto v = in.find(decl::holiday_calendar::observance)) policy = observance_from_json(*v);
  // The base: a join of calendars, or a preset (its observance, a name for weekdays).
  auto base_calendar = [&]() {
    if (auto v = in.find(decl::holiday_join::join)) {
      in.expect_only(decl::holiday_join::members);
      const auto count = v->array_size(decl::holiday_join::join);
      if (count < 2)
        throw ValidationError(v->path(), std::to_string(count) + " calendars", "is not a join",
                              "two or more calendars");
      HolidayCalendar joined = holiday_calendar_from_json(v->at(0).json(), v->at(0).path());
      for (std::size_t i = 1; i < count; ++i)
        joined = join(joined, holiday_calendar_from_json(v->at(i).json(), v->at(i).path()));
      return joined;
    }
    in.expect_only(decl::holiday_calendar::members);
    HolidayPreset preset = HolidayPreset::us_federal;
    if (auto v = in.find(decl::holiday_calendar::base)) preset = parse_holiday_preset(v->as_string(), v->path());
    if (auto v = in.find(decl::holiday_calendar::name)) {
      if (preset != HolidayPreset::weekdays)
        throw ValidationError(v->path(), iop::quoted(v->as_string()), "names a calendar whose name is fixed",
                              "a name only with base 'weekdays' (the federal and private-clinic calendars are named "
                              "after their holidays)");
      return HolidayCalendar::weekdays_only(v->as_identifier(decl::holiday_calendar::name));
    }
    return HolidayCalendar::preset(preset, policy);
  };
  HolidayCalendar calendar = base_calendar();
  if (auto v = in.find(decl::holiday_calendar::except))
    for (std::size_t i = 0; i < v->array_size(decl::holiday_calendar::except); ++i) {
      const auto rule = v->at(i);
      calendar = calendar.without(rule.as_identifier(), rule.path());
    }
  if (auto v = in.find(decl::holiday_calendar::open_weekdays)) {
    std::vector<weekdays> open;
    const auto count = v->array_size(decl::holiday_calendar::open_weekdays);
    if (count == 0) throw ValidationError(v->path(), "[]", "opens no weekday", "one or more weekdays");
    for (std::size_t i = 0; i < count; ++i) open.push_back(parse_weekday(v->at(i).as_string(), v->at(i).path()));
    calendar = calendar.with_open_weekdays(open);
  }
  if (auto v = in.find(decl::holiday_calendar::holidays))
    for (std::size_t i = 0; i < v->array_size(decl::holiday_calendar::holidays); ++i) {
      const auto h = v->at(i);
      h.expect_only(decl::holiday::members);
      const auto date = read_calendar_date(h.at(decl::holiday::date));
      const auto own = h.find(decl::holiday::observance);
      calendar = calendar.with_holiday(date, h.identifier(decl::holiday::name), own ? observance_from_json(*own) : policy);
    }
  if (auto v = in.find(decl::holiday_calendar::closures))
    for (std::size_t i = 0; i < v->array_size(decl::holiday_calendar::closures); ++i) {
      const auto c = v->at(i);
      c.expect_only(decl::closure::members);
      const auto name_of = c.identifier(decl::closure::name);
      if (auto d = c.find(decl::closure::date)) {
        // A day or a stretch, never both: neither reading of {date, from, to} may be dropped silently.
        for (const decl::Member& range : std::initializer_list<decl::Member>{decl::closure::from, decl::closure::to})
          if (auto r = c.find(range))
            throw ValidationError(r->path(), "", "is given with date", "either date (one day) or from and to (a stretch)");
        calendar = calendar.with_closure(read_calendar_date(*d), name_of);
      } else {
        const auto from = c.at(decl::closure::from);
        const auto first = read_calendar_date(from);
        const auto to = c.at(decl::closure::to);
        const auto last = read_calendar_date(to);
        if (last < first)
          throw ValidationError(to.path(), to_iso_string(last), "is before from", "a date on or after " + to_iso_string(first));
        // A closure is a stretch of days, each one an entry: a year at most (docs/limits.md).
        if ((last - first).days() > 365)
          throw ValidationError(to.path(), to_iso_string(last), "ends more than a year after from",
                                "at most 366 days from " + to_iso_string(first));
        calendar = calendar.with_closures(first, last, name_of);
      }
    }
  return calendar;
}

nlohmann::json to_json(const HolidayCalendar& calendar) { return calendar.data_->recipe; }

bool operator==(const HolidayCalendar& a, const HolidayCalendar& b) {
  return a.data_ == b.data_ || a.data_->recipe == b.data_->recipe;
}

}  // namespace iop
