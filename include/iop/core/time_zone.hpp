#pragma once
/// @file
/// @brief `TimeZone`: an IANA zone of the United States with its daylight-saving rules.
///
/// IOP sessions are booked in local wall time ("the evening group at 18:00
/// in Los Angeles") and must stay at that wall time when daylight saving
/// starts or ends. A `TimeZone` converts between local wall time and UTC
/// with the zone's rules built in, so iop needs no time-zone database on
/// the machine and gives the same answer everywhere.
///
/// Built-in zones: every IANA zone of the United States and its territories
/// (the zone1970.tab rows for the states, Puerto Rico, the US Virgin Islands,
/// Guam, the Northern Mariana Islands, American Samoa and the minor outlying
/// islands, and the territories' links), and UTC (`supported_names()`).
///
/// Each zone carries its whole history for local years 1970 to 2100 from the
/// IANA time zone database (`data/time-zones.json`, generated from the tzdata
/// package by `scripts/generate_time_zones.py`, its version in
/// `tzdata_version()`): the Indiana counties' years of Eastern Standard Time all
/// year and their moves between Eastern and Central Time, North Dakota's and
/// Kentucky's moves, Metlakatla's, Guam's, the 1974-1975 emergency daylight
/// saving, and the US rules of 1967, 1987 and 2007 (15 U.S.C. 260a; Energy
/// Policy Act of 2005, section 110). `rules_note()` summarises a zone's history.
/// Years outside 1970..2100 are refused rather than guessed.
///
/// Around a change a local time can be skipped (02:30 on the March change
/// day does not exist) or repeated (01:30 on the November change day happens
/// twice). By default such a time is refused; `Disambiguation::earlier` and
/// `Disambiguation::later` choose the offset in force before or after the
/// change, like Python's `fold=0` and `fold=1`.
///
/// @code
/// auto la = iop::TimeZone::from_name("America/Los_Angeles");
/// auto utc = la.to_utc(boost::posix_time::ptime(iop::make_date(2026, 3, 9),
///                                               boost::posix_time::hours(18)));
/// // 2026-03-10 01:00 UTC: 18:00 PDT is UTC-7 after the 2026-03-08 change.
/// @endcode

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "iop/core/date.hpp"

namespace iop {

/// A wall-clock date and time with no zone attached (local or UTC by context).
using DateTime = boost::posix_time::ptime;

/// @brief How to read a local time that a daylight-saving change skips or repeats.
enum class Disambiguation {
  reject,   ///< throw `ValidationError` (the default: a session should never sit in a gap)
  earlier,  ///< use the UTC offset in force before the change (Python `fold=0`)
  later,    ///< use the UTC offset in force after the change (Python `fold=1`)
};

/// @brief What a local wall time is in a zone.
enum class LocalTimeKind {
  unique,    ///< happens exactly once
  skipped,   ///< falls in the spring-forward gap: never happens
  repeated,  ///< falls in the fall-back overlap: happens twice
};

/// @brief The classification of one local time, with the offsets that could apply.
struct LocalTimeInfo {
  LocalTimeKind kind;                ///< unique, skipped or repeated
  std::chrono::minutes offset_before;  ///< UTC offset before the change (the only one if unique)
  std::chrono::minutes offset_after;   ///< UTC offset after the change (equal if unique)
};

/// @brief The UTC offset and daylight-saving flag in force at one instant.
struct OffsetAtInstant {
  std::chrono::minutes offset;  ///< UTC offset
  bool dst;                     ///< daylight saving time in force
};

/// @brief One change of UTC offset.
struct OffsetTransition {
  DateTime utc;                        ///< the instant of the change, in UTC
  std::chrono::minutes offset_before;  ///< offset before the change
  std::chrono::minutes offset_after;   ///< offset after the change
};

/// @brief One change of a zone's type (offset, daylight saving or abbreviation), or the type in force.
struct ZoneChange {
  DateTime utc;                        ///< the instant of the change, in UTC
  std::chrono::minutes offset_before;  ///< offset before the change
  std::chrono::minutes offset_after;   ///< offset after the change
  bool dst_after;                      ///< daylight saving time after the change
  std::string abbreviation_after;      ///< the abbreviation after the change, e.g. `EDT`
};

namespace detail {
struct ZoneRules;
}

/// @brief A built-in IANA time zone: an immutable handle, cheap to copy.
class TimeZone {
 public:
  /// First year for which conversions are supported.
  static constexpr int first_supported_year = 1970;
  /// Last year for which conversions are supported.
  static constexpr int last_supported_year = 2100;

