// A cohort's outcome counts added up part by part, and finished: the SD, the threshold of reliable change, the
// Kaplan-Meier medians and the groups' counts. Every part is counts, so the sum does not depend on how the
// patients were split or in what order the parts arrive.

#include "iop/episode/cohort_tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/int128.hpp"

namespace iop {

namespace {

using json = nlohmann::json;

// 1.96: the two-sided 95 % normal quantile of Jacobson & Truax's reliable change index.
constexpr double kReliableZ = 1.96;
constexpr std::int64_t kCountMax = std::numeric_limits<std::int64_t>::max();

void add(std::int64_t& total, std::int64_t more, const char* what) {
  if (__builtin_add_overflow(total, more, &total))
    throw OverflowError(what, std::to_string(more), "would pass the largest count when added",
                        "counts up to 9223372036854775807");
}

void add(HorizonTally& total, const HorizonTally& more) {
  add(total.denominator, more.denominator, "denominator");
  add(total.pending, more.pending, "pending");
  add(total.no_score, more.no_score, "no_score");
  add(total.remission, more.remission, "remission");
  add(total.response, more.response, "response");
  for (std::size_t c = 0; c < total.change.size(); ++c) add(total.change[c], more.change[c], "change");
}

// Two runs of days, increasing, merged into one (a day in both adds up).
std::vector<ResponseTimes> merge_times(const std::vector<ResponseTimes>& a, const std::vector<ResponseTimes>& b) {
  std::vector<ResponseTimes> out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].day < b[j].day)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].day < a[i].day) {
      out.push_back(b[j++]);
    } else {
      auto both = a[i++];
      add(both.leaving, b[j].leaving, "times.leaving");
      add(both.responding, b[j++].responding, "times.responding");
      out.push_back(both);
    }
  }
  return out;
}

void add(GroupTally& total, const GroupTally& more) {
  add(total.patients, more.patients, "patients");
  add(total.excluded, more.excluded, "excluded");
  add(total.no_index, more.no_index, "no_index");
  add(total.index_patients, more.index_patients, "index_patients");
  for (int h = 0; h < 2; ++h) add(total.months[h], more.months[h]);
  add(total.responders, more.responders, "responders");
  total.times = merge_times(total.times, more.times);
  add(total.ended, more.ended, "ended");
  add(total.against_advice, more.against_advice, "against_advice");
}

std::string option_text(const CohortTally& t, std::string_view option) {
  if (option == "as_of") return to_iso_string(t.as_of);
  if (option == "reliability") return json(t.reliability).dump();
  if (option == "sd") return t.sd ? json(*t.sd).dump() : "none (the sample SD)";
  std::string by;
  for (auto d : t.by) by += (by.empty() ? "" : ", ") + std::string(to_string(d));
  return "[" + by + "]";
}

void check_same_options(const CohortTally& whole, const CohortTally& part) {
  const char* differs = nullptr;
  if (whole.as_of != part.as_of) differs = "as_of";
  else if (whole.reliability != part.reliability) differs = "reliability";
  else if (whole.sd != part.sd) differs = "sd";
  else if (whole.by != part.by) differs = "by";
  if (differs != nullptr)
    throw ValidationError(std::string("part.") + differs, option_text(part, differs),
                          "differs from the other parts' " + option_text(whole, differs),
                          "parts measured with the same as_of, reliability, sd and by");
}

