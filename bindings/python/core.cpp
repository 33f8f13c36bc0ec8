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

#include "arrays.hpp"
#include "casters.hpp"
#include "value.hpp"
#include "iop/core/error.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/core/time_zone.hpp"
#include "iop/core/zoned_time.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

// --- Money -----------------------------------------------------------------

const char* const kMoneyTypes = "an iop.Money, a str such as '1234.56', or a decimal.Decimal";

namespace {

Money money_in_range(const py::int_& cents, const std::string& field, py::handle given) {
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(cents.ptr(), &overflow);
  if (overflow != 0)
    throw iop::OverflowError(field, short_repr(given), "does not fit in 64-bit cents",
                             "-$92,233,720,368,547,758.08..$92,233,720,368,547,758.07");
  return Money::from_cents(v);
}

// An exact ratio n/d of a Decimal or a Fraction, or nothing when the value is beyond @p limit
// decimal places either way (so a Decimal('1e-999999') never becomes a number with a million digits).
// @p tiny is set when the value is nonzero but below 10^-limit.
std::optional<std::pair<py::int_, py::int_>> bounded_ratio(py::handle value, const std::string& field, long long limit,
                                                           bool& huge, bool& tiny) {
  huge = tiny = false;
  if (is_fraction(value))
    return std::pair(value.attr("numerator").cast<py::int_>(), value.attr("denominator").cast<py::int_>());
  if (!value.attr("is_finite")().cast<bool>())
    throw ValidationError(field, short_repr(value), "is not a finite number", "a finite decimal.Decimal");
  if (value.attr("is_zero")().cast<bool>()) return std::pair(py::int_(0), py::int_(1));
  const auto adjusted = value.attr("adjusted")().cast<long long>();
  if (adjusted > limit) {
    huge = true;
    return std::nullopt;
  }
  if (adjusted < -limit) {
    tiny = true;
    return std::nullopt;
  }
  py::tuple ratio = value.attr("as_integer_ratio")();
  return std::pair(ratio[0].cast<py::int_>(), ratio[1].cast<py::int_>());
}

// Decimal or Fraction dollars as Money, exactly: whole cents only.
Money money_from_ratio(py::handle value, const std::string& field) {
  bool huge = false, tiny = false;
  const auto ratio = bounded_ratio(value, field, 19, huge, tiny);
  if (huge)
    throw iop::OverflowError(field, short_repr(value), "does not fit in 64-bit cents",
                             "-$92,233,720,368,547,758.08..$92,233,720,368,547,758.07");
  auto not_cents = [&] {
    return ValidationError(field, short_repr(value), "is not a whole number of cents",
                           "an amount in whole cents, e.g. Decimal('1234.56')");
  };
  if (tiny) throw not_cents();  // nonzero and below 10^-19 dollars
  const py::object scaled = ratio->first * py::int_(100);
  if (!py::reinterpret_steal<py::object>(PyNumber_Remainder(scaled.ptr(), ratio->second.ptr())).equal(py::int_(0)))
    throw not_cents();
  return money_in_range(py::reinterpret_steal<py::int_>(PyNumber_FloorDivide(scaled.ptr(), ratio->second.ptr())),
                        field, value);
}

}  // namespace

// Money(value) and every money parameter: Money, str, Decimal or Fraction dollars. One rule everywhere: a
// bare integer never means money (cents or dollars?), nor a float (not exact) or a bool.
Money money_arg(py::handle value, const std::string& field) {
  if (py::isinstance<Money>(value)) return value.cast<Money>();
  if (PyBool_Check(value.ptr()) || is_numpy_bool(value))
    throw py::type_error(field + ": a bool is not an amount of money; pass " + kMoneyTypes);
  if (PyFloat_Check(value.ptr()) || is_numpy_floating(value))
    throw py::type_error(field + ": Money is never built from a float (" + short_repr(value) +
                         "), which cannot hold cents exactly; pass " + kMoneyTypes);
  if (PyLong_Check(value.ptr()) || is_numpy_integer(value))
    throw py::type_error(field + ": a bare integer (" + short_repr(value) + ") does not say dollars or cents; pass " +
                         kMoneyTypes + ", or Money.from_cents(n)");
  if (PyUnicode_Check(value.ptr())) return Money::parse(value.cast<std::string>(), field);
  if (is_decimal(value) || is_fraction(value)) return money_from_ratio(value, field);
  throw py::type_error(field + ": cannot make Money from " + type_name(value) + "; pass " + kMoneyTypes +
                       ", or Money.from_cents(n)");
}

