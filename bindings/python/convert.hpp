#pragma once
// Exact conversions from Python values, shared by every binding.
//
// The rule is the same everywhere: a value is taken exactly or refused. A wrong
// type (a float where a count or an amount is expected, a bool where a number
// is) is a TypeError naming the field and the types allowed; a value of a right
// type that is not exact or out of range (Decimal('2.5') as a count, 2**40 weeks)
// is an iop.ValidationError naming the field, the value and the range.
//
// | expected | accepted                                                                 |
// |----------|--------------------------------------------------------------------------|
// | integer  | int, numpy integer, Decimal or Fraction with an integral value           |
// | date     | datetime.date, naive datetime / pandas.Timestamp at midnight,            |
// |          | numpy.datetime64 at midnight (any unit), 'YYYY-MM-DD'                     |
// | yes/no   | bool, numpy.bool_                                                        |

#include <pybind11/pybind11.h>

#include <datetime.h>

#include <cstdint>
#include <limits>
#include <string>

#include "iop/core/date.hpp"
#include "iop/core/error.hpp"

namespace iop::python {

// datetime.h gives each translation unit its own static PyDateTimeAPI, so this must have
// internal linkage too: an `inline` function is one definition for the whole module, which
// imported the API into one unit's pointer and left the caller's null (found at -O0, where
// it is not inlined: a segfault on the first date).
static inline void ensure_datetime_api() {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
}

/// The qualified name of a value's type, e.g. `float`, `numpy.float64`, `decimal.Decimal`.
inline std::string type_name(pybind11::handle value) {
  const auto type = pybind11::type::of(value);
  const auto module = pybind11::str(type.attr("__module__")).cast<std::string>();
  const auto name = pybind11::str(type.attr("__qualname__")).cast<std::string>();
  return module == "builtins" ? name : module + "." + name;
}

/// A value's repr for a message, cut to 60 characters.
inline std::string short_repr(pybind11::handle value) {
  auto text = pybind11::repr(value).cast<std::string>();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

/// True when @p value is an instance of @p module.@p name (the module is imported only when already loaded).
inline bool is_instance_of(pybind11::handle value, const char* module, const char* name) {
  PyObject* modules = PyImport_GetModuleDict();
  PyObject* loaded = PyDict_GetItemString(modules, module);  // borrowed
  if (loaded == nullptr) return false;                       // not imported: no value can be of its types
  return pybind11::isinstance(value, pybind11::reinterpret_borrow<pybind11::object>(loaded).attr(name));
}

inline bool is_decimal(pybind11::handle v) { return is_instance_of(v, "decimal", "Decimal"); }
inline bool is_fraction(pybind11::handle v) { return is_instance_of(v, "fractions", "Fraction"); }
inline bool is_numpy_integer(pybind11::handle v) { return is_instance_of(v, "numpy", "integer"); }
inline bool is_numpy_floating(pybind11::handle v) { return is_instance_of(v, "numpy", "floating"); }
inline bool is_numpy_bool(pybind11::handle v) { return is_instance_of(v, "numpy", "bool_"); }
inline bool is_numpy_datetime64(pybind11::handle v) { return is_instance_of(v, "numpy", "datetime64"); }
/// pandas.NaT (a datetime subclass whose fields mean nothing).
inline bool is_nat(pybind11::handle v) {
  return pybind11::str(pybind11::type::of(v).attr("__name__")).cast<std::string>() == "NaTType";
}

/// Whether @p value is of a type an exact integer may come as (the value itself is checked by `to_integer`).
inline bool integer_like(pybind11::handle value) {
  if (!value || PyBool_Check(value.ptr()) || PyFloat_Check(value.ptr()) || is_numpy_bool(value)) return false;
  return PyLong_Check(value.ptr()) || is_numpy_integer(value) || is_decimal(value) || is_fraction(value);
}

/// The allowed part of a message for an integer in [lo, hi].
inline std::string integer_range(long long lo, long long hi) {
  return "a whole number " + std::to_string(lo) + ".." + std::to_string(hi);
}

/// An exact integer as a Python int: int and numpy integers as they are, Decimal and Fraction when integral.
/// @throws TypeError for other types; ValidationError naming @p field for a non-integral or non-finite value.
inline pybind11::int_ exact_int(pybind11::handle value, const std::string& field, const std::string& allowed) {
  if (!integer_like(value))
    throw pybind11::type_error(field + ": expected an integer (int, numpy integer, or an integral Decimal or "
                                       "Fraction), got " + type_name(value) + " " + short_repr(value));
  if (PyLong_Check(value.ptr())) return pybind11::reinterpret_borrow<pybind11::int_>(value);
  if (is_numpy_integer(value)) return pybind11::reinterpret_steal<pybind11::int_>(PyNumber_Index(value.ptr()));
  if (is_decimal(value)) {
    if (!value.attr("is_finite")().cast<bool>())
      throw ValidationError(field, short_repr(value), "is not a finite number", allowed);
    // Beyond 10^30 no field of iop can take it; refusing here keeps the conversion small.
    if (value.attr("adjusted")().cast<long long>() > 30)
      throw ValidationError(field, short_repr(value), "is out of range", allowed);
    if (!value.equal(value.attr("to_integral_value")()))
      throw ValidationError(field, short_repr(value), "is not a whole number", allowed);
    return pybind11::reinterpret_steal<pybind11::int_>(PyNumber_Long(value.ptr()));
  }
  if (value.attr("denominator").cast<pybind11::int_>().cast<long long>() != 1)
    throw ValidationError(field, short_repr(value), "is not a whole number", allowed);
  return value.attr("numerator").cast<pybind11::int_>();
}

/// An exact integer in [@p lo, @p hi] (see `exact_int`).
/// @throws TypeError for a wrong type; ValidationError naming @p field otherwise.
inline std::int64_t to_integer(pybind11::handle value, const std::string& field,
                               std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                               std::int64_t hi = std::numeric_limits<std::int64_t>::max()) {
  const auto allowed = integer_range(lo, hi);
  const pybind11::int_ n = exact_int(value, field, allowed);
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
  if (overflow != 0 || v < lo || v > hi) throw ValidationError(field, short_repr(value), "is out of range", allowed);
  return v;
}

/// An exact unsigned integer in [@p lo, @p hi].
inline std::uint64_t to_unsigned(pybind11::handle value, const std::string& field, std::uint64_t lo = 0,
                                 std::uint64_t hi = std::numeric_limits<std::uint64_t>::max()) {
  const auto allowed = "a whole number " + std::to_string(lo) + ".." + std::to_string(hi);
  const pybind11::int_ n = exact_int(value, field, allowed);
  if (n < pybind11::int_(0)) throw ValidationError(field, short_repr(value), "is out of range", allowed);
  const unsigned long long v = PyLong_AsUnsignedLongLong(n.ptr());
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    throw ValidationError(field, short_repr(value), "is out of range", allowed);
  }
  if (v < lo || v > hi) throw ValidationError(field, short_repr(value), "is out of range", allowed);
  return v;
}

/// A yes or no: bool or numpy.bool_ only (no 0/1, None or other truthy values).
inline bool to_bool(pybind11::handle value, const std::string& field) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  if (is_numpy_bool(value)) return value.cast<bool>();
  throw pybind11::type_error(field + ": expected True or False, got " + type_name(value) + " " + short_repr(value));
}

