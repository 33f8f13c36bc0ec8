// iop's C++ errors as Python exceptions.
//
//   iop.Error(ValueError)                       every error iop raises
//   iop.ValidationError(iop.Error)              a value is malformed or out of range
//   iop.NotFoundError(iop.Error, LookupError)   an unknown name (zone, code, program)
//   iop.OverflowError(iop.Error, OverflowError) an exact amount does not fit 64-bit cents
//
// The classes live in the pure-Python module iop._errors (so that they pickle
// with their parts and the Python layer raises the same ones); each instance
// has the attributes field, value, problem and allowed.

#include <pybind11/pybind11.h>

#include "iop/core/error.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace iop::python {
namespace {

// Set once when the module is imported, then only read.
PyObject* validation_type = nullptr;
PyObject* not_found_type = nullptr;
PyObject* overflow_type = nullptr;

void raise(PyObject* type, const iop::Error& e) {
  py::object instance = py::reinterpret_borrow<py::object>(type)(e.field(), e.value(), e.problem(), e.allowed());
  PyErr_SetObject(type, instance.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  auto errors = py::module_::import("iop._errors");
  for (const char* name : {"Error", "ValidationError", "NotFoundError", "OverflowError"}) m.attr(name) = errors.attr(name);
  validation_type = py::object(errors.attr("ValidationError")).release().ptr();
  not_found_type = py::object(errors.attr("NotFoundError")).release().ptr();
  overflow_type = py::object(errors.attr("OverflowError")).release().ptr();

  // The parts of an error as every iop error keeps them (short printable excerpts), for errors the
  // Python layer raises, so that they read exactly as the compiled core's.
  m.def(
      "_error_parts",
      [](const std::string& field, const std::string& value, const std::string& problem, const std::string& allowed) {
        const iop::ValidationError e(field, value, problem, allowed);
        return py::make_tuple(e.field(), e.value(), e.problem(), e.allowed());
      },
      py::arg("field"), py::arg("value"), py::arg("problem"), py::arg("allowed"),
      "The four parts of an error as iop keeps them: short excerpts with control and bidi characters escaped.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const iop::ValidationError& e) {
      raise(validation_type, e);
    } catch (const iop::NotFoundError& e) {
      raise(not_found_type, e);
    } catch (const iop::OverflowError& e) {
      raise(overflow_type, e);
    }
  });
}

}  // namespace iop::python
