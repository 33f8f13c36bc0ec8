#pragma once
// Shared set-up for the parity tests: designs built from figures in millions
// of dollars, and findings picked out by topic.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/parity/report.hpp"

namespace iop::parity::testing {

inline Money millions(std::int64_t m) { return Money::from_dollars(m * 1'000'000); }
inline std::int64_t dollars(std::int64_t d) { return d * 100; }

inline ClassificationData outpatient(std::int64_t total_millions, std::vector<LevelPayments> ms,
                                     std::vector<MhSudLevel> mh) {
  ClassificationData d;
  d.key.classification = Classification::outpatient_in_network;
  d.key.subclassification = Subclassification::all_other;
  d.total_payments = millions(total_millions);
  d.medical_surgical = std::move(ms);
  d.mental_health = std::move(mh);
  return d;
}

inline BenefitDesign design_with(ClassificationData data) {
  BenefitDesign d;
  d.plan = "Test plan";
  d.plan_year_start = make_date(2026, 1, 1);
  d.classifications.push_back(std::move(data));
  return d;
}

// A one-classification design whose copay test passes: $35 on all $50M, IOP at $35.
inline BenefitDesign passing_design() {
  return design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}},
                                {{"Intensive outpatient program", LimitType::copay, dollars(35)}}));
}

// The findings whose topic is @p topic (or starts with it, when @p prefix).
inline std::vector<Finding> findings_on(const ParityReport& r, const std::string& topic, bool prefix = false) {
  std::vector<Finding> out;
  for (const auto& f : r.findings)
    if (prefix ? f.topic.rfind(topic, 0) == 0 : f.topic == topic) out.push_back(f);
  return out;
}

// A design document: the base JSON with @p patch merged in (RFC 7386).
inline nlohmann::json document(const nlohmann::json& patch) {
  nlohmann::json base = {{"plan", "Test plan"}, {"plan_year_start", "2026-01-01"}};
  base.merge_patch(patch);
  return base;
}

}  // namespace iop::parity::testing
