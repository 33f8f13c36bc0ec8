// Cohort outcome measures: the index event, the 6- and 12-month windows, reliable change, the Kaplan-Meier time
// to response and dropout, per patient and per group. One pass over the scores sorted by patient (a counting sort:
// the rows arrive in any order) and then by day within the patient.

#include "iop/episode/cohort_outcomes.hpp"
#include "iop/episode/cohort_tally.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/enum_names.hpp"
#include "iop/core/error.hpp"

namespace iop {

namespace {

constexpr detail::EnumNames<CourseEnd, 4> kEnds{{{CourseEnd::ongoing, "ongoing"},
                                                 {CourseEnd::planned, "planned"},
                                                 {CourseEnd::against_advice, "against_advice"},
                                                 {CourseEnd::stepped_up, "stepped_up"}}};
constexpr detail::EnumNames<OutcomeExclusion, 7> kExclusions{{{OutcomeExclusion::none, "none"},
                                                              {OutcomeExclusion::died, "died"},
                                                              {OutcomeExclusion::hospice, "hospice"},
                                                              {OutcomeExclusion::bipolar, "bipolar"},
                                                              {OutcomeExclusion::personality, "personality"},
                                                              {OutcomeExclusion::psychotic, "psychotic"},
                                                              {OutcomeExclusion::developmental, "developmental"}}};
constexpr detail::EnumNames<CohortDimension, 3> kDimensions{{{CohortDimension::program, "program"},
                                                             {CohortDimension::track, "track"},
                                                             {CohortDimension::delivery, "delivery"}}};
constexpr detail::EnumNames<HorizonStatus, 6> kStatuses{{{HorizonStatus::not_in_measure, "not in measure"},
                                                         {HorizonStatus::pending, "pending"},
                                                         {HorizonStatus::no_score, "no score"},
                                                         {HorizonStatus::remission, "remission"},
                                                         {HorizonStatus::response, "response"},
                                                         {HorizonStatus::no_response, "no response"}}};

const Date kEpoch(1970, 1, 1);
constexpr int kHorizonMonths[2] = {6, 12};
constexpr int kWindowDays = 60;

std::int32_t day_number(Date d) { return static_cast<std::int32_t>((d - kEpoch).days()); }
Date date_of(std::int32_t day) { return kEpoch + boost::gregorian::days(day); }
// A day number as a date when a calendar date can show it (1400-9999), else as the number.
std::string day_text(std::int32_t day) {
  return day >= -208'000 && day <= 2'900'000 ? to_iso_string(date_of(day)) : "day " + std::to_string(day);
}

// The rows of each patient, by day: offsets[p]..offsets[p + 1] in `order`.
struct ByPatient {
  std::vector<std::int32_t> offsets;
  std::vector<std::int32_t> order;
};

void check_row(const CohortScores& scores, std::size_t row, std::size_t patients, std::int32_t first_day,
               std::int32_t as_of) {
  const auto where = [row] { return "scores[" + std::to_string(row) + "]"; };  // built only for an error
  const auto p = scores.patient[row];
  if (p < 0 || static_cast<std::size_t>(p) >= patients)
    throw ValidationError(where() + ".patient", std::to_string(p), "is not a patient of the cohort",
                          "0.." + std::to_string(static_cast<long long>(patients) - 1));
  const auto score = scores.phq9[row];
  if (score < 0 || score > 27)
    throw ValidationError(where() + ".phq9", std::to_string(score), "is not a PHQ-9 total", "0..27");
  const auto day = scores.day[row];
  if (day < first_day || day > as_of)
    throw ValidationError(where() + ".date", day_text(day),
                          "is not a day up to as_of", std::string(std::to_string(first_year)) + "-01-01.." +
                                                          to_iso_string(date_of(as_of)));
}

// Days since 1970-01-01 and civil dates both ways, in integers (H. Hinnant's algorithms, proleptic Gregorian):
// the kernel moves every index event by calendar months without building a boost date each time.
struct Civil {
  int year;
  unsigned month, day;
};
Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}
unsigned last_day_of_month(int y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}
// add_calendar_months on a civil date, to a day number.
std::int32_t add_months(const Civil& c, int months) {
  const int total = c.year * 12 + static_cast<int>(c.month) - 1 + months;
  const int year = total / 12;
  const auto month = static_cast<unsigned>(total % 12 + 1);
  return days_from_civil(year, month, std::min(c.day, last_day_of_month(year, month)));
}
std::int32_t add_months(std::int32_t day, int months) { return add_months(civil_from_days(day), months); }

ByPatient sort_by_patient(const CohortScores& scores, std::size_t patients, std::int32_t as_of) {
  const auto rows = scores.patient.size();
  if (scores.day.size() != rows || scores.phq9.size() != rows)
    throw ValidationError("scores", std::to_string(rows) + " patients, " + std::to_string(scores.day.size()) +
                                        " dates, " + std::to_string(scores.phq9.size()) + " totals",
                          "are columns of different lengths", "columns of one length");
  const auto first_day = day_number(Date(first_year, 1, 1));
  ByPatient by;
  by.offsets.assign(patients + 1, 0);
  bool in_order = true;  // rows already by patient, then by day: the order is the rows' own
  for (std::size_t row = 0; row < rows; ++row) {
    check_row(scores, row, patients, first_day, as_of);
    ++by.offsets[static_cast<std::size_t>(scores.patient[row]) + 1];
    if (row > 0 && in_order)
      in_order = scores.patient[row - 1] < scores.patient[row] ||
                 (scores.patient[row - 1] == scores.patient[row] && scores.day[row - 1] < scores.day[row]);
  }
  std::partial_sum(by.offsets.begin(), by.offsets.end(), by.offsets.begin());
  by.order.resize(rows);
  if (in_order) {  // strictly increasing days: sorted and no two scores of a patient on one day
    std::iota(by.order.begin(), by.order.end(), 0);
    return by;
  }
  auto next = by.offsets;
  for (std::size_t row = 0; row < rows; ++row)
    by.order[static_cast<std::size_t>(next[static_cast<std::size_t>(scores.patient[row])]++)] = static_cast<std::int32_t>(row);
  for (std::size_t p = 0; p < patients; ++p) {
    const auto begin = by.order.begin() + by.offsets[p], end = by.order.begin() + by.offsets[p + 1];
    // Insertion sort: a patient has a few dozen rows at most, usually in order already (stable: equal days stay).
    for (auto it = begin; it != end; ++it) {
      const auto row = *it;
      const auto day = scores.day[static_cast<std::size_t>(row)];
      auto hole = it;
      for (; hole != begin && scores.day[static_cast<std::size_t>(*(hole - 1))] > day; --hole) *hole = *(hole - 1);
      *hole = row;
    }
    for (auto it = begin; it != end && it + 1 != end; ++it)
      if (scores.day[static_cast<std::size_t>(*it)] == scores.day[static_cast<std::size_t>(*(it + 1))])
        throw ValidationError("scores[" + std::to_string(*(it + 1)) + "].date",
                              to_iso_string(date_of(scores.day[static_cast<std::size_t>(*it)])),
                              "is a second PHQ-9 of the patient that day",
                              "one score a patient a day");
  }
  return by;
}

void check_patients_and_options(const CohortPatientColumns& patients, const CohortOptions& options) {
  const auto n = patients.size();
  if (patients.program.size() != n || patients.track.size() != n || patients.delivery.size() != n ||
      patients.diagnosis.size() != n || patients.end.size() != n || patients.exclusion.size() != n)
    throw ValidationError("patients", std::to_string(n) + " ids", "come with columns of other lengths",
                          "one value a patient in every column");
  // Ids in strictly increasing order (a sorted patients table) are unique without a hash set.
  bool increasing = true;
  for (std::size_t i = 1; i < n && increasing; ++i) increasing = patients.id[i - 1] < patients.id[i];
  std::unordered_set<std::string_view> ids;
  if (!increasing) ids.reserve(n);
  for (std::size_t i = 0; i < n && !increasing; ++i)
    if (!ids.insert(patients.id[i]).second)
      throw ValidationError("patients[" + std::to_string(i) + "].id", "'" + std::string(patients.id[i]) + "'",
                            "is the id of an earlier patient", "one id a patient");
  if (!(options.reliability > 0 && options.reliability < 1))
    throw ValidationError("reliability", std::to_string(options.reliability), "is not a reliability coefficient",
                          "a number above 0 and below 1, e.g. 0.89 (the PHQ-9's Cronbach's alpha, Kroenke 2001)");
  if (options.sd && !(*options.sd > 0 && *options.sd <= 27))
    throw ValidationError("sd", std::to_string(*options.sd), "is not a standard deviation of PHQ-9 totals",
                          "a number above 0, at most 27 (the PHQ-9's range)");
  for (std::size_t i = 0; i < options.by.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (options.by[i] == options.by[j])
        throw ValidationError("by[" + std::to_string(i) + "]", std::string(to_string(options.by[i])),
                              "is named twice", "each of program, track, delivery at most once");
  if (options.as_of.is_special()) throw ValidationError("as_of", "", "is not a date", "YYYY-MM-DD");
}

// The index event and what follows it, for one patient; rows are the patient's rows by day.
void measure_patient(std::size_t p, std::span<const std::int32_t> rows, const CohortScores& scores,
                     std::int32_t as_of, PatientOutcomes& out) {
  const auto day = [&](std::int32_t row) { return scores.day[static_cast<std::size_t>(row)]; };
  const auto score = [&](std::int32_t row) { return scores.phq9[static_cast<std::size_t>(row)]; };
  std::size_t index = rows.size();
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (score(rows[i]) > 9) {
      index = i;
      break;
    }
  if (index == rows.size()) return;
  const auto index_day = day(rows[index]);
  const int baseline = score(rows[index]);
  out.index_day[p] = index_day;
  out.index_score[p] = static_cast<std::int8_t>(baseline);
  out.followed_days[p] = day(rows.back()) - index_day;
  for (std::size_t i = index + 1; i < rows.size(); ++i)
    if (2 * score(rows[i]) <= baseline) {
      out.days_to_response[p] = day(rows[i]) - index_day;
      break;
    }
  const auto index_date = civil_from_days(index_day);
  for (int h = 0; h < 2; ++h) {
    const auto anniversary = add_months(index_date, kHorizonMonths[h]);
    if (anniversary + kWindowDays > as_of) {
      out.status[h][p] = HorizonStatus::pending;
      continue;
    }
    out.status[h][p] = HorizonStatus::no_score;
    for (std::size_t i = rows.size(); i-- > index + 1;) {  // the most recent score in the window
      if (day(rows[i]) > anniversary + kWindowDays) continue;
      if (day(rows[i]) < anniversary - kWindowDays) break;
      const int s = score(rows[i]);
      out.score_day[h][p] = day(rows[i]);
      out.score[h][p] = static_cast<std::int8_t>(s);
      out.status[h][p] = s < 5 ? HorizonStatus::remission : 2 * s <= baseline ? HorizonStatus::response : HorizonStatus::no_response;
      break;
    }
  }
}

void mark_reliable_change(PatientOutcomes& out, double threshold) {
  for (int h = 0; h < 2; ++h)
    for (std::size_t p = 0; p < out.index_day.size(); ++p) {
      if (out.score[h][p] < 0) continue;
      const double change = out.score[h][p] - out.index_score[p];
      out.reliable[h][p] = static_cast<std::int8_t>(change < -threshold ? -1 : change > threshold ? 1 : 0);
    }
}

// The days at which the Kaplan-Meier risk set shrinks, from (time, responded) pairs: counted by day (times are days
// within the 1900-2100 span of iop's dates), so the pairs' order does not matter, then kept where someone leaves.
std::vector<ResponseTimes> response_times(const std::vector<std::pair<std::int32_t, bool>>& times) {
  std::int32_t last = 0;
  for (const auto& [t, event] : times) last = std::max(last, t);
  std::vector<std::int64_t> leaving(static_cast<std::size_t>(last) + 1, 0), events(leaving.size(), 0);
  for (const auto& [t, event] : times) {
    ++leaving[static_cast<std::size_t>(t)];
    events[static_cast<std::size_t>(t)] += event ? 1 : 0;
  }
  std::vector<ResponseTimes> moves;
  if (times.empty()) return moves;
  for (std::size_t t = 0; t < leaving.size(); ++t)
    if (leaving[t] > 0) moves.push_back({static_cast<std::int32_t>(t), leaving[t], events[t]});
  return moves;
}

std::string_view attribute(const CohortPatientColumns& patients, std::size_t p, CohortDimension d) {
  return d == CohortDimension::program ? patients.program[p] : d == CohortDimension::track ? patients.track[p] : patients.delivery[p];
}

void add_patient(GroupTally& g, const CohortPatientColumns& patients, std::size_t p, const PatientOutcomes& out,
                 std::vector<std::pair<std::int32_t, bool>>& times) {
  ++g.patients;
  if (patients.exclusion[p] != OutcomeExclusion::none) {
    ++g.excluded;
    return;
  }
  if (out.index_day[p] < 0) {
    ++g.no_index;
    return;
  }
  ++g.index_patients;
  for (int h = 0; h < 2; ++h) {
    auto& m = g.months[h];
    const auto status = out.status[h][p];
    if (status == HorizonStatus::pending) {
      ++m.pending;
      continue;
    }
    ++m.denominator;
    m.no_score += status == HorizonStatus::no_score ? 1 : 0;
    m.remission += status == HorizonStatus::remission ? 1 : 0;
    m.response += status == HorizonStatus::remission || status == HorizonStatus::response ? 1 : 0;
    if (out.score[h][p] >= 0) ++m.change[static_cast<std::size_t>(out.score[h][p] - out.index_score[p] + 27)];
  }
  const bool responded = out.days_to_response[p] >= 0;
  g.responders += responded ? 1 : 0;
  times.emplace_back(responded ? out.days_to_response[p] : out.followed_days[p], responded);
  if (patients.end[p] != CourseEnd::ongoing) {
    ++g.ended;
    g.against_advice += patients.end[p] == CourseEnd::against_advice ? 1 : 0;
  }
}

// Each value of one dimension as a number, in order of first appearance; `values` receives the distinct values.
std::vector<std::uint32_t> value_ids(const CohortPatientColumns& patients, CohortDimension dimension,
                                     std::vector<std::string_view>& values) {
  // A dimension has a handful of values: a scan of those seen beats hashing each patient's; past 16, a hash.
  std::vector<std::uint32_t> ids(patients.size());
  std::unordered_map<std::string_view, std::uint32_t> hashed;
  for (std::size_t p = 0; p < patients.size(); ++p) {
    const auto value = attribute(patients, p, dimension);
    auto id = static_cast<std::uint32_t>(values.size());
    if (hashed.empty()) {
      id = 0;  // the same characters as a value seen (the same storage first: no compare needed)
      while (id < values.size() && !(values[id].data() == value.data() && values[id].size() == value.size()) &&
             values[id] != value)
        ++id;
      if (id == values.size()) values.push_back(value);
      if (values.size() > 16)
        for (std::size_t v = 0; v < values.size(); ++v) hashed.emplace(values[v], static_cast<std::uint32_t>(v));
    } else {
      const auto [it, added] = hashed.try_emplace(value, static_cast<std::uint32_t>(values.size()));
      if (added) values.push_back(value);
      id = it->second;
    }
    ids[p] = id;
  }
  return ids;
}

// Each patient's group: the dimensions' value numbers combined (mixed radix over the distinct counts), the groups
// numbered in the order of their keys' values. A table indexes the combinations when there are at most 2^22 of
// them (a few dozen in practice), a hash map otherwise.
std::vector<std::size_t> group_patients(const CohortPatientColumns& patients, CohortTally& result) {
  std::vector<std::size_t> group_of(patients.size(), 0);
  if (result.by.empty()) return group_of;
  std::vector<std::vector<std::string_view>> values(result.by.size());
  std::vector<std::uint64_t> code(patients.size(), 0);
  std::uint64_t combinations = 1;
  for (std::size_t d = 0; d < result.by.size(); ++d) {
    const auto ids = value_ids(patients, result.by[d], values[d]);
    const std::uint64_t radix = std::max<std::size_t>(values[d].size(), 1);
    for (std::size_t p = 0; p < patients.size(); ++p) code[p] = code[p] * radix + ids[p];  // < n^3 < 2^63
    combinations *= radix;
  }
  constexpr std::uint64_t kTable = std::uint64_t{1} << 22;
  // 0: unused, else the group. At most 2^22 entries: an index that fits any size_t (WebAssembly's is 32 bits).
  std::vector<std::size_t> table(combinations <= kTable ? static_cast<std::size_t>(combinations) : 0, 0);
  std::unordered_map<std::uint64_t, std::size_t> hashed;
  const auto slot = [&](std::uint64_t c) -> std::size_t& {
    return combinations <= kTable ? table[static_cast<std::size_t>(c)] : hashed[c];
  };
  std::map<std::vector<std::string_view>, std::uint64_t> keys;  // ordered by the values
  for (std::size_t p = 0; p < patients.size(); ++p) {
    auto& used = slot(code[p]);
    if (used != 0) continue;
    used = 1;
    std::vector<std::string_view> key;
    for (std::size_t d = 0; d < result.by.size(); ++d) key.push_back(attribute(patients, p, result.by[d]));
    keys.emplace(std::move(key), code[p]);
  }
  result.groups.assign(keys.size() + 1, GroupTally{});
  std::size_t n = 1;
  for (const auto& [key, c] : keys) {
    slot(c) = n;
    result.groups[n++].key.assign(key.begin(), key.end());
  }
  for (std::size_t p = 0; p < patients.size(); ++p) group_of[p] = slot(code[p]);
  return group_of;
}

CohortTally tally_groups(const CohortPatientColumns& patients, const PatientOutcomes& out,
                         const CohortOptions& options) {
  if (patients.size() >= (std::size_t{1} << 21))
    throw ValidationError("patients", std::to_string(patients.size()), "are too many for one cohort call",
                          "fewer than 2,097,152 patients (split the cohort by patient and add up the parts' tallies)");
  CohortTally tally;
  tally.as_of = options.as_of;
  tally.reliability = options.reliability;
  tally.sd = options.sd;
  tally.by = options.by;
  tally.groups.assign(1, GroupTally{});
  const auto group_of = group_patients(patients, tally);
  std::vector<std::vector<std::pair<std::int32_t, bool>>> times(tally.groups.size());
  for (std::size_t p = 0; p < patients.size(); ++p) {
    add_patient(tally.groups[0], patients, p, out, times[0]);
    if (group_of[p] != 0) add_patient(tally.groups[group_of[p]], patients, p, out, times[group_of[p]]);
    if (out.index_day[p] >= 0) ++tally.index_scores[static_cast<std::size_t>(out.index_score[p])];
  }
  for (std::size_t g = 0; g < tally.groups.size(); ++g) tally.groups[g].times = response_times(times[g]);
  return tally;
}

PatientOutcomes empty_outcomes(std::size_t n) {
  PatientOutcomes out;
  out.index_day.assign(n, -1);
  out.index_score.assign(n, -1);
  for (int h = 0; h < 2; ++h) {
    out.score_day[h].assign(n, -1);
    out.score[h].assign(n, -1);
    out.status[h].assign(n, HorizonStatus::not_in_measure);
    out.reliable[h].assign(n, 0);
  }
  out.days_to_response.assign(n, -1);
  out.followed_days.assign(n, -1);
  return out;
}

// Every patient's index event and windows (reliable change not yet marked: it needs the cohort's threshold).
PatientOutcomes measure_patients(const CohortPatientColumns& patients, const CohortScores& scores,
                                 const CohortOptions& options) {
  const auto as_of = day_number(options.as_of);
  const auto by = sort_by_patient(scores, patients.size(), as_of);
  auto out = empty_outcomes(patients.size());
  for (std::size_t p = 0; p < patients.size(); ++p) {
    if (patients.exclusion[p] != OutcomeExclusion::none || !is_major_depression_or_dysthymia(patients.diagnosis[p]))
      continue;
    const std::span<const std::int32_t> rows(by.order.data() + by.offsets[p],
                                             static_cast<std::size_t>(by.offsets[p + 1] - by.offsets[p]));
    measure_patient(p, rows, scores, as_of, out);
  }
  return out;
}

}  // namespace

std::string_view to_string(CourseEnd end) noexcept { return detail::enum_name(kEnds, end); }
CourseEnd parse_course_end(std::string_view name, std::string_view field) {
  return detail::parse_enum(kEnds, name, field, "a course end");
}
std::string_view to_string(OutcomeExclusion exclusion) noexcept { return detail::enum_name(kExclusions, exclusion); }
OutcomeExclusion parse_outcome_exclusion(std::string_view name, std::string_view field) {
  return detail::parse_enum(kExclusions, name, field, "a denominator exclusion of the measures");
}
std::string_view to_string(CohortDimension dimension) noexcept { return detail::enum_name(kDimensions, dimension); }
CohortDimension parse_cohort_dimension(std::string_view name, std::string_view field) {
  return detail::parse_enum(kDimensions, name, field, "a dimension of the groups");
}
std::string_view to_string(HorizonStatus status) noexcept { return detail::enum_name(kStatuses, status); }

bool is_major_depression_or_dysthymia(std::string_view code) noexcept {
  // The ICD-10-CM members of "Major Depression Including Remission" (published with the OID
  // 2.16.840.113883.3.67.1.101.3.2444, version 20210219, the same in the 2021 to 2025 expansions) and of "Dysthymia"
  // (2.16.840.1.113883.3.67.1.101.1.254): docs/data.md "Outcome measures" gives the sources. F33.8, F32.A, F32.8x
  // and F53.0 are in neither.
  static constexpr std::array<std::string_view, 16> kMembers{"F32.0", "F32.1",  "F32.2",  "F32.3",  "F32.4", "F32.5",
                                                             "F32.9", "F33.0",  "F33.1",  "F33.2",  "F33.3", "F33.40",
                                                             "F33.41", "F33.42", "F33.9", "F34.1"};
  return std::find(kMembers.begin(), kMembers.end(), code) != kMembers.end();
}

Date add_calendar_months(Date date, int months) { return date_of(add_months(day_number(date), months)); }

CohortTally cohort_tally(const CohortPatientColumns& patients, const CohortScores& scores,
                         const CohortOptions& options) {
  check_patients_and_options(patients, options);
  return tally_groups(patients, measure_patients(patients, scores, options), options);
}

CohortOutcomes cohort_outcomes(const CohortPatientColumns& patients, const CohortScores& scores,
                               const CohortOptions& options) {
  check_patients_and_options(patients, options);
  auto measured = measure_patients(patients, scores, options);
  // The whole cohort is one part, finished: the groups come from the counts a partitioned cohort adds up.
  auto result = cohort_outcomes(tally_groups(patients, measured, options));
  mark_reliable_change(measured, result.threshold);
  result.patients = std::move(measured);
  return result;
}

// CohortPatient values as the columns the kernel reads (views into the values).
struct PatientViews {
  std::vector<std::string_view> id, program, track, delivery, diagnosis;
  std::vector<CourseEnd> end;
  std::vector<OutcomeExclusion> exclusion;
  explicit PatientViews(std::span<const CohortPatient> patients) {
    for (const auto& p : patients) {
      id.push_back(p.id);
      program.push_back(p.program);
      track.push_back(p.track);
      delivery.push_back(p.delivery);
      diagnosis.push_back(p.diagnosis);
      end.push_back(p.end);
      exclusion.push_back(p.exclusion);
    }
  }
  [[nodiscard]] CohortPatientColumns columns() const { return {id, program, track, delivery, diagnosis, end, exclusion}; }
};

CohortOutcomes cohort_outcomes(std::span<const CohortPatient> patients, const CohortScores& scores,
                               const CohortOptions& options) {
  return cohort_outcomes(PatientViews(patients).columns(), scores, options);
}

CohortTally cohort_tally(std::span<const CohortPatient> patients, const CohortScores& scores,
                         const CohortOptions& options) {
  return cohort_tally(PatientViews(patients).columns(), scores, options);
}

}  // namespace iop
