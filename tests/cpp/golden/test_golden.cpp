// The golden corpus (tests/golden/): every recorded request, sent through the C++ document API
// and through the C ABI, must be answered with exactly the bytes recorded for it. A response
// changes only on purpose: tests/golden/build_corpus.py --record, and the commit says why.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#ifndef IOP_GOLDEN_NO_C_ABI
#include "iop/iop.h"
#endif

namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct GoldenCase {
  std::string name;
  std::string operation;
  std::string request;
  std::string response;
};

// A recipe: prefix + fill repeated up to total_bytes + suffix (a request at a size limit's edge).
std::string expand(const json& recipe) {
  const auto prefix = recipe.at("prefix").get<std::string>();
  const auto fill = recipe.at("fill").get<std::string>();
  const auto suffix = recipe.at("suffix").get<std::string>();
  const auto total = recipe.at("total_bytes").get<std::size_t>();
  std::string text = prefix;
  while (text.size() + suffix.size() < total) text += fill;
  text.resize(total - suffix.size());
  return text + suffix;
}

const std::vector<GoldenCase>& corpus() {
  static const std::vector<GoldenCase> cases = [] {
    const std::string root = IOP_GOLDEN_DIR;
    std::vector<GoldenCase> out;
    for (const auto& entry : json::parse(read_file(root + "/index.json"))) {
      GoldenCase c;
      c.name = entry.at("name").get<std::string>();
      c.operation = entry.at("operation").get<std::string>();
      const auto base = root + "/cases/" + c.name;
      c.request = entry.contains("recipe") ? expand(entry.at("recipe")) : read_file(base + ".request");
      c.response = read_file(base + ".response");
      out.push_back(std::move(c));
    }
    return out;
  }();
  return cases;
}

TEST(Golden, CorpusHoldsEveryOperationAndErrorKind) {
  // The corpus must keep covering what it was built to cover (issue: at least 300 requests,
  // every operation, every error kind an input can cause).
  ASSERT_GE(corpus().size(), 300u);
  std::vector<std::string> operations;
  std::vector<std::string> kinds;
  for (const auto& c : corpus()) {
    operations.push_back(c.operation);
    const auto response = json::parse(c.response);
    kinds.push_back(response.contains("error") ? response["error"]["kind"].get<std::string>() : "ok");
  }
  for (auto operation : iop::api::operations())
    EXPECT_NE(std::find(operations.begin(), operations.end(), operation), operations.end()) << operation;
  for (const char* kind : {"ok", "validation", "not_found"})
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind;
}

TEST(Golden, ThroughTheCppApi) {
  int differences = 0;
  for (const auto& c : corpus()) {
    const auto response = iop::api::call(c.operation, c.request);
    if (response.body != c.response) {
      ++differences;
      ADD_FAILURE() << c.name << ": the response differs from tests/golden/cases/" << c.name << ".response\n  got "
                    << response.body.substr(0, 400);
    }
  }
  EXPECT_EQ(differences, 0);
}

#ifndef IOP_GOLDEN_NO_C_ABI
TEST(Golden, ThroughTheCAbi) {
  int differences = 0;
  for (const auto& c : corpus()) {
    char* body = nullptr;
    std::size_t length = 0;
    const int status = iop_call(c.operation.c_str(), c.request.data(), c.request.size(), &body, &length);
    const std::string response(body, length);
    iop_free(body);
    const auto expected_status = json::parse(c.response).contains("error") ? 1 : 0;
    if (response != c.response || (status == 0) != (expected_status == 0)) {
      ++differences;
      ADD_FAILURE() << c.name << ": the C ABI's response differs (status " << status << ")\n  got "
                    << response.substr(0, 400);
    }
  }
  EXPECT_EQ(differences, 0);
}
#endif

}  // namespace
