// iop._core: the compiled part of the iop Python package.

#include "register.hpp"

#include "iop/version.hpp"

PYBIND11_MODULE(_core, m, pybind11::mod_gil_not_used()) {
  m.doc() = "iop's compiled core; import the iop package instead.";
  m.attr("__version__") = iop::version_string;
  iop::python::register_errors(m);
  iop::python::register_core(m);
  iop::python::register_clinical(m);
  iop::python::register_plan(m);
  iop::python::register_calendar(m);
  iop::python::register_billing(m);
  iop::python::register_parity(m);
  iop::python::register_api(m);
}
