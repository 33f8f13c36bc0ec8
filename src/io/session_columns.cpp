#include "iop/io/session_columns.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace iop {
namespace {

const DateTime kUnixEpoch(Date(1970, 1, 1));

std::int64_t nanoseconds(const DateTime& utc) {
  return static_cast<std::int64_t>((utc - kUnixEpoch).total_seconds()) * 1'000'000'000;
}

constexpr std::int64_t kNanosecondsAMinute = 60'000'000'000;

// The wall time a clock in @p zone shows at @p utc_nanoseconds (whole seconds), in nanoseconds since
// 1970-01-01T00:00 local.
std::int64_t local_nanoseconds(const TimeZone& zone, std::int64_t utc_nanoseconds) {
  const DateTime utc = kUnixEpoch + boost::posix_time::seconds(utc_nanoseconds / 1'000'000'000);
  return utc_nanoseconds + std::int64_t{zone.offset_at(utc).count()} * kNanosecondsAMinute;
}

std::int32_t day_number(Date d) { return static_cast<std::int32_t>((d - Date(1970, 1, 1)).days()); }

// Index of @p name in @p names, appended on first use.
std::int32_t index_in(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::int32_t>(it - names.begin());
  names.push_back(name);
  return static_cast<std::int32_t>(names.size() - 1);
}

void reserve(SessionColumns& c, std::size_t n) {
  c.plan.reserve(n);
  c.date.reserve(n);
  c.week.reserve(n);
  c.kind.reserve(n);
  c.start.reserve(n);
  c.end.reserve(n);
  c.local_start.reserve(n);
  c.local_end.reserve(n);
  c.minutes.reserve(n);
  c.status.reserve(n);
  c.program.reserve(n);
  c.track.reserve(n);
  c.zone.reserve(n);
}

}  // namespace

SessionColumns session_columns(const SessionCalendar& calendar) {
  SessionColumns c;
  reserve(c, calendar.sessions.size());
  const std::int32_t program = index_in(c.programs, calendar.program_id);
  for (const auto& s : calendar.sessions) {
    c.plan.push_back(0);
    c.date.push_back(day_number(s.date));
    c.week.push_back(static_cast<std::int16_t>(s.week));
    c.kind.push_back(static_cast<std::uint8_t>(s.kind));
    c.start.push_back(nanoseconds(s.start.utc()));
    c.end.push_back(nanoseconds(s.end.utc()));
    c.local_start.push_back(local_nanoseconds(s.start.zone(), c.start.back()));
    c.local_end.push_back(local_nanoseconds(s.end.zone(), c.end.back()));
    c.minutes.push_back(static_cast<std::int16_t>(s.minutes()));
    c.status.push_back(static_cast<std::uint8_t>(s.status));
    c.program.push_back(program);
    c.track.push_back(index_in(c.tracks, s.track));
    c.zone.push_back(index_in(c.zones, std::string(s.start.zone().name())));
  }
  return c;
}

SessionColumns session_columns(const BatchSessions& rows, const BatchPlans& plans,
                               std::span<const ProgramTemplate* const> programs) {
  SessionColumns c;
  reserve(c, rows.size());
  // A cohort shares few (program, track) pairs and few (zone, date, local start) instants:
  // each is computed once. Rows of a plan are consecutive, so the pair is looked up once a plan.
  struct TrackInfo {
    std::int32_t program, track, zone;
    const TimeZone* time_zone;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, TrackInfo> tracks;
  struct Instant {
    std::int64_t utc, local;  // nanoseconds
  };
  std::unordered_map<std::uint64_t, Instant> instants;  // (zone, date, local minute) -> the start
  std::unordered_map<std::uint64_t, std::int64_t> ends;  // (zone, UTC minute) -> the local wall time then
  const TrackInfo* info = nullptr;
  std::size_t info_plan = rows.size() == 0 ? 0 : static_cast<std::size_t>(rows.plan[0]) + 1;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto i = static_cast<std::size_t>(rows.plan[r]);
    if (i != info_plan) {
      const auto key = std::pair(plans.program[i], plans.track[i]);
      auto found = tracks.find(key);
      if (found == tracks.end()) {
        const auto& program = *programs[static_cast<std::size_t>(key.first)];
        const auto& track = program.tracks[static_cast<std::size_t>(key.second)];
        found = tracks
                    .emplace(key, TrackInfo{index_in(c.programs, program.id), index_in(c.tracks, track.name),
                                            index_in(c.zones, std::string(track.zone.name())), &track.zone})
                    .first;
      }
      info = &found->second;
      info_plan = i;
    }
    const std::int32_t date = rows.date[r];
    const std::int16_t local = rows.local_start[r];
    const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(info->zone)) << 48) ^
                              (static_cast<std::uint64_t>(static_cast<std::uint32_t>(date)) << 16) ^
                              static_cast<std::uint16_t>(local);
    auto instant = instants.find(key);
    if (instant == instants.end()) {
      const DateTime at(Date(1970, 1, 1) + boost::gregorian::days(date), boost::posix_time::minutes(local));
      const std::int64_t utc = nanoseconds(info->time_zone->to_utc(at, Disambiguation::later));
      instant = instants.emplace(key, Instant{utc, local_nanoseconds(*info->time_zone, utc)}).first;
    }
    const std::int64_t start = instant->second.utc;
    const std::int64_t end = start + std::int64_t{rows.minutes[r]} * kNanosecondsAMinute;
    // Sessions of one (zone, end minute) share their end's wall time; a session that spans a change of
    // offset ends at the wall time after it, as a clock there shows. The minute is keyed by its low 32 bits:
    // unique for the years a batch can hold (a holiday calendar's, 1971-2100), within about 8,000 years.
    const std::uint64_t end_key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(info->zone)) << 32) |
                                  static_cast<std::uint32_t>(end / kNanosecondsAMinute);
    auto local_end = ends.find(end_key);
    if (local_end == ends.end()) local_end = ends.emplace(end_key, local_nanoseconds(*info->time_zone, end)).first;
    c.plan.push_back(rows.plan[r]);
    c.date.push_back(date);
    c.week.push_back(static_cast<std::int16_t>((date - plans.start_days[i]) / 7));
    c.kind.push_back(rows.kind[r]);
    c.start.push_back(start);
    c.end.push_back(end);
    c.local_start.push_back(instant->second.local);
    c.local_end.push_back(local_end->second);
    c.minutes.push_back(rows.minutes[r]);
    c.status.push_back(static_cast<std::uint8_t>(AttendanceStatus::scheduled));
    c.program.push_back(info->program);
    c.track.push_back(info->track);
    c.zone.push_back(info->zone);
  }
  return c;
}

}  // namespace iop
