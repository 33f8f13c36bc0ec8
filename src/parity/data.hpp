#pragma once
// The parity data shipped with iop (internal): the medical-necessity criteria
// list and the state overlays, read once from the embedded JSON files.

#include <string>
#include <vector>

#include "iop/core/date.hpp"

namespace iop::parity::data {

struct Criteria {
  std::string id;
  std::string name;
  std::vector<std::string> developers;  // empty: not developed by a nonprofit professional association
  std::string source;
};

// data/medical-necessity-criteria.json
const std::vector<Criteria>& criteria_list();
// The entry with @p id, or nullptr.
const Criteria* find_criteria(const std::string& id);
// The identifiers, comma-separated, for an error's "allowed" part.
std::string criteria_ids();

struct ListedAssociation {
  std::string name;
  std::string source;
};

struct OverlayRule {
  std::string id;
  std::string check;
  std::vector<ListedAssociation> associations;
  std::string list_note;
  std::string message;
  std::string source;
};

struct Overlay {
  std::string state;
  std::string name;
  bool insured_only = false;
  std::string insured_only_source;
  std::vector<OverlayRule> rules;
};

// data/state-overlays.json
const std::vector<Overlay>& overlays();

struct RuleSetRow {
  std::string id;
  std::string name;
  Date as_of;
  bool is_default = false;
  std::string citation;
};

struct ProvisionRow {
  std::string id;
  std::string name;
  Date applies_from;
  std::vector<std::string> rule_sets;
  bool new_in_2024_rule = false;
  std::string citation;
};

struct RuleSets {
  std::vector<RuleSetRow> rule_sets;
  std::vector<ProvisionRow> provisions;
};

// data/parity-rule-sets.json
const RuleSets& rule_sets();

}  // namespace iop::parity::data
