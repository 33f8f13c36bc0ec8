#pragma once
/// @file
/// @brief `ZonedTime`: a local wall time that always travels with its zone.
///
/// A session "at 18:00 in Los Angeles" is a `ZonedTime`: the wall time the
/// patient sees, the IANA zone, and the UTC instant they mean. The three are
/// fixed when the value is built, so a `ZonedTime` is immutable and cheap to
/// copy. Text follows RFC 9557 (ISO 8601 with the zone name in brackets):
/// `2026-03-09T18:00:00-07:00[America/Los_Angeles]`.
///
/// @code
/// auto zone = iop::TimeZone::from_name("America/Los_Angeles");
/// iop::ZonedTime evening(iop::parse_date_time("2026-03-09T18:00"), zone);
/// evening.utc();                 // 2026-03-10 01:00:00
/// evening.to_string();           // "2026-03-09T18:00:00-07:00[America/Los_Angeles]"
/// @endcode

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "iop/core/time_zone.hpp"

namespace iop {

/// @brief Parses a local date and time, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`.
/// @throws ValidationError naming @p field and the text otherwise (a trailing
///         `Z` or offset is refused: a local time takes its zone separately).
[[nodiscard]] DateTime parse_date_time(std::string_view text, std::string_view field = "local_time");

/// @brief `YYYY-MM-DDTHH:MM:SS` text of a date and time (fractions of a second are dropped).
[[nodiscard]] std::string to_iso_string(const DateTime& date_time);

/// @brief A local wall time in a named zone, and the UTC instant it denotes.
class ZonedTime {
 public:
  /// @brief The wall time @p local in @p zone.
  ///
  /// A local time skipped by a daylight-saving change is, when @p choice
  /// allows it, moved to the wall time it actually denotes (02:30 with
  /// `earlier` on a spring-forward day becomes 03:30 daylight time).
  /// @throws ValidationError naming @p field for a skipped or repeated time
  ///         under `Disambiguation::reject`, or an unsupported year.
  ZonedTime(const DateTime& local, TimeZone zone, Disambiguation choice = Disambiguation::reject,
            std::string_view field = "local_time");

  /// @brief The wall time in @p zone at instant @p utc.
  [[nodiscard]] static ZonedTime from_utc(const DateTime& utc, TimeZone zone);

  /// The local wall time.
  [[nodiscard]] const DateTime& local() const noexcept { return local_; }
  /// The zone.
  [[nodiscard]] const TimeZone& zone() const noexcept { return zone_; }
  /// The UTC instant.
  [[nodiscard]] const DateTime& utc() const noexcept { return utc_; }
  /// The UTC offset in force, e.g. -7 h for PDT.
  [[nodiscard]] std::chrono::minutes utc_offset() const noexcept { return offset_; }
  /// Whether daylight saving time is in force.
  [[nodiscard]] bool is_dst() const noexcept { return dst_; }
  /// The zone abbreviation in force, e.g. `PDT`.
  [[nodiscard]] std::string_view abbreviation() const { return zone_.abbreviation_at(utc_); }

  /// RFC 9557 text, `2026-03-09T18:00:00-07:00[America/Los_Angeles]`.
  [[nodiscard]] std::string to_string() const;
  /// RFC 3339 text with the offset in force, `2026-03-09T18:00:00-07:00` (FHIR instants).
  [[nodiscard]] std::string to_rfc3339() const;
  /// The UTC instant as `2026-03-10T01:00:00Z`.
  [[nodiscard]] std::string utc_string() const;

  /// Same wall time in the same zone.
  friend bool operator==(const ZonedTime& a, const ZonedTime& b) noexcept {
    return a.utc_ == b.utc_ && a.zone_ == b.zone_;
  }

 private:
  ZonedTime(TimeZone zone, const DateTime& utc, OffsetAtInstant in_force);
  DateTime local_;
  TimeZone zone_;
  DateTime utc_;
  std::chrono::minutes offset_;
  bool dst_;
};

}  // namespace iop