// The sample SD of the index scores from their counts: n, the sum and the sum of squares are exact integers, so
// n·Σx² − (Σx)² is exact too and the variance is rounded once when divided — the same however the cohort was split
// or ordered (a running mean would depend on the order).
double sample_sd(const std::array<std::int64_t, 28>& counts) {
  using detail::int128;
  int128 n = 0, sum = 0, squares = 0;  // counts below 2^63, scores at most 27: no overflow
  for (std::size_t score = 0; score < counts.size(); ++score) {
    const auto k = static_cast<int128>(score);
    n += counts[score];
    sum += counts[score] * k;
    squares += counts[score] * k * k;
  }
  if (n < 2)
    throw ValidationError("sd", "", "is needed: the cohort has fewer than 2 patients with an index event to take the "
                                    "sample SD of their index scores from", "a number above 0");
  const int128 spread = n * squares - sum * sum;  // n² · the population variance: ≥ 0, below 2^127
  if (spread == 0)
    throw ValidationError("sd", "", "is needed: every index score is " + std::to_string(static_cast<long long>(sum / n)) +
                                        ", so their sample SD is 0 and any change would count as reliable",
                          "a number above 0, at most 27");
  return std::sqrt(static_cast<double>(spread) / (static_cast<double>(n) * static_cast<double>(n - 1)));
}

// The first day at which the Kaplan-Meier curve reaches 1/2 or less, or none.
std::optional<double> kaplan_meier_median(const std::vector<ResponseTimes>& times) {
  std::int64_t at_risk = 0;
  for (const auto& t : times) at_risk += t.leaving;
  double survival = 1;
  for (const auto& t : times) {
    if (t.responding > 0) {
      survival *= 1.0 - static_cast<double>(t.responding) / static_cast<double>(at_risk);
      if (survival <= 0.5) return static_cast<double>(t.day);
    }
    at_risk -= t.leaving;
  }
  return std::nullopt;
}

int count(std::int64_t n, const char* what) {
  if (n < 0 || n > std::numeric_limits<int>::max())
    throw OverflowError(what, std::to_string(n), "is more than one result counts",
                        "at most 2147483647 in a group (split by program, track or delivery)");
  return static_cast<int>(n);
}

HorizonSummary finish(const HorizonTally& m, double threshold) {
  HorizonSummary s;
  s.denominator = count(m.denominator, "denominator");
  s.pending = count(m.pending, "pending");
  s.no_score = count(m.no_score, "no_score");
  s.remission = count(m.remission, "remission");
  s.response = count(m.response, "response");
  std::int64_t improvement = 0, deterioration = 0;
  for (int change = -27; change <= 27; ++change) {
    const auto n = m.change[static_cast<std::size_t>(change + 27)];
    // As each patient's own mark: a change beyond the threshold, as a double against a double.
    const double c = change;
    improvement += c < -threshold ? n : 0;
    deterioration += c > threshold ? n : 0;
  }
  s.reliable_improvement = count(improvement, "reliable_improvement");
  s.reliable_deterioration = count(deterioration, "reliable_deterioration");
  return s;
}

// ---- reading a tally back ----

std::int64_t read_count(const JsonReader& r) { return r.as_int(0, kCountMax); }

template <std::size_t N>
void read_counts(const JsonReader& r, std::array<std::int64_t, N>& out) {
  if (r.array_size(N) != N)
    throw ValidationError(r.path(), std::to_string(r.array_size()) + " counts", "is not one count a value",
                          std::to_string(N) + " counts");
  for (std::size_t i = 0; i < N; ++i) out[i] = read_count(r.at(i));
}

double read_number(const JsonReader& r) {
  if (!r.json().is_number())
    throw ValidationError(r.path(), r.json().dump(), "is not a number", "a number");
  return r.json().get<double>();
}

HorizonTally read_horizon(const JsonReader& r) {
  r.expect_only({"denominator", "pending", "no_score", "remission", "response", "change"});
  HorizonTally m;
  m.denominator = read_count(r.at("denominator"));
  m.pending = read_count(r.at("pending"));
  m.no_score = read_count(r.at("no_score"));
  m.remission = read_count(r.at("remission"));
  m.response = read_count(r.at("response"));
  read_counts(r.at("change"), m.change);
  return m;
}

