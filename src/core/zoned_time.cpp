#include "iop/core/zoned_time.hpp"

#include <cstdio>
#include <string>

#include "iop/core/date.hpp"
#include "iop/core/error.hpp"
#include "core/append_text.hpp"

namespace iop {
namespace {

constexpr std::string_view kDateTimeForm =
    "a local date and time YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, without offset or Z";

bool two_digits(std::string_view s, std::size_t at, int& out) {
  const char a = s[at];
  const char b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = (a - '0') * 10 + (b - '0');
  return true;
}

}  // namespace

DateTime parse_date_time(std::string_view text, std::string_view field) {
  auto fail = [&]() {
    return ValidationError(std::string(field), iop::quoted(text), "is not a local date and time",
                           std::string(kDateTimeForm));
  };
  if ((text.size() != 16 && text.size() != 19) || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':')
    throw fail();
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!two_digits(text, 11, hour) || !two_digits(text, 14, minute)) throw fail();
  if (text.size() == 19 && (text[16] != ':' || !two_digits(text, 17, second))) throw fail();
  if (hour > 23 || minute > 59 || second > 59) throw fail();
  Date date;
  try {
    date = parse_date(text.substr(0, 10), field);
  } catch (const ValidationError&) {
    throw fail();
  }
  return DateTime(date, boost::posix_time::time_duration(hour, minute, second));
}

char* detail::write_iso_date_time(char* to, const DateTime& date_time) {
  return write_iso_time_of_day(write_iso_date(to, date_time.date()), date_time);
}

char* detail::write_iso_time_of_day(char* to, const DateTime& date_time) {
  return write_iso_second_of_day(to, static_cast<int>(date_time.time_of_day().total_seconds()));
}

char* detail::write_iso_second_of_day(char* to, int second) {
  const int hours = second / 3600;
  const int minutes = second / 60 % 60;
  const int seconds = second % 60;
  *to++ = 'T';
  *to++ = static_cast<char>('0' + hours / 10);
  *to++ = static_cast<char>('0' + hours % 10);
  *to++ = ':';
  *to++ = static_cast<char>('0' + minutes / 10);
  *to++ = static_cast<char>('0' + minutes % 10);
  *to++ = ':';
  *to++ = static_cast<char>('0' + seconds / 10);
  *to++ = static_cast<char>('0' + seconds % 10);
  return to;
}

void detail::append_iso_date_time(std::string& out, const DateTime& date_time) {
  char text[19];
  out.append(text, write_iso_date_time(text, date_time));
}

std::string to_iso_string(const DateTime& date_time) {
  std::string out;
  detail::append_iso_date_time(out, date_time);
  return out;
}

ZonedTime::ZonedTime(const DateTime& local, TimeZone zone, Disambiguation choice,
                     std::string_view field)
    : ZonedTime(from_utc(zone.to_utc(local, choice, field), zone)) {}

// The local time is the instant's wall time: a skipped wall time resolved by earlier or later names the wall
// time it really is.
ZonedTime::ZonedTime(TimeZone zone, const DateTime& utc, OffsetAtInstant in_force)
    : local_(utc + boost::posix_time::minutes(in_force.offset.count())),
      zone_(zone),
      utc_(utc),
      offset_(in_force.offset),
      dst_(in_force.dst) {}

ZonedTime ZonedTime::from_utc(const DateTime& utc, TimeZone zone) {
  return ZonedTime(zone, utc, zone.offset_and_dst_at(utc));
}

std::string ZonedTime::to_string() const {
  return to_iso_string(local_) + format_utc_offset(offset_) + "[" + std::string(zone_.name()) + "]";
}

std::string ZonedTime::to_rfc3339() const { return to_iso_string(local_) + format_utc_offset(offset_); }

std::string ZonedTime::utc_string() const { return to_iso_string(utc_) + "Z"; }

}  // namespace iop