/// A date from a datetime.date, a naive datetime or pandas.Timestamp at midnight, a numpy.datetime64 at
/// midnight (any unit), or 'YYYY-MM-DD' text when @p accept_text. Returns false for other types, so a
/// caller can report a TypeError; throws ValidationError naming @p field for a value of a right type that is
/// not a calendar date (a time of day, a time zone, NaT, an impossible date).
inline bool load_date(pybind11::handle src, bool accept_text, boost::gregorian::date& out,
                      const std::string& field = "date") {
  ensure_datetime_api();
  if (!src) return false;
  PyObject* obj = src.ptr();
  if (PyDateTime_Check(obj)) {
    if (is_nat(src)) throw ValidationError(field, "NaT", "is not a date", "a calendar date");
    if (!src.attr("utcoffset")().is_none())
      throw ValidationError(field, short_repr(src), "carries a time zone",
                            "a naive date (the local calendar date, e.g. timestamp.date() or tz_localize(None))");
    if (PyDateTime_DATE_GET_HOUR(obj) != 0 || PyDateTime_DATE_GET_MINUTE(obj) != 0 ||
        PyDateTime_DATE_GET_SECOND(obj) != 0 || PyDateTime_DATE_GET_MICROSECOND(obj) != 0 ||
        (pybind11::hasattr(src, "nanosecond") && src.attr("nanosecond").cast<long>() != 0))
      throw ValidationError(field, short_repr(src), "has a time of day", "a date, or a timestamp at midnight");
    out = iop::make_date(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj), field);
    return true;
  }
  if (PyDate_Check(obj)) {
    out = iop::make_date(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj), field);
    return true;
  }
  if (is_numpy_datetime64(src)) {
    auto numpy = pybind11::module_::import("numpy");
    if (numpy.attr("isnat")(src).cast<bool>()) throw ValidationError(field, "NaT", "is not a date", "a calendar date");
    pybind11::object day = src.attr("astype")("datetime64[D]");
    if (!day.attr("astype")(src.attr("dtype")).equal(src))
      throw ValidationError(field, short_repr(src), "has a time of day", "a date, or a datetime64 at midnight");
    const auto days = day.attr("astype")("int64").cast<long long>();
    // 0001-01-01..9999-12-31; make_date refuses what boost cannot hold with the field's name.
    if (days < -719162 || days > 2932896)
      throw ValidationError(field, short_repr(src), "is not a calendar date", "a date in 0001-01-01..9999-12-31");
    out = boost::gregorian::date(1970, 1, 1) + boost::gregorian::days(static_cast<long>(days));
    return true;
  }
  if (accept_text && PyUnicode_Check(obj)) {
    out = iop::parse_date(src.cast<std::string>(), field);
    return true;
  }
  return false;
}

