#include "data.hpp"

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "core/embedded.hpp"
#include "core/evidence.hpp"

namespace iop::parity::data {

const std::vector<Criteria>& criteria_list() {
  static const std::vector<Criteria> table = [] {
    const auto document = parse_json(detail::medical_necessity_criteria_json(), "data/medical-necessity-criteria.json");
    const JsonReader root(document, "criteria_document");
    root.expect_only({"description", "criteria"});
    std::vector<Criteria> out;
    const auto list = root.at("criteria");
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      const auto c = list.at(i);
      c.expect_only({"id", "name", "developers", "source"});
      Criteria entry{c.at("id").as_string(), c.at("name").as_string(), {}, c.at("source").as_string()};
      const auto developers = c.at("developers");
      for (std::size_t k = 0; k < developers.array_size(); ++k) entry.developers.push_back(developers.at(k).as_string());
      out.push_back(std::move(entry));
    }
    return out;
  }();
  return table;
}

const Criteria* find_criteria(const std::string& id) {
  for (const auto& c : criteria_list())
    if (c.id == id) return &c;
  return nullptr;
}

std::string criteria_ids() {
  std::string out;
  for (const auto& c : criteria_list()) out += (out.empty() ? "" : ", ") + c.id;
  return out + ", or an object {id, name, developer} for criteria not in this list";
}

const std::vector<Overlay>& overlays() {
  static const std::vector<Overlay> table = [] {
    const auto document = parse_json(detail::state_overlays_json(), "data/state-overlays.json");
    const JsonReader root(document, "overlays_document");
    root.expect_only({"description", "overlays"});
    std::vector<Overlay> out;
    const auto list = root.at("overlays");
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      const auto o = list.at(i);
      o.expect_only({"state", "name", "insured_only", "insured_only_source", "rules"});
      Overlay overlay{o.at("state").as_string(), o.at("name").as_string(), o.at("insured_only").as_bool(),
                      o.at("insured_only_source").as_string(), {}};
      const auto rules = o.at("rules");
      for (std::size_t k = 0; k < rules.array_size(); ++k) {
        const auto r = rules.at(k);
        r.expect_only({"id", "check", "associations", "list_note", "message", "source"});
        OverlayRule rule{r.at("id").as_string(), r.at("check").as_string(), {}, "", r.at("message").as_string(),
                         r.at("source").as_string()};
        if (rule.check != "criteria_from_associations" && rule.check != "out_of_network_when_no_timely_access" &&
            rule.check != "telehealth_cost_sharing_not_above_in_person")
          throw NotFoundError(r.at("check").path(), iop::quoted(rule.check), "is not an overlay check",
                              "criteria_from_associations, out_of_network_when_no_timely_access, "
                              "telehealth_cost_sharing_not_above_in_person");
        if (auto a = r.find("associations"))
          for (std::size_t j = 0; j < a->array_size(); ++j) {
            const auto entry = a->at(j);
            entry.expect_only({"name", "evidence"});
            rule.associations.push_back({entry.at("name").as_string(), iop::detail::read_evidence(entry).citation});
          }
        if (auto note = r.find("list_note")) rule.list_note = note->as_string();
        overlay.rules.push_back(std::move(rule));
      }
      out.push_back(std::move(overlay));
    }
    return out;
  }();
  return table;
}

const RuleSets& rule_sets() {
  static const RuleSets table = [] {
    const auto document = parse_json(detail::parity_rule_sets_json(), "data/parity-rule-sets.json");
    const JsonReader root(document, "rule_sets_document");
    root.expect_only({"description", "rule_sets", "provisions"});
    RuleSets out;
    const auto sets = root.at("rule_sets");
    for (std::size_t i = 0; i < sets.array_size(); ++i) {
      const auto r = sets.at(i);
      r.expect_only({"id", "name", "as_of", "default", "evidence"});
      out.rule_sets.push_back({r.at("id").as_string(), r.at("name").as_string(), r.at("as_of").as_date(),
                               r.at("default").as_bool(), iop::detail::read_evidence(r).citation});
    }
    const auto provisions = root.at("provisions");
    for (std::size_t i = 0; i < provisions.array_size(); ++i) {
      const auto p = provisions.at(i);
      p.expect_only({"id", "name", "applies_from", "rule_sets", "new_in_2024_rule", "evidence"});
      ProvisionRow row{p.at("id").as_string(), p.at("name").as_string(), p.at("applies_from").as_date(), {},
                       p.at("new_in_2024_rule").as_bool(), iop::detail::read_evidence(p).citation};
      const auto in = p.at("rule_sets");
      for (std::size_t k = 0; k < in.array_size(); ++k) row.rule_sets.push_back(in.at(k).as_string());
      out.provisions.push_back(std::move(row));
    }
    return out;
  }();
  return table;
}

}  // namespace iop::parity::data
