// Python bindings of the core values: Money, Rate, dates, TimeZone, ZonedTime.
//
// Money crosses the boundary as int cents, str or decimal.Decimal, never as
// float; dates as datetime.date; local wall times as naive datetime.datetime
// and instants as aware datetime.datetime in UTC.

#include <pybind11/native_enum.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <climits>
#include <functional>
#include <string>

#include "casters.hpp"
#include "iop/core/error.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/core/time_zone.hpp"
#include "iop/core/zoned_time.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

constexpr int kPickleVersion = 1;

std::string type_name(py::handle value) {
  return py::str(py::type::of(value).attr("__qualname__")).cast<std::string>();
}

bool is_instance_of(py::handle value, const char* module, const char* name) {
  return py::isinstance(value, py::module_::import(module).attr(name));
}

// --- Money -----------------------------------------------------------------

Money money_from_int(py::handle value, const char* field) {
  int overflow = 0;
  const long long cents = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0)
    throw iop::OverflowError(field, py::repr(value).cast<std::string>() + " cents", "does not fit in 64-bit cents",
                             "-9223372036854775808..9223372036854775807 cents");
  if (cents == -1 && PyErr_Occurred()) throw py::error_already_set();
  return Money::from_cents(cents);
}

Money money_from_decimal(py::handle value, const char* field) {
  const auto text = py::str(value).cast<std::string>();
  if (!value.attr("is_finite")().cast<bool>())
    throw iop::ValidationError(field, "Decimal('" + text + "')", "is not a finite amount", "a finite decimal.Decimal");
  py::object cents = value.attr("scaleb")(2);
  if (!cents.equal(cents.attr("to_integral_value")()))
    throw iop::ValidationError(field, "Decimal('" + text + "')", "has more than two decimals",
                               "an amount in whole cents, e.g. Decimal('1234.56')");
  return money_from_int(py::int_(cents), field);
}

Money money_from_python(py::handle value, const char* field = "amount") {
  if (py::isinstance<Money>(value)) return value.cast<Money>();
  if (PyBool_Check(value.ptr()))
    throw py::type_error(std::string(field) + ": a bool is not an amount of money; pass int cents, str or decimal.Decimal");
  if (PyFloat_Check(value.ptr()))
    throw py::type_error(std::string(field) + ": Money is never built from a float (" +
                         py::repr(value).cast<std::string>() +
                         "), which cannot hold cents exactly; pass int cents, a str such as '1234.56' "
                         "or a decimal.Decimal");
  if (PyLong_Check(value.ptr())) return money_from_int(value, field);
  if (PyUnicode_Check(value.ptr())) return Money::parse(value.cast<std::string>(), field);
  if (is_instance_of(value, "decimal", "Decimal")) return money_from_decimal(value, field);
  throw py::type_error(std::string(field) + ": cannot make Money from " + type_name(value) +
                       "; pass int cents, str or decimal.Decimal");
}

// --- Rate ------------------------------------------------------------------

Rate rate_from_python(py::handle value, const char* field = "rate") {
  if (py::isinstance<Rate>(value)) return value.cast<Rate>();
  if (PyUnicode_Check(value.ptr())) return Rate::parse(value.cast<std::string>(), field);
  const bool is_decimal = is_instance_of(value, "decimal", "Decimal");
  if (is_decimal || is_instance_of(value, "fractions", "Fraction")) {
    if (is_decimal && !value.attr("is_finite")().cast<bool>())
      throw iop::ValidationError(field, py::repr(value).cast<std::string>(), "is not a finite rate",
                                 "a non-negative finite rate");
    py::tuple ratio = value.attr("as_integer_ratio")();
    const py::int_ n = ratio[0];
    const py::int_ d = ratio[1];
    int overflow_n = 0;
    int overflow_d = 0;
    const long long nn = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow_n);
    const long long dd = PyLong_AsLongLongAndOverflow(d.ptr(), &overflow_d);
    if (overflow_n != 0 || overflow_d != 0)
      throw iop::ValidationError(field, py::repr(value).cast<std::string>(), "is too large a fraction",
                                 "numerator and denominator up to 10^12");
    return Rate::fraction(nn, dd, field);
  }
  if (PyFloat_Check(value.ptr()) || PyLong_Check(value.ptr()))
    throw py::type_error(std::string(field) + ": a Rate is never built from a bare number (" +
                         py::repr(value).cast<std::string>() +
                         "); pass a str such as '20%', a decimal.Decimal, a fractions.Fraction, or use "
                         "Rate.percent(20)");
  throw py::type_error(std::string(field) + ": cannot make a Rate from " + type_name(value));
}

