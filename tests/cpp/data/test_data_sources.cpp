// The data.sources operation lists every figure of iop's data files with its evidence.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/data_files.hpp"
#include "core/evidence.hpp"
#include "iop/api.hpp"

namespace {

using nlohmann::json;

json sources(const std::string& request) {
  const auto response = iop::api::call("data.sources", request);
  EXPECT_EQ(response.status, iop::api::Status::ok) << response.body;
  return json::parse(response.body);
}

TEST(DataSources, EveryFigureHasItsEvidence) {
  const auto all = sources(R"({"api_version": 1})")["result"];
  int figures = 0;
  for (const auto& file : all["files"]) {
    EXPECT_FALSE(file["description"].get<std::string>().empty()) << file["file"];
    for (const auto& f : file["figures"]) {
      ++figures;
      EXPECT_FALSE(f["citation"].get<std::string>().empty());
      EXPECT_FALSE(f["source"].get<std::string>().empty());
      EXPECT_EQ(f["read_on"].get<std::string>().size(), 10u);
    }
  }
  const auto& counts = all["counts"];
  EXPECT_EQ(counts["confirmed"].get<int>() + counts["secondary"].get<int>() + counts["unconfirmed"].get<int>(), figures);
  EXPECT_EQ(all["files"].size(), iop::detail::data_files().size());
}

// CY2025 APC 5861 is confirmed at $269.19; CY2026's cells are listed as unconfirmed, with no value.
TEST(DataSources, TheMedicareRatesWithTheirStatus) {
  const auto rates = sources(R"({"api_version": 1, "file": "medicare-iop-rates.json"})")["result"]["files"][0];
  EXPECT_EQ(rates["file"], "data/medicare-iop-rates.json");
  bool found_2025 = false;
  for (const auto& f : rates["figures"]) {
    const auto& v = f["values"];
    if (v.value("year", 0) == 2025 && v["apc"] == "5861") {
      found_2025 = true;
      EXPECT_EQ(v["rate"], "269.19");
      EXPECT_EQ(f["status"], "confirmed");
      EXPECT_NE(f["source"].get<std::string>().find("January 2025 Web Addendum A"), std::string::npos);
    }
    if (v.value("year", 0) == 2026) {
      EXPECT_EQ(f["status"], "unconfirmed");
      EXPECT_TRUE(v["rate"].is_null());
    }
  }
  EXPECT_TRUE(found_2025);
  const auto unconfirmed = sources(R"({"api_version": 1, "status": "unconfirmed"})")["result"];
  EXPECT_EQ(unconfirmed["counts"]["confirmed"], 0);
  const auto text = sources(R"({"api_version": 1, "format": "text", "file": "medicare-part-b.json"})");
  EXPECT_NE(text["content"].get<std::string>().find("[confirmed] /part_b_deductible/1 (amount 257.00, year 2025)"),
            std::string::npos)
      << text["content"];
  EXPECT_EQ(iop::api::call("data.sources", R"({"api_version": 1, "file": "nope.json"})").status,
            iop::api::Status::not_found);
}

}  // namespace
