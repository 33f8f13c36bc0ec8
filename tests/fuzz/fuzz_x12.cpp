// libFuzzer target for the X12 readers (chosen by the program's name: iop_fuzz_x12_835 or
// iop_fuzz_x12_271): the fuzzed bytes are read as an interchange held in memory, as a stream read in
// chunks, and through the document API (x12.remittance or x12.benefits, each format). Every input
// must end in a value or an iop error (ValidationError with a segment and element): an exception of
// another kind, an `internal` response or a sanitizer report is a finding. The reader in memory and
// the stream must agree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/io/x12/remittance.hpp"

namespace {

bool g_is_271 = false;

void check_api(const char* operation, std::string_view text, std::initializer_list<const char*> formats) {
  for (const char* format : formats) {
    nlohmann::json request{{"api_version", 1}, {"format", format}};
    request["x12"] = std::string(text);
    const auto response =
        iop::api::call(operation, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (response.status == iop::api::Status::internal) {
      std::cerr << operation << " " << format << ": " << response.body << '\n';
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  g_is_271 = std::string_view((*argv)[0]).find("271") != std::string_view::npos;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (g_is_271) {
    try {
      (void)iop::x12::benefits_from_271(text);
    } catch (const iop::ValidationError&) {
    }
    check_api("x12.benefits", text, {"json", "text"});
    return 0;
  }
  std::string memory_outcome;
  std::string stream_outcome;
  try {
    const auto r = iop::x12::remittance_from_835(text);
    memory_outcome = "claims " + std::to_string(r.claims.size());
  } catch (const iop::ValidationError& e) {
    memory_outcome = e.what();
  }
  try {
    std::istringstream in{std::string(text)};
    std::size_t claims = 0;
    (void)iop::x12::read_835(in, [&](iop::RemittanceClaim&&) { ++claims; });
    stream_outcome = "claims " + std::to_string(claims);
  } catch (const iop::ValidationError& e) {
    stream_outcome = e.what();
  }
  // The stream has no document limit: over 4 MiB only the in-memory reader refuses.
  if (size <= (std::size_t{4} << 20) && memory_outcome != stream_outcome) {
    std::cerr << "memory: " << memory_outcome << "\nstream: " << stream_outcome << '\n';
    std::abort();
  }
  check_api("x12.remittance", text, {"json", "csv"});
  return 0;
}