// --- date and time ---------------------------------------------------------

py::object timedelta_minutes(std::chrono::minutes offset) {
  return py::module_::import("datetime").attr("timedelta")("minutes"_a = offset.count());
}

py::object utc_tzinfo() { return py::module_::import("datetime").attr("timezone").attr("utc"); }

py::object to_python_datetime(const DateTime& t, py::object tzinfo = py::none()) {
  const auto d = t.date().year_month_day();
  const auto time = t.time_of_day();
  const auto micro = time.fractional_seconds() * 1'000'000 / boost::posix_time::time_duration::ticks_per_second();
  return py::module_::import("datetime").attr("datetime")(
      static_cast<int>(d.year), static_cast<int>(d.month), static_cast<int>(d.day), static_cast<int>(time.hours()),
      static_cast<int>(time.minutes()), static_cast<int>(time.seconds()), static_cast<long>(micro),
      "tzinfo"_a = tzinfo);
}

DateTime datetime_fields(py::handle value) {
  PyObject* obj = value.ptr();
  const Date day = iop::make_date(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj));
  return DateTime(day, boost::posix_time::hours(PyDateTime_DATE_GET_HOUR(obj)) +
                           boost::posix_time::minutes(PyDateTime_DATE_GET_MINUTE(obj)) +
                           boost::posix_time::seconds(PyDateTime_DATE_GET_SECOND(obj)) +
                           boost::posix_time::microseconds(PyDateTime_DATE_GET_MICROSECOND(obj)));
}

// A local wall time: a naive datetime.datetime or "YYYY-MM-DDTHH:MM[:SS]".
DateTime local_from_python(py::handle value, const char* field) {
  ensure_datetime_api();
  if (PyUnicode_Check(value.ptr())) return parse_date_time(value.cast<std::string>(), field);
  if (!PyDateTime_Check(value.ptr()))
    throw py::type_error(std::string(field) + ": expected a naive datetime.datetime or 'YYYY-MM-DDTHH:MM', got " +
                         type_name(value));
  if (!value.attr("tzinfo").is_none())
    throw iop::ValidationError(field, py::repr(value).cast<std::string>(), "carries a time zone",
                               "a naive local wall time (the zone is given separately)");
  return datetime_fields(value);
}

// An instant: an aware datetime.datetime, read in UTC.
DateTime utc_from_python(py::handle value, const char* field) {
  ensure_datetime_api();
  if (!PyDateTime_Check(value.ptr()))
    throw py::type_error(std::string(field) + ": expected an aware datetime.datetime, got " + type_name(value));
  if (value.attr("utcoffset")().is_none())
    throw iop::ValidationError(field, py::repr(value).cast<std::string>(), "is a naive datetime",
                               "an aware datetime (an instant), e.g. with tzinfo=datetime.timezone.utc");
  return datetime_fields(value.attr("astimezone")(utc_tzinfo()));
}

TimeZone zone_from_python(py::handle value, const char* field = "zone") {
  if (py::isinstance<TimeZone>(value)) return value.cast<TimeZone>();
  if (PyUnicode_Check(value.ptr())) return TimeZone::from_name(value.cast<std::string>(), field);
  throw py::type_error(std::string(field) + ": expected an iop.TimeZone or an IANA name, got " + type_name(value));
}

std::string_view kind_name(LocalTimeKind kind) {
  switch (kind) {
    case LocalTimeKind::unique: return "unique";
    case LocalTimeKind::skipped: return "skipped";
    case LocalTimeKind::repeated: return "repeated";
  }
  return "unique";
}

void check_pickle_version(const py::tuple& state, std::size_t size, const char* type) {
  if (state.size() != size || state[0].cast<int>() != kPickleVersion)
    throw iop::ValidationError(std::string(type) + ".__setstate__", py::repr(state).cast<std::string>(),
                               "is not a state this version of iop wrote",
                               "a tuple starting with pickle version " + std::to_string(kPickleVersion));
}