// The counts of every part and of every sum of parts hold together: a text that breaks one was not written by
// iop (or was edited), and is refused rather than finished into rates above 1 or sums that overflow.
void must_hold(bool holds, const std::string& path, const char* rule) {
  if (!holds) throw ValidationError(path, "", "breaks " + std::string(rule), "the counts of a tally iop wrote");
}

void check_group(const GroupTally& g, const std::string& path) {
  using detail::int128;
  must_hold(int128{g.excluded} + g.no_index + g.index_patients == g.patients, path,
            "excluded + no_index + index_patients = patients");
  for (std::size_t h = 0; h < 2; ++h) {
    const auto& m = g.months[h];
    const auto at = path + ".months[" + std::to_string(h) + "]";
    must_hold(int128{m.denominator} + m.pending == g.index_patients, at, "denominator + pending = index_patients");
    must_hold(m.no_score <= m.denominator && m.remission <= m.response && m.response <= m.denominator - m.no_score, at,
              "remission <= response <= denominator - no_score");
    int128 scored = 0;
    for (std::size_t c = 0; c < m.change.size(); ++c) {
      // An index score is 10..27 and a score 0..27: a change from -27 to 17.
      must_hold(m.change[c] == 0 || c <= 27 + 17, at + ".change", "a change of at most 17 points (index 10 or more)");
      scored += m.change[c];
    }
    must_hold(scored == m.denominator - m.no_score, at + ".change", "the sum of changes = denominator - no_score");
  }
  int128 leaving = 0, responding = 0;
  for (const auto& t : g.times) {
    leaving += t.leaving;
    responding += t.responding;
  }
  must_hold(leaving == g.index_patients, path + ".times", "the patients leaving = index_patients");
  must_hold(responding == g.responders, path + ".times", "the patients responding = responders");
  must_hold(g.against_advice <= g.ended && g.ended <= g.index_patients, path,
            "against_advice <= ended <= index_patients");
}

// The groups of `by` add up to the whole cohort; the index scores are the whole cohort's index patients'.
void check_tally(const CohortTally& t, const std::string& path) {
  using detail::int128;
  const auto& whole = t.groups.front();
  int128 index_patients = 0;
  for (std::size_t score = 0; score < t.index_scores.size(); ++score) {
    must_hold(score > 9 || t.index_scores[score] == 0, path + ".index_scores", "an index score above 9");
    index_patients += t.index_scores[score];
  }
  must_hold(index_patients == whole.index_patients, path + ".index_scores",
            "the index scores' count = the whole cohort's index_patients");
  if (t.by.empty()) {
    must_hold(t.groups.size() == 1, path + ".groups", "one group, the whole cohort, when by is empty");
    return;
  }
  int128 patients = 0, index = 0, responders = 0, ended = 0;
  for (std::size_t g = 1; g < t.groups.size(); ++g) {
    patients += t.groups[g].patients;
    index += t.groups[g].index_patients;
    responders += t.groups[g].responders;
    ended += t.groups[g].ended;
  }
  must_hold(patients == whole.patients && index == whole.index_patients && responders == whole.responders &&
                ended == whole.ended,
            path + ".groups", "the groups' patients, index patients, responders and ended = the whole cohort's");
}

