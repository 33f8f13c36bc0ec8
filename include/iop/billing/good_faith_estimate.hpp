#pragma once
/// @file
/// @brief Good Faith Estimates for uninsured and self-pay patients (45 CFR 149.610).
///
/// Under the No Surprises Act (PHSA 2799B-6; 45 CFR 149.610, interim final rule
/// 86 FR 55980, October 7, 2021), a provider gives an uninsured or self-pay
/// patient a written Good Faith Estimate when a service is scheduled or on
/// request. `make_good_faith_estimates` builds one from the course's calendar
/// and fee schedule with every content element of 149.610(c)(1):
///
/// - the patient's name and date of birth;
/// - the primary service in clear language, with its scheduled dates;
/// - the items and services, grouped by provider or facility, each with its
///   service code, diagnosis codes and expected charge, and for a recurring
///   service its scope (frequency, number of sessions, period);
/// - each provider's or facility's name, NPI (check digit validated) and TIN,
///   and the locations and states where services are furnished;
/// - the services expected to be scheduled separately, with how to get their estimates;
/// - the disclaimers: that further items may be recommended and scheduled
///   separately; that it is only an estimate; the right to dispute a bill at
///   least $400 above the estimate (within 120 days, $25 fee) without any
///   effect on the quality of care; and (from the CMS standard form) that it
///   is not a contract.
///
/// A single estimate may cover recurring services expected within 12 months;
/// a longer course is split into several estimates. The issue-by date follows
/// 149.610(b)(1)(vi): a service scheduled at least 3 business days ahead needs
/// the estimate within 1 business day of scheduling, at least 10 business days
/// ahead within 3 business days, and on request within 3 business days. iop
/// counts business days on the provider's holiday calendar (its open days);
/// the regulation's own definition of a business day is unconfirmed here.
///
/// Every element is validated: `validate_good_faith_estimate` (and reading one
/// from JSON) rejects a missing element by its name.
///
/// @code
/// auto gfes = iop::make_good_faith_estimates(request);
/// std::string html = iop::to_html(gfes.front());
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/money.hpp"

