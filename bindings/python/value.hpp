#pragma once
// One helper gives every bound value type the same behaviour: to_dict/from_dict
// in its JSON form, == by value, a hash (the values are immutable from Python),
// copy and deepcopy, and a versioned pickle whose state is the JSON text, so a
// value survives a round trip through to_dict, pickle or a Dask worker unchanged.

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <utility>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "json_bridge.hpp"

namespace iop::python {

/// The version tag written first in every pickled state.
constexpr int kPickleVersion = 1;

/// Refuses a pickled state this version of iop did not write.
inline void check_pickle_state(const pybind11::tuple& state, std::size_t size, const std::string& type) {
  if (state.size() != size || !PyLong_Check(state[0].ptr()) || state[0].cast<long long>() != kPickleVersion)
    throw iop::ValidationError(type + ".__setstate__", short_repr(state), "is not a state this version of iop wrote",
                               "a tuple starting with pickle version " + std::to_string(kPickleVersion));
}

/// Adds to_dict, from_dict (reading errors name @p path), ==, !=, hash, copy, deepcopy and pickle to @p cls.
template <class T, class... Options, class ToJson, class FromJson>
void def_json_value(pybind11::class_<T, Options...>& cls, const char* path, ToJson to_json_of, FromJson from_json_of) {
  namespace py = pybind11;
  using namespace pybind11::literals;
  const std::string name = py::str(cls.attr("__name__")).cast<std::string>();
  cls.def("to_dict", [to_json_of](const T& v) { return json_to_python(to_json_of(v)); },
          "The JSON form as dicts, lists and strings (money and rates as exact text).")
      .def_static(
          "from_dict",
          [from_json_of, path](py::handle document) { return from_json_of(json_from_python(document, path), path); },
          "document"_a, "Reads the JSON form (as to_dict writes it, or a file); errors name the field path.")
      .def(
          "__eq__",
          [to_json_of](const T& a, py::handle b) -> py::object {
            if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(to_json_of(a) == to_json_of(b.cast<const T&>()));
          },
          py::is_operator())
      .def(
          "__ne__",
          [to_json_of](const T& a, py::handle b) -> py::object {
            if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(to_json_of(a) != to_json_of(b.cast<const T&>()));
          },
          py::is_operator())
      .def("__hash__", [to_json_of](const T& v) { return std::hash<std::string>{}(to_json_of(v).dump()); })
      .def("__copy__", [](const T& v) { return T(v); })
      .def("__deepcopy__", [](const T& v, py::handle) { return T(v); }, "memo"_a)
      .def(py::pickle([to_json_of](const T& v) { return py::make_tuple(kPickleVersion, to_json_of(v).dump()); },
                      [from_json_of, name](const py::tuple& state) {
                        check_pickle_state(state, 2, name);
                        return from_json_of(iop::parse_json(state[1].cast<std::string>(), name + " state"), name);
                      }));
}

/// Adds ==, !=, hash, copy, deepcopy and pickle to @p cls for a value described by a tuple of Python values:
/// @p state_of gives the tuple, @p make rebuilds the value from it (validating it as the constructor does).
template <class T, class... Options, class State, class Make>
void def_tuple_value(pybind11::class_<T, Options...>& cls, State state_of, Make make) {
  namespace py = pybind11;
  using namespace pybind11::literals;
  const std::string name = py::str(cls.attr("__name__")).cast<std::string>();
  cls.def(
         "__eq__",
         [state_of](const T& a, py::handle b) -> py::object {
           if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
           return py::bool_(state_of(a).equal(state_of(b.cast<const T&>())));
         },
         py::is_operator())
      .def(
          "__ne__",
          [state_of](const T& a, py::handle b) -> py::object {
            if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(!state_of(a).equal(state_of(b.cast<const T&>())));
          },
          py::is_operator())
      .def("__hash__", [state_of](const T& v) { return py::hash(state_of(v)); })
      .def("__copy__", [](const T& v) { return T(v); })
      .def("__deepcopy__", [](const T& v, py::handle) { return T(v); }, "memo"_a)
      .def(py::pickle([state_of](const T& v) { return py::make_tuple(kPickleVersion, state_of(v)); },
                      [make, name](const py::tuple& state) {
                        check_pickle_state(state, 2, name);
                        if (!py::isinstance<py::tuple>(state[1]))
                          throw iop::ValidationError(name + ".__setstate__", short_repr(state), "is not a state",
                                                     "a tuple this version of iop wrote");
                        return make(state[1].cast<py::tuple>());
                      }));
}

}  // namespace iop::python
