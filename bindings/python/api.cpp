// The document API (iop/api.hpp) for Python: iop.call and iop.call_json are
// built on _call, which returns the status and the response text exactly as
// every other surface (the iop command, the C ABI, the service) gives it.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "iop/api.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

void register_api(py::module_& m) {
  m.def(
      "_call",
      [](const std::string& operation, const std::string& request) {
        api::Response response;
        {
          py::gil_scoped_release release;
          response = api::call(operation, request);
        }
        return py::make_tuple(static_cast<int>(response.status), py::str(response.body));
      },
      "operation"_a, "request"_a,
      "Runs a document-API operation on a JSON request (str, or bytes taken as they are); returns (status, response text). "
      "Use iop.call or iop.call_json instead.");
  m.def(
      "_schema_names", [] {
        py::list names;
        for (auto name : api::schema_names()) names.append(py::str(name.data(), name.size()));
        return names;
      },
      "The names of the JSON Schemas the library carries.");
  m.attr("API_VERSION") = api::api_version;
}

}  // namespace iop::python
