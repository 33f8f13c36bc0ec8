// The C ABI (include/iop/iop.h) over the document API. Nothing here may throw
// across the boundary: api::call is noexcept, and the only other work is
// copying bytes into malloc'd memory.

#include "iop/iop.h"

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "iop/api.hpp"
#include "iop/version.hpp"

namespace {

// Copies @p body into a NUL-terminated malloc'd buffer; false when memory ran out.
bool hand_over(const std::string& body, char** response, size_t* response_len) noexcept {
  auto* buffer = static_cast<char*>(std::malloc(body.size() + 1));
  *response = buffer;  // NULL when memory ran out, with a length of 0
  *response_len = buffer == nullptr ? 0 : body.size();
  if (buffer == nullptr) return false;
  std::memcpy(buffer, body.data(), body.size());
  buffer[body.size()] = '\0';
  return true;
}

}  // namespace

extern "C" {

int iop_call(const char* operation, const char* request, size_t request_len, char** response,
             size_t* response_len) {
  if (response == nullptr || response_len == nullptr) return IOP_STATUS_INVALID_ARGUMENT;
  *response = nullptr;
  *response_len = 0;
  // A missing operation or request is answered like any other bad request: as an error object.
  const std::string_view name = operation == nullptr ? std::string_view("<null>") : std::string_view(operation);
  const std::string_view text = request == nullptr ? std::string_view() : std::string_view(request, request_len);
  auto result = iop::api::call(operation == nullptr ? std::string_view() : name, text);
  if (!hand_over(result.body, response, response_len)) return IOP_STATUS_INTERNAL;
  return static_cast<int>(result.status);
}

void iop_free(char* response) { std::free(response); }

const char* iop_version(void) { return iop::version_string; }

int iop_api_version(void) { return iop::api::api_version; }

const char* iop_status_name(int status) {
  switch (status) {
    case IOP_STATUS_OK: return "ok";
    case IOP_STATUS_VALIDATION: return "validation";
    case IOP_STATUS_NOT_FOUND: return "not_found";
    case IOP_STATUS_OVERFLOW: return "overflow";
    case IOP_STATUS_INTERNAL: return "internal";
    case IOP_STATUS_INVALID_ARGUMENT: return "invalid_argument";
    default: return "unknown";
  }
}

}  // extern "C"