/// A date as `load_date` reads it, text included; any other type is a TypeError naming @p field.
inline boost::gregorian::date to_date(pybind11::handle value, const std::string& field) {
  boost::gregorian::date out;
  if (!load_date(value, true, out, field))
    throw pybind11::type_error(field + ": expected a date (datetime.date, a naive timestamp at midnight, "
                                       "numpy.datetime64 or 'YYYY-MM-DD'), got " + type_name(value));
  return out;
}

inline pybind11::object date_to_python(const boost::gregorian::date& d) {
  ensure_datetime_api();
  const auto ymd = d.year_month_day();
  return pybind11::reinterpret_steal<pybind11::object>(
      PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day)));
}

/// An integer parameter taken exactly: the caster keeps the Python value, and the binding reads it with
/// `get(field, lo, hi)` so that the error names the parameter and its range.
struct Integer {
  pybind11::object value;  ///< int, numpy integer, Decimal or Fraction
  /// The value as an integer in [lo, hi]; see `to_integer`.
  [[nodiscard]] std::int64_t get(const std::string& field, std::int64_t lo, std::int64_t hi) const {
    return to_integer(value, field, lo, hi);
  }
};

}  // namespace iop::python

namespace pybind11::detail {

/// Loads iop::python::Integer from the types `integer_like` accepts; others are a TypeError.
template <>
struct type_caster<iop::python::Integer> {
  PYBIND11_TYPE_CASTER(iop::python::Integer, const_name("int"));
  bool load(handle src, bool) {
    if (!iop::python::integer_like(src)) return false;
    value.value = reinterpret_borrow<object>(src);
    return true;
  }
  static handle cast(const iop::python::Integer& v, return_value_policy, handle) { return v.value.inc_ref(); }
};

}  // namespace pybind11::detail
