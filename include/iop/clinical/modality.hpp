#pragma once
/// @file
/// @brief The catalog of therapeutic modalities, with default minutes and billing codes.
///
/// A program's day is made of timed blocks, each one modality. The catalog
/// gives each modality a default length and a default billing code that a
/// clinic can override per block:
///
/// - psychotherapy codes are AMA CPT (90832 for 16-37 minutes, 90834 for
///   38-52, 90837 for 53 or more; 90853 group; 90847 family with the patient;
///   90792 psychiatric evaluation with medical services; 99214 established
///   patient office visit for medication management);
/// - services without a CPT code use HCPCS Level II (H0038 peer support,
///   T1016 case management, each per 15 minutes).
///
/// Therapies that are approaches rather than formats (CBT, DBT, ACT,
/// motivational interviewing, psychodynamic therapy, mindfulness, relapse
/// prevention, psychoeducation, skills training) are delivered in groups in
/// an IOP day, so they default to the group psychotherapy code.
///
/// @code
/// const auto& dbt = iop::modality_info(iop::Modality::dbt);
/// dbt.default_minutes;   // 60
/// dbt.default_code;      // "90853"
/// iop::psychotherapy_code_for_minutes(45);  // "90834"
/// @endcode

#include <optional>
#include <span>
#include <string_view>

namespace iop {

/// @brief A therapeutic modality or service in an IOP day.
enum class Modality {
  individual_therapy,
  process_group,
  psychoeducation,
  skills_training,
  cbt,
  dbt,
  act,
  motivational_interviewing,
  psychodynamic_therapy,
  mindfulness_and_relaxation,
  family_therapy,
  medication_management,
  psychiatric_evaluation,
  case_management,
  relapse_prevention,
  peer_support,
};

/// @brief How a modality is delivered.
enum class Format {
  individual,  ///< one patient with a clinician
  group,       ///< several patients together
  family,      ///< the patient with family members
};

/// @brief One catalog entry.
struct ModalityInfo {
  Modality modality;           ///< the modality
  std::string_view id;         ///< stable identifier used in JSON, e.g. `process_group`
  std::string_view name;       ///< display name, e.g. `Process group therapy`
  Format format;               ///< usual format in an IOP day
  int default_minutes;         ///< usual length of one block
  std::string_view default_code;  ///< default billing code (CPT or HCPCS)
  std::string_view code_system;   ///< `CPT` or `HCPCS`
};

/// @brief All modalities, in declaration order.
[[nodiscard]] std::span<const ModalityInfo> modality_catalog() noexcept;
/// @brief The catalog entry of @p modality.
[[nodiscard]] const ModalityInfo& modality_info(Modality modality) noexcept;
/// @brief The modality with identifier @p id.
/// @throws NotFoundError naming @p field and listing the identifiers.
[[nodiscard]] Modality parse_modality(std::string_view id, std::string_view field = "modality");
/// @brief The identifier of @p modality, e.g. `dbt`.
[[nodiscard]] std::string_view to_string(Modality modality) noexcept;
/// @brief `individual`, `group` or `family`.
[[nodiscard]] std::string_view to_string(Format format) noexcept;

/// @brief The CPT psychotherapy code for a session length: 90832 (16-37 min),
///        90834 (38-52), 90837 (53+); nothing under 16 minutes.
[[nodiscard]] std::optional<std::string_view> psychotherapy_code_for_minutes(int minutes) noexcept;

}  // namespace iop
