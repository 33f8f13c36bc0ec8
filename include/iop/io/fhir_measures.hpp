#pragma once
/// @file
/// @brief PHQ-9 and GAD-7 scores as clinic systems send them: FHIR R4 QuestionnaireResponse and Observation.
///
/// A QuestionnaireResponse answered item by item: each item's `linkId` is the
/// LOINC code of its question (alone, or at the end of a path such as
/// `/44249-1/44250-9`), each answer a LOINC answer code (`valueCoding`, system
/// `http://loinc.org`: LA6568-5 "Not at all" = 0, LA6569-3 "Several days" = 1,
/// LA6570-1 "More than half the days" = 2, LA6571-9 "Nearly every day" = 3) or the
/// item's score (`valueInteger`). An Observation of a total: code 44261-6 (PHQ-9
/// total) or 70274-6 (GAD-7 total), `valueInteger` or `valueQuantity.value`.
/// The codes and their sources are in docs/data.md ("LOINC codes of the measures").
///
/// Nothing is guessed: a questionnaire missing an item, an item of an unknown
/// code, an answer that is not one of the four, a total item that disagrees with
/// the items, a response that is not completed or amended, an Observation that is
/// not final, amended or corrected, or a date without its day is refused, naming
/// the resource's index and element. The other elements of a resource (id, meta,
/// subject, ...) are the EHR's and are not read.
///
/// @code
/// auto measures = iop::measures_from_fhir(resources, "fhir");   // a JSON array of resources
/// @endcode
///
/// Thread safety: pure functions of their arguments.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/clinical/measures.hpp"

namespace iop {

/// @brief The measures of @p resources (a JSON array of QuestionnaireResponse and Observation resources), in order.
/// @throws ValidationError / NotFoundError naming `path[i]` and the element.
[[nodiscard]] std::vector<ScoredMeasure> measures_from_fhir(const nlohmann::json& resources, std::string path = "fhir");

/// @brief The LOINC codes of a measure's questions, in the questionnaire's order (9 for the PHQ-9, 7 for the GAD-7).
[[nodiscard]] std::span<const std::string_view> loinc_item_codes(Measure measure) noexcept;
/// @brief The LOINC code of a measure's total score: 44261-6 (PHQ-9) or 70274-6 (GAD-7).
[[nodiscard]] std::string_view loinc_total_code(Measure measure) noexcept;
/// @brief The LOINC code of a measure's panel: 44249-1 (PHQ-9) or 69737-5 (GAD-7).
[[nodiscard]] std::string_view loinc_panel_code(Measure measure) noexcept;

}  // namespace iop