void register_money(py::module_& m) {
  py::class_<Money>(m, "Money", R"doc(An exact amount of US dollars in integer cents.

Built from int cents, a str such as '$1,234.56' or '-0.05', or a decimal.Decimal;
never from a float (TypeError). Arithmetic is exact and overflow raises
iop.OverflowError. Multiplying by a Rate rounds once to the cent, halves away from zero.

>>> Money('$1,234.56')
Money('$1,234.56')
>>> Money(25913) * 3
Money('$777.39')
>>> Money('777.39') * Rate('20%')
Money('$155.48'))doc")
      .def(py::init([](py::handle value) { return money_from_python(value); }), "value"_a,
           "An amount from int cents, str or decimal.Decimal.")
      .def_static("from_cents", &Money::from_cents, "cents"_a, "An amount of `cents` cents.")
      .def_static("from_dollars", [](std::int64_t dollars) { return Money::from_dollars(dollars); }, "dollars"_a,
                  "A whole number of dollars.")
      .def_property_readonly("cents", &Money::cents, "The amount in cents (int).")
      .def("to_decimal",
           [](const Money& money) { return py::module_::import("decimal").attr("Decimal")(money.to_plain_string()); },
           "The amount as decimal.Decimal in dollars, e.g. Decimal('1234.56').")
      .def("plain", &Money::to_plain_string, "Plain text without symbol or grouping, e.g. '-0.05'.")
      .def("apply", &Money::apply, "rate"_a, "This amount times `rate`, rounded to the cent (halves away from zero).")
      .def("__str__", &Money::to_string)
      .def("__repr__", [](const Money& money) { return "Money('" + money.to_string() + "')"; })
      .def("__hash__", [](const Money& money) { return std::hash<std::int64_t>{}(money.cents()); })
      .def("__bool__", [](const Money& money) { return !money.is_zero(); })
      .def(py::self + py::self)
      .def(py::self - py::self)
      .def(-py::self)
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__mul__", [](const Money& a, std::int64_t n) { return a * n; }, py::is_operator())
      .def("__rmul__", [](const Money& a, std::int64_t n) { return a * n; }, py::is_operator())
      .def("__mul__", [](const Money& a, const Rate& r) { return a * r; }, py::is_operator())
      .def("__rmul__", [](const Money& a, const Rate& r) { return a * r; }, py::is_operator())
      .def(py::pickle([](const Money& money) { return py::make_tuple(kPickleVersion, money.cents()); },
                      [](const py::tuple& state) {
                        check_pickle_version(state, 2, "Money");
                        return Money::from_cents(state[1].cast<std::int64_t>());
                      }));
}

