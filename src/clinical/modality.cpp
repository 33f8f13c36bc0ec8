#include "iop/clinical/modality.hpp"

#include <array>
#include <string>

#include "iop/core/error.hpp"

namespace iop {
namespace {

using M = Modality;
using F = Format;

// Default codes: CPT descriptors per the APA practice pages on psychotherapy
// codes (90832/90834/90837 time bands, 90847, 90853, 90792) and CPT E/M 99214;
// HCPCS Level II H0038 (self-help/peer services, per 15 minutes) and T1016
// (case management, each 15 minutes) from the CMS HCPCS file.
constexpr std::array<ModalityInfo, 16> kModalities{{
    {M::individual_therapy, "individual_therapy", "Individual therapy", F::individual, 45, "90834", "CPT"},
    {M::process_group, "process_group", "Process group therapy", F::group, 60, "90853", "CPT"},
    {M::psychoeducation, "psychoeducation", "Psychoeducation", F::group, 45, "90853", "CPT"},
    {M::skills_training, "skills_training", "Skills training", F::group, 45, "90853", "CPT"},
    {M::cbt, "cbt", "Cognitive behavioral therapy (CBT)", F::group, 60, "90853", "CPT"},
    {M::dbt, "dbt", "Dialectical behavior therapy (DBT)", F::group, 60, "90853", "CPT"},
    {M::act, "act", "Acceptance and commitment therapy (ACT)", F::group, 60, "90853", "CPT"},
    {M::motivational_interviewing, "motivational_interviewing", "Motivational interviewing", F::group, 45, "90853", "CPT"},
    {M::psychodynamic_therapy, "psychodynamic_therapy", "Psychodynamic therapy", F::group, 60, "90853", "CPT"},
    {M::mindfulness_and_relaxation, "mindfulness_and_relaxation", "Mindfulness and relaxation", F::group, 30, "90853", "CPT"},
    {M::family_therapy, "family_therapy", "Family therapy", F::family, 50, "90847", "CPT"},
    {M::medication_management, "medication_management", "Medication management", F::individual, 30, "99214", "CPT"},
    {M::psychiatric_evaluation, "psychiatric_evaluation", "Psychiatric evaluation", F::individual, 60, "90792", "CPT"},
    {M::case_management, "case_management", "Case management", F::individual, 30, "T1016", "HCPCS"},
    {M::relapse_prevention, "relapse_prevention", "Relapse prevention", F::group, 45, "90853", "CPT"},
    {M::peer_support, "peer_support", "Peer support", F::group, 30, "H0038", "HCPCS"},
}};

}  // namespace

std::span<const ModalityInfo> modality_catalog() noexcept { return kModalities; }

const ModalityInfo& modality_info(Modality modality) noexcept {
  return kModalities[static_cast<std::size_t>(modality)];
}

Modality parse_modality(std::string_view id, std::string_view field) {
  for (const auto& m : kModalities)
    if (m.id == id) return m.modality;
  std::string allowed;
  for (const auto& m : kModalities) allowed += (allowed.empty() ? "" : ", ") + std::string(m.id);
  throw NotFoundError(std::string(field), iop::quoted(id), "is not a modality", allowed);
}

std::string_view to_string(Modality modality) noexcept { return modality_info(modality).id; }

std::string_view to_string(Format format) noexcept {
  switch (format) {
    case Format::individual: return "individual";
    case Format::group: return "group";
    case Format::family: return "family";
  }
  return "individual";
}

std::optional<std::string_view> psychotherapy_code_for_minutes(int minutes) noexcept {
  if (minutes < 16) return std::nullopt;
  if (minutes <= 37) return "90832";
  if (minutes <= 52) return "90834";
  return "90837";
}

}  // namespace iop
