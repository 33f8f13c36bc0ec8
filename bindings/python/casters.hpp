#pragma once
// Conversions between Python values and iop's C++ value types.
//
// boost::gregorian::date <-> datetime.date, also accepting a naive datetime or
// pandas.Timestamp at midnight, numpy.datetime64 at midnight and ISO 8601 text
// "YYYY-MM-DD" (see convert.hpp). The conversion goes through the year, month
// and day fields, never through local time or a timestamp, so it cannot shift
// a date across a zone; a timestamp with a zone or a time of day is refused.

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "convert.hpp"
#include "iop/clinical/measures.hpp"
#include "iop/core/date.hpp"
#include "iop/core/error.hpp"

namespace iop::python {

/// Reads (date, total) pairs; dates as `load_date` reads them, totals as exact integers.
inline std::vector<iop::DatedScore> scores_from_python(pybind11::iterable scores) {
  std::vector<iop::DatedScore> out;
  std::size_t i = 0;
  for (auto item : scores) {
    const std::string field = "scores[" + std::to_string(i) + "]";
    if (!pybind11::isinstance<pybind11::sequence>(item) || PyUnicode_Check(item.ptr()))
      throw pybind11::type_error(field + ": expected a (date, total) pair, got " + type_name(item));
    const auto pair = pybind11::reinterpret_borrow<pybind11::sequence>(item);
    if (pybind11::len(pair) != 2) throw pybind11::type_error(field + ": expected a (date, total) pair");
    const auto day = to_date(pair[0], field + ".date");
    out.push_back({day, static_cast<int>(to_integer(pair[1], field + ".total", 0, 27))});
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
