#pragma once
// Python objects <-> nlohmann::json, so that documents cross the boundary
// exactly as they would as files.
//
// A document is what json.load gives (dict, list, str, int, float, bool, None)
// plus the native values an analyst has at hand, each written in iop's JSON
// form: datetime.date, a naive datetime or pandas.Timestamp (a date at
// midnight, else a local date-time), numpy.datetime64, datetime.time ('HH:MM'),
// numpy integers, floats and bools, decimal.Decimal (its exact text, as money
// and rates are written), fractions.Fraction ('n/d'), iop.Money and iop.Rate,
// tuples and 1-D arrays as lists. Anything else is a TypeError naming the path;
// a value of a right type that JSON cannot hold exactly (NaN, NaT, a time zone)
// is an iop.ValidationError naming the path. Never a traceback in a message.

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "convert.hpp"
#include "iop/core/json.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop::python {

namespace detail {

// The walk stops a little past the parser's depth limit (a cycle would recurse forever); the limits
// themselves are then checked by iop::parse_json, exactly as for a file.
constexpr std::size_t kMaxDepth = iop::JsonLimits{}.max_depth + 1;

inline std::string two_digits(long n) { return (n < 10 ? "0" : "") + std::to_string(n); }

inline nlohmann::json to_json_value(pybind11::handle value, const std::string& path, std::size_t depth) {
  namespace py = pybind11;
  if (depth > kMaxDepth)
    throw ValidationError(path, "", "is nested " + std::to_string(depth) + " levels deep (or contains itself)",
                          "at most " + std::to_string(kMaxDepth - 1) + " levels of arrays and objects");
  PyObject* obj = value.ptr();
  if (value.is_none()) return nullptr;
  if (PyBool_Check(obj)) return obj == Py_True;
  if (is_numpy_bool(value)) return value.cast<bool>();
  if (PyUnicode_Check(obj)) return value.cast<std::string>();
  if (PyLong_Check(obj) || is_numpy_integer(value)) {
    const py::int_ n = PyLong_Check(obj) ? py::reinterpret_borrow<py::int_>(value)
                                         : py::reinterpret_steal<py::int_>(PyNumber_Index(obj));
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
    if (overflow == 0) return v;
    if (n > py::int_(0)) {
      const unsigned long long u = PyLong_AsUnsignedLongLong(n.ptr());
      if (!(u == static_cast<unsigned long long>(-1) && PyErr_Occurred())) return u;
      PyErr_Clear();
    }
    throw ValidationError(path, short_repr(value), "is out of range", "an integer of 64 bits");
  }
  if (PyFloat_Check(obj) || is_numpy_floating(value)) {
    const double d = value.cast<double>();
    if (!std::isfinite(d)) throw ValidationError(path, short_repr(value), "is not a finite number", "a finite number");
    return d;
  }
  if (py::isinstance(value, py::module_::import("iop._core").attr("Money")))
    return value.attr("plain")().cast<std::string>();
  if (py::isinstance(value, py::module_::import("iop._core").attr("Rate"))) return py::str(value).cast<std::string>();
  if (is_decimal(value)) {
    if (!value.attr("is_finite")().cast<bool>())
      throw ValidationError(path, short_repr(value), "is not a finite number", "a finite decimal.Decimal");
    return py::str(value).cast<std::string>();
  }
  if (is_fraction(value))
    return py::str(value.attr("numerator")).cast<std::string>() + "/" + py::str(value.attr("denominator")).cast<std::string>();
  ensure_datetime_api();
  if (PyDateTime_Check(obj)) {
    if (is_nat(value)) throw ValidationError(path, "NaT", "is not a date", "a calendar date");
    if (!value.attr("utcoffset")().is_none())
      throw ValidationError(path, short_repr(value), "carries a time zone",
                            "a naive local date or date-time (the zone is given separately)");
    Date day;
    load_date(value.attr("date")(), false, day, path);
    const long h = PyDateTime_DATE_GET_HOUR(obj), m = PyDateTime_DATE_GET_MINUTE(obj), s = PyDateTime_DATE_GET_SECOND(obj);
    if (PyDateTime_DATE_GET_MICROSECOND(obj) != 0 || (py::hasattr(value, "nanosecond") && value.attr("nanosecond").cast<long>() != 0))
      throw ValidationError(path, short_repr(value), "has a fraction of a second", "whole seconds");
    if (h == 0 && m == 0 && s == 0) return to_iso_string(day);
    return to_iso_string(day) + "T" + two_digits(h) + ":" + two_digits(m) + ":" + two_digits(s);
  }
  if (PyDate_Check(obj) || is_numpy_datetime64(value)) {
    Date day;
    load_date(value, false, day, path);
    return to_iso_string(day);
  }
  if (PyTime_Check(obj)) {
    if (!value.attr("utcoffset")().is_none())
      throw ValidationError(path, short_repr(value), "carries a time zone", "a naive wall time");
    if (PyDateTime_TIME_GET_SECOND(obj) != 0 || PyDateTime_TIME_GET_MICROSECOND(obj) != 0)
      throw ValidationError(path, short_repr(value), "has seconds", "a wall time in whole minutes, 'HH:MM'");
    return two_digits(PyDateTime_TIME_GET_HOUR(obj)) + ":" + two_digits(PyDateTime_TIME_GET_MINUTE(obj));
  }
  if (PyDict_Check(obj)) {
    nlohmann::json out = nlohmann::json::object();
    for (auto item : py::reinterpret_borrow<py::dict>(value)) {
      if (!PyUnicode_Check(item.first.ptr()))
        throw py::type_error(path + ": a key of a document must be a str, got " + type_name(item.first) + " " +
                             short_repr(item.first));
      const auto key = item.first.cast<std::string>();
      out[key] = to_json_value(item.second, path.empty() ? key : path + "." + key, depth + 1);
    }
    return out;
  }
  const bool array = is_instance_of(value, "numpy", "ndarray");
  if (PyList_Check(obj) || PyTuple_Check(obj) || array) {
    if (array && value.attr("ndim").cast<int>() != 1)
      throw ValidationError(path, "an array of " + py::str(value.attr("ndim")).cast<std::string>() + " dimensions",
                            "is not a list", "a 1-D array or a list");
    nlohmann::json out = nlohmann::json::array();
    std::size_t i = 0;
    for (auto item : py::reinterpret_borrow<py::iterable>(value))
      out.push_back(to_json_value(item, path + "[" + std::to_string(i++) + "]", depth + 1));
    return out;
  }
  throw py::type_error(path + ": a value of type " + type_name(value) +
                       " cannot be in a document; allowed: dict, list, str, int, float, bool, None, datetime.date, naive "
                       "datetime or pandas.Timestamp, numpy.datetime64, datetime.time, decimal.Decimal, "
                       "fractions.Fraction, iop.Money, iop.Rate, numpy scalars");
}

}  // namespace detail

/// A document as JSON (see the file comment), within the same limits as a document read from a file
/// (size, depth, string length, elements: iop::JsonLimits); errors name @p what and the path inside it.
inline nlohmann::json json_from_python(pybind11::handle value, const char* what) {
  const auto document = detail::to_json_value(value, what, 1);
  return iop::parse_json(document.dump(), what);
}

/// JSON as Python dicts, lists and scalars.
inline pybind11::object json_to_python(const nlohmann::json& value) {
  return pybind11::module_::import("json").attr("loads")(value.dump());
}

}  // namespace iop::python
