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
/// islands, and the territories' links), and UTC: America/New_York,
/// America/Detroit, America/Kentucky/Louisville, America/Kentucky/Monticello,
/// the eight America/Indiana/* zones, America/Chicago, America/Menominee, the
/// three America/North_Dakota/* zones, America/Denver, America/Boise,
/// America/Phoenix (no daylight saving), America/Los_Angeles, America/Anchorage,
/// America/Juneau, America/Sitka, America/Yakutat, America/Nome,
/// America/Metlakatla, America/Adak, Pacific/Honolulu, Pacific/Johnston,
/// America/Puerto_Rico, America/St_Thomas, Pacific/Guam, Pacific/Saipan,
/// Pacific/Pago_Pago, Pacific/Midway and Pacific/Wake.
///
/// Each zone keeps its own name and states which rules it follows and since
/// when (`rules_note()`): America/Detroit has kept New York's rules since 1975;
/// America/Indiana/Indianapolis has observed daylight saving only since 2006,
/// so its conversions start in 2006 (`first_year()`) and earlier years are
/// refused rather than converted with rules that did not apply.
///
/// Rules (15 U.S.C. 260a, as amended by the Energy Policy Act of 2005 §110):
/// daylight saving time starts at 02:00 local time on the second Sunday of
/// March and ends at 02:00 local daylight time on the first Sunday of
/// November, from 2007; from 1987 to 2006 it ran from the first Sunday of
/// April to the last Sunday of October. Arizona (America/Phoenix), Hawaii,
/// Puerto Rico and the Pacific territories do not observe it. Conversions are
/// supported from 1987 (or the zone's first year) to 2100; other years are
/// refused rather than guessed.
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

/// @brief One change of UTC offset.
struct OffsetTransition {
  DateTime utc;                        ///< the instant of the change, in UTC
  std::chrono::minutes offset_before;  ///< offset before the change
  std::chrono::minutes offset_after;   ///< offset after the change
};

/// @brief One period of the US daylight-saving rule; both changes happen at 02:00 local time.
struct DaylightSavingRule {
  int first_year;                  ///< first year the rule applies
  int last_year;                   ///< last year it applies
  unsigned short start_month;      ///< month daylight time starts
  int start_sunday;                ///< which Sunday (1-4, or 5 for the last)
  unsigned short end_month;        ///< month daylight time ends
  int end_sunday;                  ///< which Sunday (1-4, or 5 for the last)
};

namespace detail {
struct ZoneRules;
}

/// @brief A built-in IANA time zone: an immutable handle, cheap to copy.
class TimeZone {
 public:
  /// First year for which conversions are supported.
  static constexpr int first_supported_year = 1987;
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
  /// The first year iop converts in this zone (1987 for most; 2006 for America/Indiana/Indianapolis).
  [[nodiscard]] int first_year() const noexcept;
  /// Which rules the zone follows and since when, e.g. `Eastern Time with daylight saving since 2006; ...`.
  [[nodiscard]] std::string_view rules_note() const noexcept;
  /// Whether the zone observes daylight saving time.
  [[nodiscard]] bool observes_dst() const noexcept;
  /// The standard-time UTC offset, e.g. -8 h for Los Angeles.
  [[nodiscard]] std::chrono::minutes standard_offset() const noexcept;

  /// @brief The UTC offset in force at instant @p utc.
  /// @throws ValidationError if the year is outside first_year()..2100.
  [[nodiscard]] std::chrono::minutes offset_at(const DateTime& utc) const;
  /// @brief Whether daylight saving time is in force at instant @p utc.
  [[nodiscard]] bool is_dst_at(const DateTime& utc) const;
  /// @brief The abbreviation in force at @p utc, e.g. `PDT`.
  [[nodiscard]] std::string_view abbreviation_at(const DateTime& utc) const;

  /// @brief Whether @p local happens once, never or twice, and its candidate offsets.
  /// @throws ValidationError if the year is outside first_year()..2100.
  [[nodiscard]] LocalTimeInfo classify(const DateTime& local) const;
  /// @brief Converts a local wall time to UTC.
  /// @throws ValidationError naming @p field when @p local is skipped or
  ///         repeated and @p choice is `reject`, or its year is unsupported.
  [[nodiscard]] DateTime to_utc(const DateTime& local, Disambiguation choice = Disambiguation::reject,
                                std::string_view field = "local_time") const;
  /// @brief Converts a UTC instant to local wall time.
  [[nodiscard]] DateTime to_local(const DateTime& utc) const;
  /// @brief The US daylight-saving rules iop applies (1987-2006 and 2007-2100).
  [[nodiscard]] static std::span<const DaylightSavingRule> daylight_saving_rules() noexcept;
  /// @brief The standard-time abbreviation, e.g. `PST`.
  [[nodiscard]] std::string_view standard_abbreviation() const noexcept;
  /// @brief The daylight-time abbreviation, e.g. `PDT` (the standard one for a zone without DST).
  [[nodiscard]] std::string_view daylight_abbreviation() const noexcept;
  /// @brief The offset changes during calendar year @p year, in order (none for a zone without DST).
  [[nodiscard]] std::vector<OffsetTransition> transitions(int year) const;

  /// Same zone.
  friend bool operator==(const TimeZone& a, const TimeZone& b) noexcept { return a.rules_ == b.rules_; }

 private:
  explicit TimeZone(const detail::ZoneRules* rules) noexcept : rules_(rules) {}
  const detail::ZoneRules* rules_;
};

/// @brief `-07:00` style text of an offset.
[[nodiscard]] std::string format_utc_offset(std::chrono::minutes offset);

}  // namespace iop