namespace iop {

/// @brief Whether @p npi is a 10-digit NPI with a valid check digit (Luhn over "80840" + the first 9 digits).
[[nodiscard]] bool is_valid_npi(std::string_view npi) noexcept;
/// @brief Whether @p tin is a 9-digit taxpayer identification number (`12-3456789`, `123-45-6789` or `123456789`).
[[nodiscard]] bool is_valid_tin(std::string_view tin) noexcept;

/// @brief A place where services are furnished.
struct GfeLocation {
  std::string address;  ///< street address or description ("Telehealth (live video)")
  std::string state;    ///< USPS state code
};

/// @brief A provider or facility on the estimate.
struct GfeProvider {
  std::string name;                     ///< provider or facility name
  std::string npi;                      ///< National Provider Identifier
  std::string tin;                      ///< Taxpayer Identification Number
  std::vector<GfeLocation> locations;   ///< where services are furnished
  bool convening = true;                ///< the convening provider (else a co-provider)
};

/// @brief One line of expected items or services.
struct GfeItem {
  std::string provider_npi;              ///< which provider furnishes it
  std::string description;               ///< clear-language description
  std::string service_code;              ///< CPT/HCPCS code
  std::vector<std::string> diagnosis_codes;  ///< ICD-10-CM codes
  int quantity = 0;                      ///< units (days or sessions)
  Money unit_charge;                     ///< expected charge per unit
  Money expected_charge;                 ///< quantity x unit charge
};

/// @brief The scope of a recurring primary service.
struct GfeRecurrence {
  std::string frequency;  ///< e.g. `3 days a week`
  int sessions = 0;       ///< number of sessions in this estimate
  Date first_date;        ///< first session covered
  Date last_date;         ///< last session covered
};

/// @brief The four disclaimers, in the words the estimate prints.
struct GfeDisclaimers {
  std::string additional_items;  ///< 149.610(c)(1)(viii)
  std::string estimate_only;     ///< 149.610(c)(1)(ix)
  std::string dispute_rights;    ///< 149.610(c)(1)(x): $400, 120 days, $25, no effect on care
  std::string not_a_contract;    ///< CMS standard Good Faith Estimate form
  /// iop's standard wording of all four.
  [[nodiscard]] static GfeDisclaimers standard();
};

/// @brief A Good Faith Estimate with every required element.
struct GoodFaithEstimate {
  std::string patient_name;              ///< patient's name
  Date patient_birth_date;               ///< patient's date of birth
  std::string primary_service;           ///< primary service in clear language
  GfeRecurrence recurrence;              ///< dates and scope of the service
  std::vector<GfeProvider> providers;    ///< providers and facilities
  std::vector<GfeItem> items;            ///< expected items and services, by provider
  std::vector<std::string> separately_scheduled;  ///< services to be scheduled separately, with instructions
  GfeDisclaimers disclaimers;            ///< the disclaimers
  Money total;                           ///< total expected charges
  Date issued_on;                        ///< date issued (required; never before the scheduling or request date)
  Date scheduled_on;                     ///< when the service was scheduled, or requested (`on_request`)
  bool on_request = false;               ///< requested without scheduling
  std::optional<Date> issue_by;          ///< deadline (none when the service is under 3 business days away)
  std::string deadline_rule;             ///< which timing rule set the deadline
  int part = 1;                          ///< this estimate's number when a course is split
  int parts = 1;                         ///< how many estimates the course needs
  std::vector<std::string> warnings;     ///< for the office, at the top: e.g. issued after its deadline
};

/// @brief What a provider knows when it must issue the estimates.
struct GfeRequest {
  std::string patient_name;              ///< patient's name
  Date patient_birth_date;               ///< patient's date of birth
  std::vector<std::string> diagnosis_codes;  ///< ICD-10-CM codes
  GfeProvider provider;                  ///< the convening provider
  std::vector<std::string> separately_scheduled;  ///< services expected to be scheduled separately
  Date scheduled_on;                     ///< when the course was scheduled or requested
  bool on_request = false;               ///< requested without scheduling
  Date issued_on;                        ///< date of issue
};

/// @brief The issue-by date and the rule behind it.
/// @return nothing (with the rule) when the service is scheduled fewer than 3 business days ahead.
[[nodiscard]] std::pair<std::optional<Date>, std::string> good_faith_estimate_deadline(
    Date scheduled_on, Date first_service, bool on_request, const HolidayCalendar& business_days);

/// @brief The estimates of a course: one per 12 months of services.
/// @throws ValidationError naming the missing or invalid element.
[[nodiscard]] std::vector<GoodFaithEstimate> make_good_faith_estimates(const GfeRequest& request,
                                                                       const SessionCalendar& calendar,
                                                                       const FeeSchedule& fees,
                                                                       const HolidayCalendar& business_days);

/// @brief Checks every required element.
/// @throws ValidationError naming the element (e.g. `gfe.providers[0].npi`) and its regulation paragraph.
void validate_good_faith_estimate(const GoodFaithEstimate& estimate);

/// @brief The JSON of an estimate.
[[nodiscard]] nlohmann::json to_json(const GoodFaithEstimate& estimate);
/// @brief Reads and validates an estimate.
/// @throws ValidationError naming a missing element.
[[nodiscard]] GoodFaithEstimate good_faith_estimate_from_json(const nlohmann::json& document, std::string path = "gfe");
/// @brief A printable HTML page of an estimate.
[[nodiscard]] std::string to_html(const GoodFaithEstimate& estimate);

/// @brief Reads a request for Good Faith Estimates: `patient` (`name`,
/// `date_of_birth`), `diagnosis_codes`, `provider` (`name`, `npi`, `tin`,
/// `locations` of `address` and `state`), `scheduled_on`, and optionally
/// `on_request`, `issued_on` (the day it is scheduled when absent) and
/// `separately_scheduled`. Unknown members are refused by name.
[[nodiscard]] GfeRequest gfe_request_from_json(const nlohmann::json& document, std::string path = "request");

}  // namespace iop
