#pragma once
/// @file
/// @brief Everything in iop, in one include: every public header, by area.
///
/// Left out, with the reason:
///   - `iop/detail/int128.hpp`: 128-bit helpers of Rate's exact products; `iop/core/rate.hpp` includes them.
///
/// The C ABI (`iop/iop.h`) is a separate, C-only header.
///
/// @code
/// #include <iop/iop.hpp>
/// auto fee = iop::Money::parse("$259.13") * 3;
/// auto response = iop::api::call("version", R"({"api_version": 1})");
/// @endcode

#include "iop/api.hpp"
#include "iop/billing/attendance_spread.hpp"
#include "iop/billing/balance_billing.hpp"
#include "iop/billing/batch_estimate.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/billing/public_payers.hpp"
#include "iop/billing/reconciliation.hpp"
#include "iop/billing/remittance.hpp"
#include "iop/billing/sliding_scale.hpp"
#include "iop/calendar/batch.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/clinical/icd_code.hpp"
#include "iop/clinical/level_of_care.hpp"
#include "iop/clinical/measures.hpp"
#include "iop/clinical/modality.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/core/date.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/limits.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/core/time_of_day.hpp"
#include "iop/core/time_zone.hpp"
#include "iop/core/zoned_time.hpp"
#include "iop/episode/episode.hpp"
#include "iop/episode/cohort_outcomes.hpp"
#include "iop/episode/cohort_tally.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/csv.hpp"
#include "iop/io/estimate_export.hpp"
#include "iop/io/good_faith_estimate_html.hpp"
#include "iop/io/fhir.hpp"
#include "iop/io/fhir_measures.hpp"
#include "iop/io/remittance_export.hpp"
#include "iop/io/session_columns.hpp"
#include "iop/io/text_reports.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/io/x12/claims.hpp"
#include "iop/io/x12/interchange.hpp"
#include "iop/io/x12/remittance.hpp"
#include "iop/io/x12/writer.hpp"
#include "iop/parity/benefit_design.hpp"
#include "iop/parity/claims_aggregate.hpp"
#include "iop/parity/classification.hpp"
#include "iop/parity/dollar_limit.hpp"
#include "iop/parity/nqtl.hpp"
#include "iop/parity/plan_facts.hpp"
#include "iop/parity/report.hpp"
#include "iop/plan/holiday_preset.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"
#include "iop/version.hpp"
