#include "iop/calendar/batch.hpp"

#include <array>
#include <limits>
#include <string>

#include "iop/core/error.hpp"
#include "core/checked.hpp"

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

}  // namespace

void BatchSessions::reserve(std::size_t rows) {
  plan.reserve(rows);
  date.reserve(rows);
  local_start.reserve(rows);
  minutes.reserve(rows);
  kind.reserve(rows);
}

BatchSessions build_calendars_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                    const HolidayCalendar& holidays, HolidayPolicy policy) {
  const std::size_t n = plans.start_days.size();
  if (plans.weeks.size() != n || plans.days_per_week.size() != n || plans.track.size() != n || plans.program.size() != n)
    throw ValidationError("plans", std::to_string(n) + " start dates", "do not match the other arrays' lengths",
                          "arrays of equal length");
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw ValidationError("plans", std::to_string(n) + " plans", "are too many for one call", "up to 2147483647");
  const auto& bits = holidays.open_day_bits();
  const std::int32_t epoch = epoch_day_number();
  const auto last_index = static_cast<std::int32_t>(bits.size() * 64);
  auto is_open = [&](std::int32_t index) { return (bits[static_cast<std::size_t>(index) >> 6] >> (index & 63)) & 1U; };

  // Every plan is checked first, so the values below are known to be small.
  std::size_t expected = 0;
  for (std::size_t i = 0; i < n; ++i) {
    (void)checked_plan(plans, i, programs, epoch, last_index);
    expected += static_cast<std::size_t>(plans.weeks[i] * plans.days_per_week[i]);
  }
  BatchSessions out;
  out.reserve(expected + expected / 4);

  std::vector<std::int32_t> days;  // one plan's program days (bitmap indices)
  for (std::size_t i = 0; i < n; ++i) {
    const ProgramTemplate& program = *programs[static_cast<std::size_t>(plans.program[i])];
    const auto weeks = static_cast<int>(plans.weeks[i]);
    const auto per_week = static_cast<int>(plans.days_per_week[i]);
    const auto track_index = static_cast<std::size_t>(plans.track[i]);
    const auto day0 = static_cast<std::int32_t>(plans.start_days[i] - epoch);
    const int start_weekday = static_cast<int>((plans.start_days[i] % 7 + 7 + 4) % 7);  // 1970-01-01 was a Thursday
    const std::uint8_t full = pattern_mask(per_week, start_weekday);
    const std::uint8_t tapered = program.taper ? pattern_mask(program.taper->days_per_week, start_weekday) : full;
    const int taper_from = program.taper ? weeks - program.taper->final_weeks : weeks;

    days.clear();
    int deficit = 0;
    for (int w = 0; w < weeks; ++w) {
      const std::int32_t base = day0 + 7 * w;
      const std::uint8_t pattern = w >= taper_from ? tapered : full;
      if (policy != HolidayPolicy::make_up_same_week) {
        for (int off = 0; off < 7; ++off)
          if ((pattern >> off) & 1U) {
            if (is_open(base + off)) days.push_back(base + off);
            else ++deficit;
          }
        continue;
      }
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
        if ((chosen >> off) & 1U) days.push_back(base + off);
    }
    if (policy == HolidayPolicy::extend) {
      const std::uint8_t pattern = weeks - 1 >= taper_from ? tapered : full;
      for (std::int32_t d = day0 + 7 * weeks; deficit > 0; ++d) {
        if (d >= day0 + 7 * (weeks + 26))
          throw ValidationError(plan_field(i, "start_date"), std::to_string(plans.start_days[i]) + " days since 1970-01-01",
                                "cannot be extended within 26 weeks", "open pattern days after the course");
        if (((pattern >> ((d - day0) % 7)) & 1U) && is_open(d)) {
          days.push_back(d);
          --deficit;
        }
      }
    }

    // Separate sessions: the first `sessions` program days of each period, after the day.
    // A day's sessions start before midnight plus a day's minutes: they fit in 16 bits, checked anyway.
    auto field = [&] { return plan_field(i, "local_start"); };
    const auto start = detail::narrow<std::int16_t>(program.tracks[track_index].start.minutes(), field);
    const auto day_minutes = detail::narrow<std::int16_t>(program.minutes_per_day, field);
    const auto it_minutes =
        detail::narrow<std::int16_t>(modality_info(Modality::individual_therapy).default_minutes, field);
    const auto mm_minutes =
        detail::narrow<std::int16_t>(modality_info(Modality::medication_management).default_minutes, field);
    std::array<int, 2> period_seen{-1, -1};
    std::array<int, 2> placed{0, 0};
    const std::array<const std::optional<SessionFrequency>*, 2> frequencies{&program.individual_therapy,
                                                                             &program.medication_management};
    const auto plan_index = static_cast<std::int32_t>(i);
    for (const std::int32_t d : days) {
      const std::int32_t date = d + epoch;
      out.plan.push_back(plan_index);
      out.date.push_back(date);
      out.local_start.push_back(start);
      out.minutes.push_back(day_minutes);
      out.kind.push_back(0);
      auto next_start = detail::narrow<std::int16_t>(start + day_minutes, field);
      const int week = (d - day0) / 7;
      for (std::size_t k = 0; k < 2; ++k) {
        const auto& f = *frequencies[k];
        if (!f) continue;
        const int period = week / f->per_weeks;
        if (period != period_seen[k]) {
          period_seen[k] = period;
          placed[k] = 0;
        }
        if (placed[k] >= f->sessions) continue;
        ++placed[k];
        const std::int16_t length = k == 0 ? it_minutes : mm_minutes;
        out.plan.push_back(plan_index);
        out.date.push_back(date);
        out.local_start.push_back(next_start);
        out.minutes.push_back(length);
        out.kind.push_back(static_cast<std::uint8_t>(k + 1));
        next_start = detail::narrow<std::int16_t>(next_start + length, field);
      }
    }
  }
  return out;
}

}  // namespace iop
