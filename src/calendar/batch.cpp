#include "iop/calendar/batch.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <string>

#include "iop/core/error.hpp"
#include "core/checked.hpp"
#include "calendar/day_bits.hpp"
#include "core/parallel.hpp"

namespace iop {
namespace {

// Pattern days as offsets 0..6 from the week's first day, as a 7-bit mask.
std::uint8_t pattern_mask(int days, int start_weekday) {
  std::uint8_t mask = 0;
  for (auto day : default_weekdays(days)) {
    const int offset = (static_cast<int>(day) - start_weekday + 7) % 7;
    mask = static_cast<std::uint8_t>(mask | (1U << offset));
  }
  return mask;
}

std::string plan_field(std::size_t i, const char* name) { return "plans[" + std::to_string(i) + "]." + name; }

// Days since 1970-01-01 of the bitmap's day 0.
std::int32_t epoch_day_number() {
  return static_cast<std::int32_t>((HolidayCalendar::bitmap_epoch() - Date(1970, 1, 1)).days());
}

// Checks plan i against its program and the holiday calendar's years; returns the program.
const ProgramTemplate& checked_plan(const BatchPlans& plans, std::size_t i, std::span<const ProgramTemplate* const> programs,
                                    std::int64_t epoch, std::int64_t last_index) {
  const auto program_index = plans.program[i];
  if (program_index < 0 || static_cast<std::uint64_t>(program_index) >= programs.size())
    throw ValidationError(plan_field(i, "program"), std::to_string(program_index), "is not a program index",
                          "0.." + std::to_string(static_cast<long>(programs.size()) - 1));
  const ProgramTemplate& program = *programs[static_cast<std::size_t>(program_index)];
  const auto weeks = plans.weeks[i];
  const auto per_week = plans.days_per_week[i];
  if (weeks < program.duration.min_weeks || weeks > program.duration.max_weeks)
    throw ValidationError(plan_field(i, "weeks"), std::to_string(weeks), "is outside the program's weeks",
                          program.duration.describe());
  if (per_week < program.days_per_week.min || per_week > program.days_per_week.max)
    throw ValidationError(plan_field(i, "days_per_week"), std::to_string(per_week),
                          "is outside the program's days a week",
                          std::to_string(program.days_per_week.min) + ".." + std::to_string(program.days_per_week.max));
  const auto track_index = plans.track[i];
  if (track_index < 0 || static_cast<std::uint64_t>(track_index) >= program.tracks.size())
    throw ValidationError(plan_field(i, "track"), std::to_string(track_index), "is not a track index of " + program.id,
                          "0.." + std::to_string(static_cast<long>(program.tracks.size()) - 1));
  // Room for the course plus 26 weeks of extension; compared before any arithmetic on the day.
  const auto start = plans.start_days[i];
  if (start <= epoch || start - epoch >= last_index - 7 * (weeks + 26))
    throw ValidationError(plan_field(i, "start_date"), std::to_string(start) + " days since 1970-01-01",
                          "is outside the holiday calendar's years", "1971-01-01..2100-12-31 (less the course)");
  return program;
}

// The weekly patterns of 1..7 days a week by the weekday a course starts on, built once a call
// (`default_weekdays` makes a vector each time).
class Patterns {
 public:
  Patterns() {
    for (int days = 1; days <= 7; ++days)
      for (int weekday = 0; weekday < 7; ++weekday) masks_[days][weekday] = pattern_mask(days, weekday);
  }
  // The pattern of @p days a week from a course starting on @p start_weekday (0 Sunday .. 6 Saturday).
  [[nodiscard]] std::uint8_t of(int days, int start_weekday) const {
    return days >= 1 && days <= 7 ? masks_[days][start_weekday] : pattern_mask(days, start_weekday);
  }

