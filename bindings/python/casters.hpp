#pragma once
// Conversions between Python values and iop's C++ value types.
//
// boost::gregorian::date <-> datetime.date, also accepting numpy.datetime64
// with unit D and ISO 8601 text "YYYY-MM-DD". The conversion goes through
// the year, month and day fields, never through local time or a timestamp,
// so it cannot shift a date across a zone.

#include <pybind11/pybind11.h>

#include <datetime.h>

#include <string>
#include <vector>

#include "iop/clinical/measures.hpp"
#include "iop/core/date.hpp"
#include "iop/core/error.hpp"

namespace iop::python {

inline void ensure_datetime_api() {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
}

/// True for a numpy.datetime64 scalar (checked by type name: no numpy build dependency).
inline bool is_numpy_datetime64(pybind11::handle value) {
  const auto type = pybind11::type::of(value);
  return pybind11::str(type.attr("__name__")).cast<std::string>() == "datetime64" &&
         pybind11::str(type.attr("__module__")).cast<std::string>() == "numpy";
}

/// Reads a date from datetime.date, numpy.datetime64[D] or "YYYY-MM-DD".
/// Returns false for other types (so pybind11 reports a TypeError); throws
/// iop::ValidationError naming @p field for a value of the right type that is not a date.
inline bool load_date(pybind11::handle src, bool accept_text, boost::gregorian::date& out,
                      const char* field = "date") {
  ensure_datetime_api();
  if (!src) return false;
  PyObject* obj = src.ptr();
  if (PyDateTime_Check(obj)) return false;  // a datetime has a time: refuse rather than drop it
  if (PyDate_Check(obj)) {
    out = iop::make_date(PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj), field);
    return true;
  }
  if (is_numpy_datetime64(src)) {
    const auto unit = pybind11::str(src.attr("dtype").attr("str")).cast<std::string>();
    const auto text = pybind11::repr(src).cast<std::string>();
    if (unit.size() < 5 || unit.substr(unit.size() - 3) != "[D]")
      throw iop::ValidationError(field, text, "is not a calendar date",
                                 "numpy.datetime64 with unit D, datetime.date or 'YYYY-MM-DD'");
    pybind11::object item = src.attr("item")();
    if (item.is_none())
      throw iop::ValidationError(field, text, "is not a date (NaT)", "a calendar date");
    return load_date(item, false, out, field);
  }
  if (accept_text && PyUnicode_Check(obj)) {
    out = iop::parse_date(src.cast<std::string>(), field);
    return true;
  }
  return false;
}

inline pybind11::object date_to_python(const boost::gregorian::date& d) {
  ensure_datetime_api();
  const auto ymd = d.year_month_day();
  return pybind11::reinterpret_steal<pybind11::object>(
      PyDate_FromDate(static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day)));
}

/// Reads (date, total) pairs; dates as datetime.date, numpy.datetime64[D] or 'YYYY-MM-DD'.
inline std::vector<iop::DatedScore> scores_from_python(pybind11::iterable scores) {
  std::vector<iop::DatedScore> out;
  std::size_t i = 0;
  for (auto item : scores) {
    const auto pair = pybind11::reinterpret_borrow<pybind11::sequence>(item);
    const std::string field = "scores[" + std::to_string(i) + "]";
    if (pybind11::len(pair) != 2) throw pybind11::type_error(field + ": expected a (date, total) pair");
    boost::gregorian::date day;
    if (!load_date(pair[0], true, day, (field + ".date").c_str()))
      throw pybind11::type_error(field + ".date: expected a datetime.date, numpy.datetime64[D] or 'YYYY-MM-DD'");
    out.push_back({day, pair[1].cast<int>()});
    ++i;
  }
  return out;
}

}  // namespace iop::python

namespace pybind11::detail {

template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool convert) { return iop::python::load_date(src, convert, value); }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    return iop::python::date_to_python(d).release();
  }
};

}  // namespace pybind11::detail