GroupTally read_group(const JsonReader& r, std::size_t dimensions, bool whole) {
  r.expect_only({"key", "patients", "excluded", "no_index", "index_patients", "months", "responders", "times", "ended",
                 "against_advice"});
  GroupTally g;
  const auto key = r.at("key");
  const auto size = key.array_size(3);
  if (size != (whole ? 0 : dimensions))
    throw ValidationError(key.path(), std::to_string(size) + " values", "is not one value a dimension of by",
                          whole ? "[] for the whole cohort" : std::to_string(dimensions) + " values");
  for (std::size_t d = 0; d < size; ++d) g.key.push_back(key.at(d).as_string());
  g.patients = read_count(r.at("patients"));
  g.excluded = read_count(r.at("excluded"));
  g.no_index = read_count(r.at("no_index"));
  g.index_patients = read_count(r.at("index_patients"));
  const auto months = r.at("months");
  if (months.array_size(2) != 2)
    throw ValidationError(months.path(), std::to_string(months.array_size()) + " horizons", "is not 6 and 12 months",
                          "2 horizons");
  for (std::size_t h = 0; h < 2; ++h) g.months[h] = read_horizon(months.at(h));
  g.responders = read_count(r.at("responders"));
  const auto times = r.at("times");
  const auto n = times.array_size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto t = times.at(i);
    if (t.array_size(3) != 3)
      throw ValidationError(t.path(), "", "is not [day, leaving, responding]", "3 whole numbers");
    ResponseTimes row{static_cast<std::int32_t>(t.at(std::size_t{0}).as_int(0, 201 * 366)), read_count(t.at(1)),
                      read_count(t.at(2))};
    if (row.leaving == 0 || row.responding > row.leaving)
      throw ValidationError(t.path(), "[" + std::to_string(row.day) + ", " + std::to_string(row.leaving) + ", " +
                                          std::to_string(row.responding) + "]",
                            "is not a day someone leaves", "leaving at least 1 and at least responding");
    if (!g.times.empty() && row.day <= g.times.back().day)
      throw ValidationError(t.path(), std::to_string(row.day), "is not after the day before it", "days increasing");
    g.times.push_back(row);
  }
  g.ended = read_count(r.at("ended"));
  g.against_advice = read_count(r.at("against_advice"));
  check_group(g, r.path());
  return g;
}


void add_into(CohortTally& whole, const CohortTally& part) {
  for (std::size_t s = 0; s < whole.index_scores.size(); ++s)
    add(whole.index_scores[s], part.index_scores[s], "index_scores");
  add(whole.groups.front(), part.groups.front());
  // The other groups by key, both in order of their keys: a merge keeps the order.
  std::vector<GroupTally> groups{std::move(whole.groups.front())};
  auto a = whole.groups.begin() + 1;
  auto b = part.groups.begin() + 1;
  while (a != whole.groups.end() || b != part.groups.end()) {
    if (b == part.groups.end() || (a != whole.groups.end() && a->key < b->key)) {
      groups.push_back(std::move(*a++));
    } else if (a == whole.groups.end() || b->key < a->key) {
      groups.push_back(*b++);
    } else {
      add(*a, *b++);
      groups.push_back(std::move(*a++));
    }
  }
  whole.groups = std::move(groups);
}


}  // namespace

void merge(CohortTally& whole, const CohortTally& part) {
  if (whole.groups.empty()) {
    whole = part;
    return;
  }
  if (part.groups.empty()) return;
  check_same_options(whole, part);
  CohortTally sum = whole;  // added into a copy: a count that would overflow leaves `whole` as it was
  add_into(sum, part);
  whole = std::move(sum);
}


CohortOutcomes cohort_outcomes(const CohortTally& tally) {
  CohortOutcomes result;
  result.as_of = tally.as_of;
  result.by = tally.by;
  result.reliability = tally.reliability;
  result.sd_from_sample = !tally.sd.has_value();
  result.sd = tally.sd ? *tally.sd : sample_sd(tally.index_scores);
  result.threshold = kReliableZ * result.sd * std::sqrt(2.0) * std::sqrt(1.0 - tally.reliability);
  for (const auto& t : tally.groups) {
    GroupOutcomes g;
    g.key = t.key;
    g.patients = count(t.patients, "patients");
    g.excluded = count(t.excluded, "excluded");
    g.no_index = count(t.no_index, "no_index");
    g.index_patients = count(t.index_patients, "index_patients");
    for (int h = 0; h < 2; ++h) g.months[h] = finish(t.months[h], result.threshold);
    g.responders = count(t.responders, "responders");
    g.median_days_to_response = kaplan_meier_median(t.times);
    g.ended = count(t.ended, "ended");
    g.against_advice = count(t.against_advice, "against_advice");
    result.groups.push_back(std::move(g));
  }
  if (!result.groups.empty() && result.groups.front().months[1].pending > 0) {
    const auto& all = result.groups.front();
    result.warnings.push_back(std::to_string(all.months[1].pending) + " of " + std::to_string(all.index_patients) +
                              " index patients' 12-month windows close after " + to_iso_string(tally.as_of) +
                              ": pending, outside the 12-month denominator");
  }
  return result;
}

