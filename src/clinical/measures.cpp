#include "iop/clinical/measures.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "iop/core/error.hpp"

namespace iop {
namespace {

template <std::size_t N>
std::array<int, N> check_items(std::span<const int> items, std::string_view field, std::string_view name) {
  if (items.size() != N)
    throw ValidationError(std::string(field) + ".items", std::to_string(items.size()) + " items",
                          "is the wrong number of " + std::string(name) + " items", "exactly " + std::to_string(N));
  std::array<int, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    if (items[i] < 0 || items[i] > 3)
      throw ValidationError(std::string(field) + ".items[" + std::to_string(i) + "]", std::to_string(items[i]),
                            "is not an item score (item " + std::to_string(i + 1) + " of the " + std::string(name) + ")",
                            "0..3");
    out[i] = items[i];
  }
  return out;
}

}  // namespace

std::string_view to_string(Measure measure) noexcept { return measure == Measure::phq9 ? "PHQ-9" : "GAD-7"; }

Measure parse_measure(std::string_view text, std::string_view field) {
  if (text == "PHQ-9" || text == "phq9" || text == "PHQ9") return Measure::phq9;
  if (text == "GAD-7" || text == "gad7" || text == "GAD7") return Measure::gad7;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not a measure iop scores", "PHQ-9, GAD-7");
}

int max_total(Measure measure) noexcept { return measure == Measure::phq9 ? 27 : 21; }

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::minimal: return "minimal";
    case Severity::mild: return "mild";
    case Severity::moderate: return "moderate";
    case Severity::moderately_severe: return "moderately severe";
    case Severity::severe: return "severe";
  }
  return "minimal";
}

Severity severity_of(Measure measure, int total, std::string_view field) {
  const int top = max_total(measure);
  if (total < 0 || total > top)
    throw ValidationError(std::string(field), std::to_string(total), "is not a " + std::string(to_string(measure)) + " total",
                          "0.." + std::to_string(top));
  if (total <= 4) return Severity::minimal;
  if (total <= 9) return Severity::mild;
  if (total <= 14) return Severity::moderate;
  if (measure == Measure::gad7) return Severity::severe;  // GAD-7: 15-21
  if (total <= 19) return Severity::moderately_severe;
  return Severity::severe;
}

Phq9 Phq9::from_items(std::span<const int> items, std::string_view field) {
  Phq9 out;
  out.items_ = check_items<9>(items, field, "PHQ-9");
  return out;
}
Phq9 Phq9::from_items(std::initializer_list<int> items, std::string_view field) {
  return from_items(std::span<const int>(items.begin(), items.size()), field);
}
int Phq9::total() const noexcept { return std::accumulate(items_.begin(), items_.end(), 0); }
Severity Phq9::severity() const noexcept { return severity_of(Measure::phq9, total()); }

Gad7 Gad7::from_items(std::span<const int> items, std::string_view field) {
  Gad7 out;
  out.items_ = check_items<7>(items, field, "GAD-7");
  return out;
}
Gad7 Gad7::from_items(std::initializer_list<int> items, std::string_view field) {
  return from_items(std::span<const int>(items.begin(), items.size()), field);
}
int Gad7::total() const noexcept { return std::accumulate(items_.begin(), items_.end(), 0); }
Severity Gad7::severity() const noexcept { return severity_of(Measure::gad7, total()); }

Trajectory::Trajectory(Measure measure, std::vector<DatedScore> scores, std::string_view field)
    : measure_(measure), scores_(std::move(scores)) {
  if (scores_.empty())
    throw ValidationError(std::string(field), "[]", "has no scores", "at least a baseline score");
  for (std::size_t i = 0; i < scores_.size(); ++i)
    (void)severity_of(measure, scores_[i].total, std::string(field) + "[" + std::to_string(i) + "].total");
  std::stable_sort(scores_.begin(), scores_.end(),
                   [](const DatedScore& a, const DatedScore& b) { return a.date < b.date; });
  for (std::size_t i = 1; i < scores_.size(); ++i)
    if (scores_[i].date == scores_[i - 1].date)
      throw ValidationError(std::string(field), to_iso_string(scores_[i].date), "has two scores on the same date",
                            "one score of a measure per date");
}

std::optional<double> Trajectory::percent_reduction() const noexcept {
  if (baseline().total == 0) return std::nullopt;
  return 100.0 * (baseline().total - latest().total) / baseline().total;
}

bool Trajectory::is_response() const noexcept {
  // At least half of the baseline gone, in integers: 2 * (baseline - latest) >= baseline.
  return baseline().total > 0 && 2 * (baseline().total - latest().total) >= baseline().total;
}

bool Trajectory::is_remission() const noexcept { return measure_ == Measure::phq9 && latest().total < 5; }

int Trajectory::weeks_without_improvement() const noexcept {
  Date last_improvement = scores_.front().date;
  int best = scores_.front().total;
  for (const auto& s : scores_)
    if (s.total < best) {
      best = s.total;
      last_improvement = s.date;
    }
  return static_cast<int>((latest().date - last_improvement).days() / 7);
}

}  // namespace iop
