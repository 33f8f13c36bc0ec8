// iop's C++ errors as Python exceptions.
//
//   iop.Error(ValueError)                       every error iop raises
//   iop.ValidationError(iop.Error)              a value is malformed or out of range
//   iop.NotFoundError(iop.Error, LookupError)   an unknown name (zone, code, program)
//   iop.OverflowError(iop.Error, OverflowError) an exact amount does not fit 64-bit cents
//
// Each instance has the attributes field, value, problem and allowed.

#include <pybind11/pybind11.h>

#include "iop/core/error.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace iop::python {
namespace {

// Set once when the module is imported, then only read.
PyObject* error_type = nullptr;
PyObject* validation_type = nullptr;
PyObject* not_found_type = nullptr;
PyObject* overflow_type = nullptr;

PyObject* new_exception(py::module_& m, const char* name, const char* doc, py::tuple bases) {
  const std::string qualified = std::string("iop.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

void raise(PyObject* type, const iop::Error& e) {
  py::object instance = py::reinterpret_borrow<py::object>(type)(e.what());
  instance.attr("field") = e.field();
  instance.attr("value") = e.value();
  instance.attr("problem") = e.problem();
  instance.attr("allowed") = e.allowed();
  PyErr_SetObject(type, instance.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  auto builtins = py::module_::import("builtins");
  error_type = new_exception(m, "Error", "Base of every error iop raises; a ValueError, since its cause is the input.",
                             py::make_tuple(builtins.attr("ValueError")));
  auto base = py::reinterpret_borrow<py::object>(error_type);
  validation_type = new_exception(m, "ValidationError", "A value is malformed or outside its allowed range.",
                                  py::make_tuple(base));
  not_found_type = new_exception(m, "NotFoundError", "A name or key (time zone, code, program) is not known.",
                                 py::make_tuple(base, builtins.attr("LookupError")));
  overflow_type = new_exception(m, "OverflowError", "An exact amount of money does not fit in 64-bit cents.",
                                py::make_tuple(base, builtins.attr("OverflowError")));

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