namespace {

// Money * value: an exact product rounded once to the cent, halves away from zero.
Money money_times(const Money& money, py::handle value) {
  const std::string field = "amount * multiplier";
  if (py::isinstance<Rate>(value)) return money * value.cast<Rate>();
  if (PyBool_Check(value.ptr()) || is_numpy_bool(value) || PyFloat_Check(value.ptr()) || is_numpy_floating(value) ||
      !(PyLong_Check(value.ptr()) || is_numpy_integer(value) || is_decimal(value) || is_fraction(value)))
    throw py::type_error("Money can be multiplied by an int, a numpy integer, an iop.Rate, a decimal.Decimal or a "
                         "fractions.Fraction (exactly, rounded once to the cent), not by " + type_name(value) + " " +
                         short_repr(value));
  if (PyLong_Check(value.ptr()) || is_numpy_integer(value)) {
    const py::int_ n = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
    return money_in_range(py::reinterpret_steal<py::int_>(PyNumber_Multiply(py::int_(money.cents()).ptr(), n.ptr())),
                          field, value);
  }
  bool huge = false, tiny = false;
  // |cents| < 2^63 < 10^19: a multiplier below 10^-40 rounds to zero, one above 10^40 overflows.
  const auto ratio = bounded_ratio(value, field, 40, huge, tiny);
  if (money.is_zero() || tiny) return Money();
  if (huge)
    throw iop::OverflowError(field, money.to_string() + " * " + short_repr(value), "does not fit in 64-bit cents",
                             "-$92,233,720,368,547,758.08..$92,233,720,368,547,758.07");
  const auto& [numerator, denominator] = *ratio;
  const auto product =
      py::reinterpret_steal<py::int_>(PyNumber_Multiply(py::int_(money.cents()).ptr(), numerator.ptr()));
  const bool negative = (product < py::int_(0)) != (denominator < py::int_(0));
  const py::int_ n = py::reinterpret_steal<py::int_>(PyNumber_Absolute(product.ptr()));
  const py::int_ d = py::reinterpret_steal<py::int_>(PyNumber_Absolute(denominator.ptr()));
  py::tuple qr = py::reinterpret_steal<py::tuple>(PyNumber_Divmod(n.ptr(), d.ptr()));
  py::int_ q = qr[0].cast<py::int_>();
  const py::object twice = py::object(qr[1]) * py::int_(2);
  if (twice >= d) q = py::reinterpret_steal<py::int_>(PyNumber_Add(q.ptr(), py::int_(1).ptr()));  // halves away from zero
  if (negative) q = py::reinterpret_steal<py::int_>(PyNumber_Negative(q.ptr()));
  return money_in_range(q, field, value);
}

// Money / n: the exact quotient rounded once to the cent, halves away from zero (iop's one rule).
Money money_divided(const Money& money, py::handle value) {
  if (PyBool_Check(value.ptr()) || is_numpy_bool(value) || !(PyLong_Check(value.ptr()) || is_numpy_integer(value)))
    throw py::type_error("Money can be divided by an int (rounded once to the cent, halves away from zero), not by " +
                         type_name(value) + " " + short_repr(value) + "; multiply by an iop.Rate for a share");
  const py::int_ n = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (n.equal(py::int_(0))) throw ValidationError("divisor", "0", "is zero", "a whole number other than 0");
  const py::int_ cents(money.cents());
  const bool negative = (cents < py::int_(0)) != (n < py::int_(0));
  const py::int_ a = py::reinterpret_steal<py::int_>(PyNumber_Absolute(cents.ptr()));
  const py::int_ b = py::reinterpret_steal<py::int_>(PyNumber_Absolute(n.ptr()));
  py::tuple qr = py::reinterpret_steal<py::tuple>(PyNumber_Divmod(a.ptr(), b.ptr()));
  py::int_ q = qr[0].cast<py::int_>();
  if (py::object(qr[1]) * py::int_(2) >= b) q = py::reinterpret_steal<py::int_>(PyNumber_Add(q.ptr(), py::int_(1).ptr()));
  if (negative) q = py::reinterpret_steal<py::int_>(PyNumber_Negative(q.ptr()));
  return money_in_range(q, "amount / divisor", value);
}

}  // namespace