 private:
  std::uint8_t masks_[8][7] = {};
};

// A weekly 7-bit pattern repeated over 64 days whose first day is day @p phase (0..6) of the pattern's week.
std::uint64_t repeated(std::uint8_t pattern, unsigned phase) {
  const auto turned = static_cast<std::uint64_t>(((pattern >> phase) | (pattern << (7 - phase))) & 0x7F);
  // Bits 0, 7, ..., 56 of the multiplier place a copy every 7 bits without carries; bit 63 is day 63 = 9 x 7.
  return turned * 0x0102040810204081ULL | (turned & 1U) << 63;
}

// The 64-day words of a plan's course: the course, and 26 weeks of extension under `extend`.
std::size_t words_of(std::int64_t weeks, HolidayPolicy policy) {
  return static_cast<std::size_t>(7 * (policy == HolidayPolicy::extend ? weeks + 26 : weeks) + 63) / 64;
}

// A checked plan's course: its program days as bits, day k of the course at bit k of its words, laid out
// in every policy `build_calendar` has (when the words are writable: Word is std::uint64_t); then its
// session rows in order.
template <class Word>
class Course {
 public:
  // Plan i, its program days in @p words (laid out here by lay_out, or before).
  Course(const BatchPlans& plans, std::size_t i, const ProgramTemplate& program, std::int32_t epoch,
         std::span<Word> words)
      : program_(program),
        plan_(i),
        epoch_(epoch),
        weeks_(static_cast<int>(plans.weeks[i])),
        day0_(static_cast<std::int32_t>(plans.start_days[i] - epoch)),
        start_(program.tracks[static_cast<std::size_t>(plans.track[i])].start.minutes()),
        words_(words) {}

  // Lays out the program days of a course of @p days_per_week days a week under @p policy.
  void lay_out(const std::vector<std::uint64_t>& open, HolidayPolicy policy, const Patterns& patterns,
               int days_per_week) {
    const int start_weekday = (day0_ + epoch_ + 4) % 7;  // 1970-01-01 was a Thursday; the start is after it
    const std::uint8_t full = patterns.of(days_per_week, start_weekday);
    const std::uint8_t tapered = program_.taper ? patterns.of(program_.taper->days_per_week, start_weekday) : full;
    const int taper_from = program_.taper ? weeks_ - program_.taper->final_weeks : weeks_;
    auto is_open = [&](std::int32_t index) { return (open[static_cast<std::size_t>(index) >> 6] >> (index & 63)) & 1U; };
    if (policy == HolidayPolicy::make_up_same_week) {
      std::fill(words_.begin(), words_.end(), std::uint64_t{0});
      make_up_same_week(is_open, full, tapered, taper_from);
      return;
    }
    const int deficit = skip(open, full, tapered, taper_from, policy == HolidayPolicy::extend);
    if (policy == HolidayPolicy::extend) {
      // `skip` wrote the course's words; the extension sets bits in cleared ones.
      std::fill(words_.begin() + (7 * weeks_ + 63) / 64, words_.end(), std::uint64_t{0});
      extend(deficit, is_open, weeks_ - 1 >= taper_from ? tapered : full);
    }
  }

  // Rows of the course: its program days and the separate sessions placed after them.
  [[nodiscard]] std::size_t rows() const {
    std::size_t rows = 0;
    for (const auto word : words_) rows += static_cast<std::size_t>(detail::bit_count(word));
    if (!program_.individual_therapy && !program_.medication_management) return rows;
    int end = 0;  // one past the last program day
    for (std::size_t w = words_.size(); w-- > 0 && end == 0;)
      if (words_[w]) end = static_cast<int>(w) * 64 + 64 - std::countl_zero(words_[w]);
    for (const auto* frequency : {&program_.individual_therapy, &program_.medication_management}) {
      if (!*frequency) continue;
      const int period_days = 7 * (*frequency)->per_weeks;
      for (int from = 0; from < end; from += period_days)
        rows += static_cast<std::size_t>(
            std::min<std::int64_t>((*frequency)->sessions, detail::days_between(words_, from, from + period_days)));
    }
    return rows;
  }

