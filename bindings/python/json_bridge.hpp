#pragma once
// Python objects <-> nlohmann::json, through Python's json module, so that
// documents cross the boundary exactly as they would as files.

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <string>

#include "iop/core/json.hpp"

namespace iop::python {

/// A dict/list/str/int/bool/None document as JSON; anything json.dumps refuses is a TypeError.
inline nlohmann::json json_from_python(pybind11::handle value, const char* what) {
  pybind11::object text;
  try {
    text = pybind11::module_::import("json").attr("dumps")(value);
  } catch (pybind11::error_already_set& e) {
    throw pybind11::type_error(std::string(what) + ": not a JSON document (" + e.what() + ")");
  }
  return iop::parse_json(text.cast<std::string>(), what);
}

/// JSON as Python dicts, lists and scalars.
inline pybind11::object json_to_python(const nlohmann::json& value) {
  return pybind11::module_::import("json").attr("loads")(value.dump());
}

}  // namespace iop::python