void register_rate(py::module_& m) {
  py::class_<Rate>(m, "Rate", R"doc(An exact non-negative rate such as a 20% coinsurance.

Built from a str ('20%', '12.5%', '0.2', '1/3'), a decimal.Decimal or a
fractions.Fraction; never from a float.

>>> Rate('12.5%')
Rate('12.5%')
>>> Rate.fraction(1, 3)
Rate('1/3'))doc")
      .def(py::init([](py::handle value) { return rate_from_python(value); }), "value"_a,
           "A rate from str, decimal.Decimal or fractions.Fraction.")
      .def_static("percent", [](std::int64_t n) { return Rate::percent(n); }, "n"_a, "`n` percent.")
      .def_static("basis_points", [](std::int64_t n) { return Rate::basis_points(n); }, "n"_a,
                  "`n` hundredths of a percent.")
      .def_static("fraction", [](std::int64_t n, std::int64_t d) { return Rate::fraction(n, d); }, "numerator"_a,
                  "denominator"_a, "numerator / denominator, reduced.")
      .def_property_readonly("numerator", &Rate::numerator, "The reduced numerator.")
      .def_property_readonly("denominator", &Rate::denominator, "The reduced denominator.")
      .def("to_fraction",
           [](const Rate& r) { return py::module_::import("fractions").attr("Fraction")(r.numerator(), r.denominator()); },
           "The rate as fractions.Fraction.")
      .def("__str__", &Rate::to_string)
      .def("__repr__", [](const Rate& r) { return "Rate('" + r.to_string() + "')"; })
      .def("__hash__", [](const Rate& r) { return std::hash<std::int64_t>{}(r.numerator() * 1'000'003 + r.denominator()); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def(py::pickle([](const Rate& r) { return py::make_tuple(kPickleVersion, r.numerator(), r.denominator()); },
                      [](const py::tuple& state) {
                        check_pickle_version(state, 3, "Rate");
                        return Rate::fraction(state[1].cast<std::int64_t>(), state[2].cast<std::int64_t>());
                      }));
}

void register_time(py::module_& m) {
  py::native_enum<Disambiguation>(m, "Disambiguation", "enum.Enum",
                                  "How to read a local time that a daylight-saving change skips or repeats.")
      .value("reject", Disambiguation::reject, "Raise iop.ValidationError (the default).")
      .value("earlier", Disambiguation::earlier, "Use the offset in force before the change (fold=0).")
      .value("later", Disambiguation::later, "Use the offset in force after the change (fold=1).")
      .finalize();

  m.def("parse_date", [](const std::string& text) { return parse_date(text, "date"); }, "text"_a,
        "Parses 'YYYY-MM-DD' strictly; an impossible date raises iop.ValidationError naming it.");
  m.def("supported_time_zones", [] {
        py::list names;
        for (auto name : TimeZone::supported_names()) names.append(py::str(std::string(name)));
        return names;
      },
      "The IANA names of the built-in time zones.");

  py::class_<TimeZone>(m, "TimeZone", R"doc(A built-in IANA time zone of the United States.

Conversions are supported for 1987 to 2100 with the US daylight-saving
rules (15 U.S.C. 260a): second Sunday of March to first Sunday of November
from 2007, first Sunday of April to last Sunday of October before.

>>> TimeZone('America/Phoenix').observes_dst
False)doc")
      .def(py::init([](const std::string& name) { return TimeZone::from_name(name, "zone"); }), "name"_a,
           "The zone named `name`; an unknown name raises iop.NotFoundError.")
      .def_property_readonly("name", [](const TimeZone& z) { return std::string(z.name()); }, "The IANA name.")
      .def_property_readonly("observes_dst", &TimeZone::observes_dst, "Whether daylight saving time is observed.")
      .def_property_readonly("first_year", &TimeZone::first_year,
                             "The first year iop converts in this zone (1987 for most; later where the zone's rules changed).")
      .def_property_readonly("rules_note", [](const TimeZone& z) { return std::string(z.rules_note()); },
                             "Which rules the zone follows and since when.")
      .def_property_readonly("standard_offset", [](const TimeZone& z) { return timedelta_minutes(z.standard_offset()); },
                             "The standard-time UTC offset as datetime.timedelta.")
      .def("to_utc",
           [](const TimeZone& z, py::handle local, Disambiguation choice) {
             return to_python_datetime(z.to_utc(local_from_python(local, "local"), choice, "local"), utc_tzinfo());
           },
           "local"_a, "disambiguation"_a = Disambiguation::reject,
           "The UTC instant (aware datetime) of a naive local wall time.")
      .def("to_local",
           [](const TimeZone& z, py::handle utc) { return to_python_datetime(z.to_local(utc_from_python(utc, "utc"))); },
           "utc"_a, "The naive local wall time of an aware datetime.")
      .def("utc_offset",
           [](const TimeZone& z, py::handle utc) { return timedelta_minutes(z.offset_at(utc_from_python(utc, "utc"))); },
           "utc"_a, "The UTC offset in force at an aware datetime.")
      .def("classify",
           [](const TimeZone& z, py::handle local) {
             return std::string(kind_name(z.classify(local_from_python(local, "local")).kind));
           },
           "local"_a, "'unique', 'skipped' or 'repeated' for a naive local wall time.")
      .def("transitions",
           [](const TimeZone& z, int year) {
             py::list out;
             for (const auto& t : z.transitions(year))
               out.append(py::make_tuple(to_python_datetime(t.utc, utc_tzinfo()), timedelta_minutes(t.offset_before),
                                         timedelta_minutes(t.offset_after)));
             return out;
           },
           "year"_a, "The offset changes in `year` as (utc instant, offset before, offset after) tuples.")
      .def("__repr__", [](const TimeZone& z) { return "TimeZone('" + std::string(z.name()) + "')"; })
      .def("__str__", [](const TimeZone& z) { return std::string(z.name()); })
      .def("__hash__", [](const TimeZone& z) { return std::hash<std::string_view>{}(z.name()); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::pickle([](const TimeZone& z) { return py::make_tuple(kPickleVersion, std::string(z.name())); },
                      [](const py::tuple& state) {
                        check_pickle_version(state, 2, "TimeZone");
                        return TimeZone::from_name(state[1].cast<std::string>());
                      }));

  py::class_<ZonedTime>(m, "ZonedTime", R"doc(A local wall time in a named zone, and the UTC instant it means.

>>> t = ZonedTime('2026-03-09T18:00', 'America/Los_Angeles')
>>> str(t)
'2026-03-09T18:00:00-07:00[America/Los_Angeles]'
>>> t.utc
datetime.datetime(2026, 3, 10, 1, 0, tzinfo=datetime.timezone.utc))doc")
      .def(py::init([](py::handle local, py::handle zone, Disambiguation choice) {
             return ZonedTime(local_from_python(local, "local"), zone_from_python(zone), choice, "local");
           }),
           "local"_a, "zone"_a, "disambiguation"_a = Disambiguation::reject,
           "`local` (naive datetime or 'YYYY-MM-DDTHH:MM') in `zone` (TimeZone or IANA name).")
      .def_static("from_utc",
                  [](py::handle utc, py::handle zone) {
                    return ZonedTime::from_utc(utc_from_python(utc, "utc"), zone_from_python(zone));
                  },
                  "utc"_a, "zone"_a, "The wall time in `zone` at an aware datetime.")
      .def_static("at",
                  [](const Date& day, const std::string& time_of_day, py::handle zone, Disambiguation choice) {
                    const auto local = parse_date_time(to_iso_string(day) + "T" + time_of_day, "time_of_day");
                    return ZonedTime(local, zone_from_python(zone), choice, "time_of_day");
                  },
                  "day"_a, "time_of_day"_a, "zone"_a, "disambiguation"_a = Disambiguation::reject,
                  "The wall time 'HH:MM' on `day` (datetime.date, numpy.datetime64[D] or 'YYYY-MM-DD') in `zone`.")
      .def_property_readonly("date", [](const ZonedTime& t) { return t.local().date(); },
                             "The local calendar date (datetime.date).")
      .def_property_readonly("local", [](const ZonedTime& t) { return to_python_datetime(t.local()); },
                             "The local wall time (naive datetime).")
      .def_property_readonly("zone", &ZonedTime::zone, "The TimeZone.")
      .def_property_readonly("utc", [](const ZonedTime& t) { return to_python_datetime(t.utc(), utc_tzinfo()); },
                             "The instant (aware datetime in UTC).")
      .def_property_readonly("utc_offset", [](const ZonedTime& t) { return timedelta_minutes(t.utc_offset()); },
                             "The UTC offset in force (datetime.timedelta).")
      .def_property_readonly("is_dst", &ZonedTime::is_dst, "Whether daylight saving time is in force.")
      .def_property_readonly("abbreviation", [](const ZonedTime& t) { return std::string(t.abbreviation()); },
                             "The zone abbreviation in force, e.g. 'PDT'.")
      .def("to_datetime",
           [](const ZonedTime& t) {
             auto tz = py::module_::import("datetime").attr("timezone")(timedelta_minutes(t.utc_offset()),
                                                                         std::string(t.abbreviation()));
             return to_python_datetime(t.local(), tz);
           },
           "An aware datetime with the fixed offset in force.")
      .def("isoformat", &ZonedTime::to_string, "RFC 9557 text, '2026-03-09T18:00:00-07:00[America/Los_Angeles]'.")
      .def("__str__", &ZonedTime::to_string)
      .def("__repr__",
           [](const ZonedTime& t) {
             return "ZonedTime('" + to_iso_string(t.local()) + "', '" + std::string(t.zone().name()) + "')";
           })
      .def("__hash__", [](const ZonedTime& t) { return std::hash<std::string>{}(t.utc_string()); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::pickle(
          [](const ZonedTime& t) { return py::make_tuple(kPickleVersion, t.utc_string(), std::string(t.zone().name())); },
          [](const py::tuple& state) {
            check_pickle_version(state, 3, "ZonedTime");
            auto text = state[1].cast<std::string>();
            if (!text.empty() && text.back() == 'Z') text.pop_back();
            return ZonedTime::from_utc(parse_date_time(text, "state"), TimeZone::from_name(state[2].cast<std::string>()));
          }));
}

}  // namespace

void register_core(py::module_& m) {
  register_money(m);
  register_rate(m);
  register_time(m);
}

}  // namespace iop::python