  // Writes the course's sessions in order to rows 0, 1, ... of @p rows (see RowColumns): each program day,
  // then the first `sessions` program days of each period get the separate sessions, after the day.
  template <class Rows>
  void write(Rows rows) const {
    // A day's sessions start before midnight plus a day's minutes: they fit in 16 bits, checked anyway.
    auto field = [&] { return plan_field(plan_, "local_start"); };
    const auto plan = static_cast<std::int32_t>(plan_);
    const auto start = detail::narrow<std::int16_t>(start_, field);
    const auto day_minutes = detail::narrow<std::int16_t>(program_.minutes_per_day, field);
    const std::int32_t first_date = day0_ + epoch_;
    std::size_t r = 0;
    if (!program_.individual_therapy && !program_.medication_management) {
      for (std::size_t w = 0; w < words_.size(); ++w)
        for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
          rows.put(r++, plan, first_date + static_cast<std::int32_t>(w * 64) + std::countr_zero(bits), start,
                   day_minutes, 0);
      return;
    }
    const std::array<std::int16_t, 2> lengths{
        detail::narrow<std::int16_t>(modality_info(Modality::individual_therapy).default_minutes, field),
        detail::narrow<std::int16_t>(modality_info(Modality::medication_management).default_minutes, field)};
    std::array<int, 2> period_seen{-1, -1};
    std::array<int, 2> placed{0, 0};
    const std::array<const std::optional<SessionFrequency>*, 2> frequencies{&program_.individual_therapy,
                                                                             &program_.medication_management};
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        const int k = static_cast<int>(w) * 64 + std::countr_zero(bits);
        const std::int32_t date = first_date + k;
        rows.put(r++, plan, date, start, day_minutes, 0);
        auto next_start = detail::narrow<std::int16_t>(start + day_minutes, field);
        const int week = k / 7;
        for (std::size_t s = 0; s < 2; ++s) {
          const auto& f = *frequencies[s];
          if (!f) continue;
          const int period = week / f->per_weeks;
          if (period != period_seen[s]) {
            period_seen[s] = period;
            placed[s] = 0;
          }
          if (placed[s] >= f->sessions) continue;
          ++placed[s];
          rows.put(r++, plan, date, next_start, lengths[s], static_cast<std::uint8_t>(s + 1));
          next_start = detail::narrow<std::int16_t>(next_start + lengths[s], field);
        }
      }
    }
  }

 private:
  // Skip: the open pattern days, 64 days at a time; returns the pattern days lost to closures when asked.
  int skip(const std::vector<std::uint64_t>& open, std::uint8_t full, std::uint8_t tapered, int taper_from,
           bool count_lost) {
    const int course_days = 7 * weeks_;
    int lost = 0;
    for (int w = 0; w * 64 < course_days; ++w) {
      const std::int64_t first = day0_ + w * 64;
      const auto word = static_cast<std::size_t>(first >> 6);
      const auto shift = static_cast<unsigned>(first & 63);
      std::uint64_t window = open[word] >> shift;
      if (shift && word + 1 < open.size()) window |= open[word + 1] << (64 - shift);
      const auto phase = static_cast<unsigned>((w * 64) % 7);
      std::uint64_t pattern = repeated(full, phase);
      if (tapered != full) {
        const std::uint64_t tapering = detail::bits_below(7 * taper_from - w * 64);
        pattern = (pattern & tapering) | (repeated(tapered, phase) & ~tapering);
      }
      pattern &= detail::bits_below(course_days - w * 64);
      words_[static_cast<std::size_t>(w)] = pattern & window;
      if (count_lost) lost += detail::bit_count(pattern & ~window);
    }
    return lost;
  }