// --- Rate ------------------------------------------------------------------

Rate rate_from_python(py::handle value, const std::string& field) {
  if (py::isinstance<Rate>(value)) return value.cast<Rate>();
  if (PyUnicode_Check(value.ptr())) {
    // Text says its unit: '20%' or a fraction '1/5'. '20' could be 20% or 2,000%; '0.2' 20% or 0.2%.
    const auto text = value.cast<std::string>();
    if (text.find('%') == std::string::npos && text.find('/') == std::string::npos)
      throw ValidationError(field, short_repr(value), "is a bare number: it does not say percent or fraction",
                            "a str with its unit such as '20%' or '1/5', a decimal.Decimal('0.2') or a "
                            "fractions.Fraction");
    return Rate::parse(text, field);
  }
  if (is_decimal(value) || is_fraction(value)) {
    bool huge = false, tiny = false;
    const auto ratio = bounded_ratio(value, field, 12, huge, tiny);
    if (huge || tiny)
      throw ValidationError(field, short_repr(value), "is too large or too fine a fraction",
                            "numerator and denominator up to 10^12");
    int overflow_n = 0, overflow_d = 0;
    const long long nn = PyLong_AsLongLongAndOverflow(ratio->first.ptr(), &overflow_n);
    const long long dd = PyLong_AsLongLongAndOverflow(ratio->second.ptr(), &overflow_d);
    if (overflow_n != 0 || overflow_d != 0)
      throw ValidationError(field, short_repr(value), "is too large a fraction", "numerator and denominator up to 10^12");
    return Rate::fraction(nn, dd, field);
  }
  if (PyFloat_Check(value.ptr()) || PyLong_Check(value.ptr()) || is_numpy_integer(value) || is_numpy_floating(value) ||
      PyBool_Check(value.ptr()))
    throw py::type_error(field + ": a Rate is never built from a bare number (" + short_repr(value) +
                         "); pass a str such as '20%', a decimal.Decimal, a fractions.Fraction, or use "
                         "Rate.percent(20) or Rate.basis_points(2000)");
  throw py::type_error(field + ": cannot make a Rate from " + type_name(value) +
                       "; pass a str such as '20%', a decimal.Decimal or a fractions.Fraction");
}