  /// @brief The zone named @p name (IANA spelling, case-sensitive).
  /// @throws NotFoundError naming @p field and the name, listing the supported zones.
  [[nodiscard]] static TimeZone from_name(std::string_view name, std::string_view field = "zone");
  /// The IANA names of all built-in zones.
  [[nodiscard]] static std::span<const std::string_view> supported_names() noexcept;
  /// UTC.
  [[nodiscard]] static TimeZone utc() noexcept;

  /// The IANA name, e.g. `America/Phoenix`.
  [[nodiscard]] std::string_view name() const noexcept;
  /// The first year iop converts in this zone: 1970, for every zone.
  [[nodiscard]] int first_year() const noexcept;
  /// The zone's history by years, e.g. `1970 EST/EDT; 1971-2005 EST; 2006-2100 EST/EDT (IANA tzdata 2025b)`.
  [[nodiscard]] std::string_view rules_note() const noexcept;
  /// The version of the IANA time zone database the zones come from, e.g. `2025b`.
  [[nodiscard]] static std::string_view tzdata_version() noexcept;
  /// Whether the zone observes daylight saving time under its current rules.
  [[nodiscard]] bool observes_dst() const noexcept;
  /// The current standard-time UTC offset, e.g. -8 h for Los Angeles.
  [[nodiscard]] std::chrono::minutes standard_offset() const noexcept;

  /// @brief The UTC offset in force at instant @p utc.
  /// @throws ValidationError if the year is outside 1970..2100.
  [[nodiscard]] std::chrono::minutes offset_at(const DateTime& utc) const;
  /// @brief Whether daylight saving time is in force at instant @p utc.
  [[nodiscard]] bool is_dst_at(const DateTime& utc) const;
  /// @brief `offset_at` and `is_dst_at` of instant @p utc from one lookup (a zoned time needs both).
  /// @throws ValidationError if the year is outside 1970..2100.
  [[nodiscard]] OffsetAtInstant offset_and_dst_at(const DateTime& utc) const;
  /// @brief The abbreviation in force at @p utc, e.g. `PDT`.
  [[nodiscard]] std::string_view abbreviation_at(const DateTime& utc) const;

  /// @brief Whether @p local happens once, never or twice, and its candidate offsets.
  /// @throws ValidationError if the year is outside 1970..2100.
  [[nodiscard]] LocalTimeInfo classify(const DateTime& local) const;
  /// @brief Converts a local wall time to UTC.
  /// @throws ValidationError naming @p field when @p local is skipped or
  ///         repeated and @p choice is `reject`, or its year is unsupported.
  [[nodiscard]] DateTime to_utc(const DateTime& local, Disambiguation choice = Disambiguation::reject,
                                std::string_view field = "local_time") const;
  /// @brief Converts a UTC instant to local wall time.
  [[nodiscard]] DateTime to_local(const DateTime& utc) const;
  /// @brief The current standard-time abbreviation, e.g. `PST`.
  [[nodiscard]] std::string_view standard_abbreviation() const noexcept;
  /// @brief The current daylight-time abbreviation, e.g. `PDT` (the standard one for a zone without DST).
  [[nodiscard]] std::string_view daylight_abbreviation() const noexcept;
  /// @brief The offset changes during local calendar year @p year, in order (none for a zone without DST).
  /// @throws ValidationError if the year is outside 1970..2100.
  [[nodiscard]] std::vector<OffsetTransition> transitions(int year) const;
  /// @brief Every change (of offset, daylight saving or abbreviation) in local years @p from_year..@p to_year.
  [[nodiscard]] std::vector<ZoneChange> changes_between(int from_year, int to_year) const;
  /// @brief The type in force at @p utc, as a change with equal offsets before and after.
  [[nodiscard]] ZoneChange in_force_at(const DateTime& utc) const;

  /// Same zone.
  friend bool operator==(const TimeZone& a, const TimeZone& b) noexcept { return a.rules_ == b.rules_; }

 private:
  explicit TimeZone(const detail::ZoneRules* rules) noexcept : rules_(rules) {}
  const detail::ZoneRules* rules_;
};

/// @brief `-07:00` style text of an offset.
[[nodiscard]] std::string format_utc_offset(std::chrono::minutes offset);

}  // namespace iop