  // Make up in the same week: a closed pattern day moves to the next free open day of its week, else the previous.
  template <class IsOpen>
  void make_up_same_week(const IsOpen& is_open, std::uint8_t full, std::uint8_t tapered, int taper_from) {
    for (int w = 0; w < weeks_; ++w) {
      const std::int32_t base = day0_ + 7 * w;
      const std::uint8_t pattern = w >= taper_from ? tapered : full;
      std::uint8_t chosen = 0;
      for (int off = 0; off < 7; ++off)
        if (((pattern >> off) & 1U) && is_open(base + off)) chosen = static_cast<std::uint8_t>(chosen | (1U << off));
      for (int off = 0; off < 7; ++off) {
        if (!((pattern >> off) & 1U) || is_open(base + off)) continue;
        auto free_day = [&](int o) { return !((pattern >> o) & 1U) && !((chosen >> o) & 1U) && is_open(base + o); };
        int target = -1;
        for (int o = off + 1; o < 7 && target < 0; ++o)
          if (free_day(o)) target = o;
        for (int o = off - 1; o >= 0 && target < 0; --o)
          if (free_day(o)) target = o;
        if (target >= 0) chosen = static_cast<std::uint8_t>(chosen | (1U << target));
      }
      for (int off = 0; off < 7; ++off)
        if ((chosen >> off) & 1U) set(7 * w + off);
    }
  }

  // Extend: the lost days added on the open days of the last week's @p pattern after the course, within 26 weeks.
  template <class IsOpen>
  void extend(int deficit, const IsOpen& is_open, std::uint8_t pattern) {
    for (int k = 7 * weeks_; deficit > 0; ++k) {
      if (k >= 7 * (weeks_ + 26))
        throw ValidationError(plan_field(plan_, "start_date"),
                              std::to_string(day0_ + epoch_) + " days since 1970-01-01",
                              "cannot be extended within 26 weeks", "open pattern days after the course");
      if (((pattern >> (k % 7)) & 1U) && is_open(day0_ + k)) {
        set(k);
        --deficit;
      }
    }
  }

  void set(int k) { words_[static_cast<std::size_t>(k) >> 6] |= std::uint64_t{1} << (k & 63); }

  const ProgramTemplate& program_;
  std::size_t plan_;
  std::int32_t epoch_;
  int weeks_;
  std::int32_t day0_;  // the course's first day, as a bitmap index
  int start_;          // the track's local start, minutes after midnight
  std::span<Word> words_;
};

// Plans per part of the work shared among threads.
constexpr std::size_t kPlansPerPart = 4096;

// Runs @p each(i) for every plan 0..@p n-1, shared among @p threads threads (parts of kPlansPerPart plans).
template <class Each>
void each_plan(std::size_t n, unsigned threads, Each&& each) {
  detail::run_parts((n + kPlansPerPart - 1) / kPlansPerPart, threads, [&](std::size_t part) {
    for (std::size_t i = part * kPlansPerPart; i < std::min(n, (part + 1) * kPlansPerPart); ++i) each(i);
  });
}

// The columns rows are written to, as plain pointers held by value, so that a plan's rows are written
// through registers. Dates are days since 1970-01-01; the local start is minutes after midnight (16 bits)
// or, as numpy's datetime64[m] wants it, minutes since 1970-01-01T00:00 (64 bits).
template <class DateColumn, class StartColumn>
struct RowColumns {
  std::int32_t* plan;
  DateColumn* date;
  StartColumn* local_start;
  std::int16_t* minutes;
  std::uint8_t* kind;

  // The same columns from row @p first on.
  [[nodiscard]] RowColumns from(std::size_t first) const {
    return {plan + first, date + first, local_start + first, minutes + first, kind + first};
  }
  void put(std::size_t r, std::int32_t p, std::int32_t day, std::int16_t start, std::int16_t length,
           std::uint8_t k) const {
    plan[r] = p;
    date[r] = day;
    if constexpr (sizeof(StartColumn) == 8) local_start[r] = std::int64_t{day} * 1440 + start;
    else local_start[r] = start;
    minutes[r] = length;
    kind[r] = k;
  }
};