json to_json(const CohortTally& tally) {
  json by = json::array();
  for (auto d : tally.by) by.push_back(to_string(d));
  json groups = json::array();
  for (const auto& g : tally.groups) {
    json months = json::array();
    for (const auto& m : g.months)
      months.push_back({{"denominator", m.denominator},
                        {"pending", m.pending},
                        {"no_score", m.no_score},
                        {"remission", m.remission},
                        {"response", m.response},
                        {"change", m.change}});
    json times = json::array();
    for (const auto& t : g.times) times.push_back({t.day, t.leaving, t.responding});
    groups.push_back({{"key", g.key},
                      {"patients", g.patients},
                      {"excluded", g.excluded},
                      {"no_index", g.no_index},
                      {"index_patients", g.index_patients},
                      {"months", std::move(months)},
                      {"responders", g.responders},
                      {"times", std::move(times)},
                      {"ended", g.ended},
                      {"against_advice", g.against_advice}});
  }
  return json{{"as_of", to_iso_string(tally.as_of)},
              {"reliability", tally.reliability},
              {"sd", tally.sd ? json(*tally.sd) : json(nullptr)},
              {"by", std::move(by)},
              {"index_scores", tally.index_scores},
              {"groups", std::move(groups)}};
}

CohortTally cohort_tally_from_json(const json& document, const std::string& path) {
  const JsonReader r(document, path);
  r.expect_only({"as_of", "reliability", "sd", "by", "index_scores", "groups"});
  CohortTally t;
  t.as_of = r.at("as_of").as_date();
  const auto reliability = r.at("reliability");
  t.reliability = read_number(reliability);
  if (!(t.reliability > 0 && t.reliability < 1))
    throw ValidationError(reliability.path(), reliability.json().dump(), "is not a reliability coefficient",
                          "a number above 0 and below 1");
  if (!document.contains("sd")) (void)r.at("sd");  // required, null for the sample SD
  if (const auto sd = r.find("sd")) {
    t.sd = read_number(*sd);
    if (!(*t.sd > 0 && *t.sd <= 27))
      throw ValidationError(sd->path(), sd->json().dump(), "is not a standard deviation of PHQ-9 totals",
                            "a number above 0, at most 27");
  }
  const auto by = r.at("by");
  for (std::size_t d = 0, n = by.array_size(3); d < n; ++d) {
    const auto dimension = parse_cohort_dimension(by.at(d).as_string(), by.at(d).path());
    if (std::find(t.by.begin(), t.by.end(), dimension) != t.by.end())
      throw ValidationError(by.at(d).path(), std::string(to_string(dimension)), "is named twice",
                            "each of program, track, delivery at most once");
    t.by.push_back(dimension);
  }
  read_counts(r.at("index_scores"), t.index_scores);
  const auto groups = r.at("groups");
  const auto n = groups.array_size();
  for (std::size_t i = 0; i < n; ++i) {
    t.groups.push_back(read_group(groups.at(i), t.by.size(), i == 0));
    if (i > 1 && !(t.groups[i - 1].key < t.groups[i].key))
      throw ValidationError(groups.at(i).path() + ".key", "", "is not after the key before it",
                            "groups in increasing order of their keys, each once");
  }
  if (n == 0) throw ValidationError(groups.path(), "[]", "has no whole cohort", "the whole cohort first");
  check_tally(t, path);
  return t;
}

}  // namespace iop
