// State overlays, as data (data/state-overlays.json), matched to the design's
// state; criteria are matched by identifier through data/medical-necessity-criteria.json.

#include <algorithm>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "data.hpp"

namespace iop::parity::analysis {
namespace {

void criteria(const BenefitDesign& d, const data::OverlayRule& rule, const std::string& topic,
              std::vector<Finding>& findings) {
  for (const auto& c : d.medical_necessity_criteria) {
    const auto* known = data::find_criteria(c.id);
    if (!known) {
      findings.push_back({"finding", topic,
                          "The criteria " + c.name + ", developed by " + c.developer +
                              ", cannot be matched to an association listed in 28 CCR 1300.74.721(c); "
                              "within the scope of the listed associations' criteria, California allows only theirs, and "
                              "other criteria only outside that scope or for advances they do not cover.",
                          "Cal. Health & Safety Code 1374.721(b)-(c)(1)-(2); 28 CCR 1300.74.721(c)"});
      continue;
    }
    if (known->developers.empty()) {
      findings.push_back({"violation", topic,
                          "The criteria " + known->name + " do not come from a nonprofit professional association. " +
                              rule.message +
                              "; a plan may use other criteria only outside the scope of the associations' criteria or "
                              "for advances they do not cover.",
                          rule.source});
      continue;
    }
    const data::ListedAssociation* listed = nullptr;
    std::string developer = known->developers.front();
    for (const auto& name : known->developers)
      for (const auto& a : rule.associations)
        if (!listed && a.name == name) {
          listed = &a;
          developer = name;
        }
    if (listed)
      findings.push_back({"info", topic,
                          "The criteria " + known->name + " come from the " + developer +
                              ", a nonprofit professional association listed in " + listed->source + ".",
                          rule.source});
    else
      findings.push_back({"finding", topic,
                          "The criteria " + known->name + " come from the " + developer +
                              ", which is not among the associations iop has confirmed in 28 CCR 1300.74.721(c) "
                              "(entries (c)(1) to (c)(9)); check that it is listed.",
                          rule.list_note});
  }
}

void telehealth(const BenefitDesign& d, const data::OverlayRule& rule, const std::string& topic,
                std::vector<Finding>& findings) {
  for (const auto& t : d.telehealth) {
    if (t.telehealth <= t.in_person) continue;
    const std::string type(to_string(t.type));
    findings.push_back({"violation", topic,
                        "Telehealth cost sharing for " + t.service + " in " + std::string(to_string(t.classification)) +
                            " (" + format_level(t.type, t.telehealth) + " " + type + ") is higher than in person (" +
                            format_level(t.type, t.in_person) + " " + type + "). " + rule.message + ".",
                        rule.source});
  }
}

}  // namespace

void overlays(const BenefitDesign& d, std::vector<Finding>& findings) {
  for (const auto& overlay : data::overlays()) {
    if (overlay.state != d.state) continue;
    if (overlay.insured_only && d.status.funding == Funding::self_insured) {
      findings.push_back({"info", overlay.state + ": scope",
                          overlay.name +
                              " do not apply to this plan because it is self-insured; they reach insured products only.",
                          overlay.insured_only_source});
      continue;
    }
    if (overlay.insured_only && d.status.funding == Funding::unstated)
      findings.push_back({"finding", overlay.state + ": scope",
                          "The design does not say whether the plan is insured or self-insured; " +
                              overlay.name + " apply only if it is insured.",
                          overlay.insured_only_source});
    for (const auto& rule : overlay.rules) {
      const std::string topic = overlay.state + ": " + rule.id;
      if (rule.check == "criteria_from_associations") {
        criteria(d, rule, topic, findings);
      } else if (rule.check == "out_of_network_when_no_timely_access") {
        if (!d.timely_in_network_access && !d.out_of_network_at_in_network_cost_sharing)
          findings.push_back({"violation", topic, rule.message + "; the design says the plan does not.", rule.source});
      } else if (rule.check == "telehealth_cost_sharing_not_above_in_person") {
        telehealth(d, rule, topic, findings);
      }
    }
  }
}

}  // namespace iop::parity::analysis