// Writes every plan's rows from its first row in @p layout on.
template <class Columns>
void write_rows(const BatchCalendarLayout& layout, const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                Columns columns, unsigned threads) {
  const std::int32_t epoch = epoch_day_number();
  each_plan(plans.start_days.size(), threads, [&](std::size_t i) {
    const std::size_t first = layout.first_word[i];
    Course<const std::uint64_t>(plans, i, *programs[static_cast<std::size_t>(plans.program[i])], epoch,
                                {layout.program_days.data() + first, layout.first_word[i + 1] - first})
        .write(columns.from(layout.first_row[i]));
  });
}

}  // namespace

void BatchSessions::reserve(std::size_t rows) {
  plan.reserve(rows);
  date.reserve(rows);
  local_start.reserve(rows);
  minutes.reserve(rows);
  kind.reserve(rows);
}

BatchCalendarLayout layout_calendars_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                           const HolidayCalendar& holidays, HolidayPolicy policy, unsigned threads) {
  const std::size_t n = plans.start_days.size();
  if (plans.weeks.size() != n || plans.days_per_week.size() != n || plans.track.size() != n || plans.program.size() != n)
    throw ValidationError("plans", std::to_string(n) + " start dates", "do not match the other arrays' lengths",
                          "arrays of equal length");
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw ValidationError("plans", std::to_string(n) + " plans", "are too many for one call", "up to 2147483647");
  const auto& open = holidays.open_day_bits();
  const std::int32_t epoch = epoch_day_number();
  const auto last_index = static_cast<std::int32_t>(open.size() * 64);
  BatchCalendarLayout layout;
  layout.first_word.resize(n + 1);
  // Every plan is checked first, so the values below are known to be small.
  for (std::size_t i = 0; i < n; ++i) {
    (void)checked_plan(plans, i, programs, epoch, last_index);
    layout.first_word[i + 1] = layout.first_word[i] + words_of(plans.weeks[i], policy);
  }
  layout.program_days.resize(layout.first_word[n]);
  layout.first_row.resize(n + 1);
  const Patterns patterns;
  each_plan(n, threads, [&](std::size_t i) {
    const std::size_t first = layout.first_word[i];
    Course<std::uint64_t> course(plans, i, *programs[static_cast<std::size_t>(plans.program[i])], epoch,
                                 {layout.program_days.data() + first, layout.first_word[i + 1] - first});
    course.lay_out(open, policy, patterns, static_cast<int>(plans.days_per_week[i]));
    layout.first_row[i + 1] = course.rows();
  });
  for (std::size_t i = 0; i < n; ++i) layout.first_row[i + 1] += layout.first_row[i];
  return layout;
}

void write_calendars_batch(const BatchCalendarLayout& layout, const BatchPlans& plans,
                           std::span<const ProgramTemplate* const> programs, const BatchSessionColumns& out,
                           unsigned threads) {
  const std::size_t rows = layout.rows();
  if (layout.first_row.size() != plans.start_days.size() + 1 || out.plan.size() != rows || out.date.size() != rows ||
      out.local_start.size() != rows || out.minutes.size() != rows || out.kind.size() != rows)
    throw ValidationError("columns", std::to_string(out.plan.size()) + " rows", "do not match the layout",
                          std::to_string(rows) + " rows in each column, from the same plans' layout");
  write_rows(layout, plans, programs,
             RowColumns<std::int64_t, std::int64_t>{out.plan.data(), out.date.data(), out.local_start.data(),
                                                    out.minutes.data(), out.kind.data()},
             threads);
}

BatchSessions build_calendars_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                    const HolidayCalendar& holidays, HolidayPolicy policy, unsigned threads) {
  const auto layout = layout_calendars_batch(plans, programs, holidays, policy, threads);
  BatchSessions out;
  out.plan.resize(layout.rows());
  out.date.resize(layout.rows());
  out.local_start.resize(layout.rows());
  out.minutes.resize(layout.rows());
  out.kind.resize(layout.rows());
  write_rows(layout, plans, programs,
             RowColumns<std::int32_t, std::int16_t>{out.plan.data(), out.date.data(), out.local_start.data(),
                                                    out.minutes.data(), out.kind.data()},
             threads);
  return out;
}

}  // namespace iop