namespace {

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
  if (is_nat(value)) throw iop::ValidationError(field, "NaT", "is not a time", "a local wall time");
  if (py::hasattr(value, "nanosecond") && value.attr("nanosecond").cast<long>() != 0)
    throw iop::ValidationError(field, short_repr(value), "has nanoseconds", "a time in whole microseconds");
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
  if (is_nat(value)) throw iop::ValidationError(field, "NaT", "is not an instant", "an aware datetime");
  if (py::hasattr(value, "nanosecond") && value.attr("nanosecond").cast<long>() != 0)
    throw iop::ValidationError(field, short_repr(value), "has nanoseconds", "an instant in whole microseconds");
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

void register_money(py::module_& m) {
  py::class_<Money>(m, "Money", R"doc(An exact amount of US dollars in integer cents.

Built from a str such as '$1,234.56' or '-0.05', a decimal.Decimal or a
fractions.Fraction of dollars in whole cents, or Money.from_cents(n); never
from a bare int (does it mean dollars or cents?) or a float (TypeError).
Arithmetic is exact and overflow raises iop.OverflowError. Multiplying by an
int is exact; by an iop.Rate, a Decimal or a Fraction the exact product is
rounded once to the cent, halves away from zero, and so is dividing by an int.

Works with sum(), abs(), comparisons with Money, format(m, ',.2f') (rounded by
the same rule) and float(m) (dollars, for plotting only); m.to_decimal() and
m.cents are the exact forms.

>>> Money('$1,234.56')
Money('$1,234.56')
>>> Money('259.13') * 3
Money('$777.39')
>>> Money('100.00') / 3
Money('$33.33')
>>> Money('777.39') * Rate('20%')
Money('$155.48'))doc")
      .def(py::init([](py::handle value) { return money_arg(value, "amount"); }), "value"_a,
           "An amount from a str ('1234.56'), a decimal.Decimal or a fractions.Fraction of dollars; "
           "Money.from_cents(n) for int cents.")
      .def_static("from_cents", [](const Integer& cents) {
             return Money::from_cents(cents.get("cents", INT64_MIN, INT64_MAX)); }, "cents"_a,
                  "An amount of `cents` cents (an exact integer).")
      .def_static("from_dollars", [](const Integer& dollars) {
             return Money::from_dollars(dollars.get("dollars", INT64_MIN, INT64_MAX), "dollars"); }, "dollars"_a,
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
      .def("__float__", [](const Money& money) { return static_cast<double>(money.cents()) / 100.0; })
      .def("__abs__", [](const Money& money) { return money.is_negative() ? -money : money; })
      .def(py::self + py::self)
      .def(py::self - py::self)
      .def(-py::self)
      .def(
          "__radd__",
          [](const Money& a, py::handle b) -> py::object {
            // sum() starts from the int 0; zero is zero in any unit, every other int is ambiguous.
            if (PyLong_Check(b.ptr()) && !PyBool_Check(b.ptr()) && py::int_(0).equal(b)) return py::cast(a);
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
          },
          py::is_operator())
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__truediv__", [](const Money& a, py::handle b) { return money_divided(a, b); }, py::is_operator())
      .def("__mul__", [](const Money& a, py::handle b) { return money_times(a, b); }, py::is_operator())
      .def("__rmul__", [](const Money& a, py::handle b) { return money_times(a, b); }, py::is_operator())
      .def("__copy__", [](const Money& money) { return money; })
      .def("__deepcopy__", [](const Money& money, py::handle) { return money; }, "memo"_a)
      .def(py::pickle([](const Money& money) { return py::make_tuple(kPickleVersion, money.cents()); },
                      [](const py::tuple& state) {
                        check_pickle_state(state, 2, "Money");
                        return Money::from_cents(to_integer(state[1], "Money.__setstate__"));
                      }));
}

void register_rate(py::module_& m) {
  py::class_<Rate>(m, "Rate", R"doc(An exact non-negative rate such as a 20% coinsurance.

Built from a str ('20%', '12.5%', '0.2', '1/3'), a decimal.Decimal or a
fractions.Fraction; never from a float or a bare int (TypeError). Converts
out exactly with to_fraction() or to_decimal() (when it has a finite decimal
form), or approximately with float().

>>> Rate('12.5%')
Rate('12.5%')
>>> Rate.fraction(1, 3)
Rate('1/3'))doc")
      .def(py::init([](py::handle value) { return rate_from_python(value, "rate"); }), "value"_a,
           "A rate from str, decimal.Decimal or fractions.Fraction.")
      .def_static("percent", [](const Integer& n) { return Rate::percent(n.get("n", 0, 1'000'000'000), "n"); }, "n"_a,
                  "`n` percent.")
      .def_static("basis_points", [](const Integer& n) {
             return Rate::basis_points(n.get("n", 0, 1'000'000'000'000), "n"); }, "n"_a,
                  "`n` hundredths of a percent.")
      .def_static("fraction", [](const Integer& n, const Integer& d) {
             return Rate::fraction(n.get("numerator", 0, Rate::max_denominator),
                                   d.get("denominator", 1, Rate::max_denominator), "rate"); },
                  "numerator"_a, "denominator"_a, "numerator / denominator, reduced.")
      .def_property_readonly("numerator", &Rate::numerator, "The reduced numerator.")
      .def_property_readonly("denominator", &Rate::denominator, "The reduced denominator.")
      .def("to_fraction",
           [](const Rate& r) { return py::module_::import("fractions").attr("Fraction")(r.numerator(), r.denominator()); },
           "The rate as fractions.Fraction.")
      .def("to_decimal",
           [](const Rate& r) {
             // Exact only when the denominator has no prime factors but 2 and 5.
             std::int64_t d = r.denominator();
             while (d % 2 == 0) d /= 2;
             while (d % 5 == 0) d /= 5;
             if (d != 1)
               throw ValidationError("rate", r.to_string(), "has no exact decimal form",
                                     "a rate with a finite decimal form; use to_fraction()");
             auto decimal = py::module_::import("decimal");
             auto context = decimal.attr("Context")("prec"_a = 60);
             return context.attr("divide")(decimal.attr("Decimal")(r.numerator()), decimal.attr("Decimal")(r.denominator()));
           },
           "The rate as an exact decimal.Decimal, e.g. Decimal('0.125'); a rate such as 1/3 raises iop.ValidationError.")
      .def("__float__", [](const Rate& r) { return static_cast<double>(r.numerator()) / static_cast<double>(r.denominator()); })
      .def("__str__", &Rate::to_string)
      .def("__repr__", [](const Rate& r) { return "Rate('" + r.to_string() + "')"; })
      .def("__hash__", [](const Rate& r) { return std::hash<std::int64_t>{}(r.numerator() * 1'000'003 + r.denominator()); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def("__copy__", [](const Rate& r) { return r; })
      .def("__deepcopy__", [](const Rate& r, py::handle) { return r; }, "memo"_a)
      .def(py::pickle([](const Rate& r) { return py::make_tuple(kPickleVersion, r.numerator(), r.denominator()); },
                      [](const py::tuple& state) {
                        check_pickle_state(state, 3, "Rate");
                        return Rate::fraction(to_integer(state[1], "Rate.__setstate__"),
                                              to_integer(state[2], "Rate.__setstate__"));
                      }));
}

void register_time(py::module_& m) {
  py::native_enum<Disambiguation>(m, "Disambiguation", "enum.Enum",
                                  "How to read a local time that a daylight-saving change skips or repeats.")
      .value("reject", Disambiguation::reject, "Raise iop.ValidationError (the default).")
      .value("earlier", Disambiguation::earlier, "Use the offset in force before the change (fold=0).")
      .value("later", Disambiguation::later, "Use the offset in force after the change (fold=1).")
      .finalize();

  m.def("parse_date",
        [](py::handle text, const std::string& field) {
          if (!PyUnicode_Check(text.ptr()))  // bytes are not text: their encoding is not known
            throw py::type_error(field + ": expected a str 'YYYY-MM-DD', got " + type_name(text));
          return parse_date(text.cast<std::string>(), field);
        },
        "text"_a, "field"_a = "date",
        "Parses 'YYYY-MM-DD' strictly; an impossible date raises iop.ValidationError naming it (and `field`).");
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
           [](const TimeZone& z, const Integer& year) {
             py::list out;
             for (const auto& t : z.transitions(static_cast<int>(year.get("year", 1987, 2100))))
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
      .def("__copy__", [](const TimeZone& z) { return z; })
      .def("__deepcopy__", [](const TimeZone& z, py::handle) { return z; }, "memo"_a)
      .def(py::pickle([](const TimeZone& z) { return py::make_tuple(kPickleVersion, std::string(z.name())); },
                      [](const py::tuple& state) {
                        check_pickle_state(state, 2, "TimeZone");
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
                  [](py::handle date, const std::string& time_of_day, py::handle zone, Disambiguation choice) {
                    const Date day = to_date(date, "day");
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
      // Ordered by instant: an earlier instant is less, whatever the zones.
      .def("__lt__", [](const ZonedTime& a, const ZonedTime& b) { return a.utc() < b.utc(); }, py::is_operator())
      .def("__le__", [](const ZonedTime& a, const ZonedTime& b) { return a.utc() <= b.utc(); }, py::is_operator())
      .def("__gt__", [](const ZonedTime& a, const ZonedTime& b) { return a.utc() > b.utc(); }, py::is_operator())
      .def("__ge__", [](const ZonedTime& a, const ZonedTime& b) { return a.utc() >= b.utc(); }, py::is_operator())
      .def("__copy__", [](const ZonedTime& t) { return t; })
      .def("__deepcopy__", [](const ZonedTime& t, py::handle) { return t; }, "memo"_a)
      .def(py::pickle(
          [](const ZonedTime& t) { return py::make_tuple(kPickleVersion, t.utc_string(), std::string(t.zone().name())); },
          [](const py::tuple& state) {
            check_pickle_state(state, 3, "ZonedTime");
            auto text = state[1].cast<std::string>();
            if (!text.empty() && text.back() == 'Z') text.pop_back();
            return ZonedTime::from_utc(parse_date_time(text, "state"), TimeZone::from_name(state[2].cast<std::string>()));
          }));
}

}  // namespace

// Element-wise exact conversions of object columns (lists, object arrays, pandas Series of Decimal, ...)
// for the Python layer's batch functions; each element is read by the same rules as a scalar and an
// error names `name[i]`.
void register_columns(py::module_& m) {
  // A scalar (one value for every plan) is named as the parameter itself; a column's elements as name[i].
  auto field = [](const std::string& name, bool scalar, std::size_t i) {
    return scalar ? name : name + "[" + std::to_string(i) + "]";
  };
  m.def("_exact_integers", [field](py::iterable values, const std::string& name, bool scalar) {
          std::vector<std::int64_t> out;
          std::size_t i = 0;
          for (auto v : values) out.push_back(to_integer(v, field(name, scalar, i++)));
          return to_numpy(std::move(out));
        }, "values"_a, "name"_a, "scalar"_a = false, "Exact integers as an int64 array (floats and bools refused).");
  m.def("_money_cents", [field](py::iterable values, const std::string& name, bool scalar) {
          std::vector<std::int64_t> out;
          std::size_t i = 0;
          for (auto v : values) out.push_back(money_arg(v, field(name, scalar, i++)).cents());
          return to_numpy(std::move(out));
        }, "values"_a, "name"_a, "scalar"_a = false, "Amounts (Money, str, Decimal; no bare integers) as int64 cents.");
  m.def("_exact_rates", [field](py::iterable values, const std::string& name, bool scalar) {
          std::vector<std::int64_t> numerators, denominators;
          std::size_t i = 0;
          for (auto v : values) {
            const auto r = rate_from_python(v, field(name, scalar, i++));
            numerators.push_back(r.numerator());
            denominators.push_back(r.denominator());
          }
          return py::make_tuple(to_numpy(std::move(numerators)), to_numpy(std::move(denominators)));
        }, "values"_a, "name"_a, "scalar"_a = false,
        "Rates (Rate, str, Decimal, Fraction) as int64 numerators and denominators.");
  m.def("_day_numbers", [field](py::iterable values, const std::string& name, bool scalar) {
          std::vector<std::int64_t> out;
          std::size_t i = 0;
          const Date epoch(1970, 1, 1);
          for (auto v : values) out.push_back((to_date(v, field(name, scalar, i++)) - epoch).days());
          return to_numpy(std::move(out));
        }, "values"_a, "name"_a, "scalar"_a = false,
        "Dates (date, naive midnight timestamps, datetime64, 'YYYY-MM-DD') as days since 1970-01-01.");
}

void register_core(py::module_& m) {
  register_money(m);
  register_rate(m);
  register_time(m);
  register_columns(m);
}

}  // namespace iop::python
