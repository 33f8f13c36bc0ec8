// The document API as a WebAssembly module: one function, call(operation,
// requestJson) -> responseJson, the same bytes as every other surface.

#include <emscripten/bind.h>

#include <string>

#include "iop/api.hpp"
#include "iop/version.hpp"

namespace {

std::string call(const std::string& operation, const std::string& request) {
  return iop::api::call(operation, request).body;
}

std::string version() { return iop::version_string; }

}  // namespace

EMSCRIPTEN_BINDINGS(iop) {
  emscripten::function("call", &call);
  emscripten::function("version", &version);
}
