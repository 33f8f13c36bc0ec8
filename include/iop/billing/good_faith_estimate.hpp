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
/// - the items and services, grouped by provider or facility (the convening
///   provider's and each co-provider's and co-facility's, 149.610(c)(1)(iii)(B)),
///   each with its service code and code type, diagnosis codes (with their
///   ICD-10-CM descriptors) and expected charge, and for a recurring service its
///   scope (frequency, number of sessions, period); each provider's subtotal with
///   the bill that could be disputed (its subtotal plus $400, 45 CFR 149.620);
/// - each provider's or facility's name, NPI (check digit validated), TIN and
///   contact, and the locations and states where services are furnished (for
///   telehealth, the state where the patient is located);
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
/// ahead within 3 business days, and on request within 3 business days. 45 CFR
/// 149.610 does not define a business day, so the caller chooses how they are
/// counted (`GfeBusinessDays`): the clinic's open days (its holiday calendar,
/// the default) or Monday to Friday without the federal holidays; the deadline
/// rule printed for the office names the counting next to the citation, as
/// iop's reading and never as the regulation's definition.
///
/// Every element is validated: `validate_good_faith_estimate` (and reading one
/// from JSON) rejects a missing element by its name, a total that is not the
/// items' sum, a $0.00 line that does not say why, and replaced disclaimers.
/// The HTML keeps the patient's pages apart from the office's notes (deadline
/// rules and warnings are shown on screen and not printed), and a course of
/// several estimates is one document with a course total and a page break
/// before each estimate.
///
/// Values are plain structs: safe to read from several threads at once.
///
/// @code
/// auto gfes = iop::make_good_faith_estimates(request, calendar, fees, holidays);
/// std::string html = iop::to_html(gfes);  // one document for the whole course (iop/io/good_faith_estimate_html.hpp)
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

/// @brief How business days are counted for an estimate's deadline (45 CFR 149.610 does not define them).
enum class GfeBusinessDays {
  clinic_open_days,  ///< the days the convening provider's program is open (its holiday calendar)
  federal_weekdays,  ///< Monday to Friday, without the federal holidays (5 U.S.C. 6103, observed)
};
/// @brief `clinic_open_days` or `federal_weekdays`.
[[nodiscard]] std::string_view to_string(GfeBusinessDays counting) noexcept;

/// @brief A provider's or facility's address.
struct GfeLocation {
  std::string address;  ///< street address or description
  std::string state;    ///< USPS state code
};

/// @brief How the patient reaches a provider or facility (the CMS standard form's contact fields).
struct GfeContact {
  std::string phone;  ///< telephone number, 10 digits (US), written as given
  std::string email;  ///< email address
  /// Neither given.
  [[nodiscard]] bool empty() const noexcept { return phone.empty() && email.empty(); }
};

/// @brief A provider or facility on the estimate.
///
/// The convening provider or facility schedules the primary service and gathers
/// the co-providers' and co-facilities' estimates into its own (45 CFR
/// 149.610(b)(1)(ii), (c)(1)(iii)(B)). Each is named with its NPI, TIN and the
/// locations and states where it furnishes the services (149.610(c)(1)(v)); a
/// service furnished by telehealth is furnished where the patient is located.
struct GfeProvider {
  std::string name;                     ///< provider or facility name
  std::string npi;                      ///< National Provider Identifier
  std::string tin;                      ///< Taxpayer Identification Number
  std::vector<GfeLocation> locations;   ///< addresses (where services are furnished unless by telehealth)
  bool convening = true;                ///< the convening provider or facility (else a co-provider or co-facility)
  bool facility = false;                ///< a health care facility (else a provider)
  GfeContact contact;                   ///< phone and email for the patient's questions
  /// Services are furnished by telehealth to a patient located in this state, so the
  /// estimate prints that state as the place of service, not the provider's address.
  /// For the convening provider it comes from the course's calendar (the plan's delivery);
  /// a request that states another is refused.
  std::optional<std::string> telehealth_patient_state;
};

/// @brief The code systems of the CMS standard form's "Service Code Type" column:
/// `CPT`, `HCPCS`, `ICD-10-PCS`, `CDT`, `DRG`, `NDC`, or `other`.
[[nodiscard]] bool is_gfe_code_type(std::string_view code_type) noexcept;
/// @brief The code type a billing code's shape shows: `CPT` (5 digits, or 4 and F or T),
/// `HCPCS` (a letter A-V and 4 digits), else `other`.
[[nodiscard]] std::string gfe_code_type_of(std::string_view code);

/// @brief One line of expected items or services.
struct GfeItem {
  std::string provider_npi;              ///< which provider furnishes it
  std::string description;               ///< the service in words, e.g. `Intensive outpatient program, per day`
  std::string code_type;                 ///< `CPT`, `HCPCS`, ... (is_gfe_code_type)
  std::string service_code;              ///< the code, e.g. `S9480`
  std::vector<std::string> diagnosis_codes;  ///< ICD-10-CM codes
  int quantity = 0;                      ///< units (days or sessions)
  Money unit_charge;                     ///< expected charge per unit
  Money expected_charge;                 ///< quantity x unit charge
  /// Why the line costs what it does when that needs saying; required for a $0.00
  /// line (e.g. `included in the program day's per diem: no separate charge`).
  std::string charge_note;
  std::vector<Date> dates;               ///< dates of service, when known (a co-provider's items)
};

/// @brief The scope of a recurring primary service.
struct GfeRecurrence {
  std::string frequency;  ///< e.g. `3 days a week`
  int sessions = 0;       ///< number of sessions in this estimate
  Date first_date;        ///< first session covered
  Date last_date;         ///< last session covered
};

/// @brief The disclaimers, in the words the estimate prints.
struct GfeDisclaimers {
  std::string additional_items;  ///< 149.610(c)(1)(viii)
  std::string estimate_only;     ///< 149.610(c)(1)(ix)
  std::string dispute_rights;    ///< 149.610(c)(1)(x): $400, 120 days, $25, no effect on care
  std::string not_a_contract;    ///< CMS standard Good Faith Estimate form
  /// The CMS standard form's "What if I am billed more than this Good Faith Estimate?" text.
  std::string dispute_process;
  /// iop's standard wording of all five.
  [[nodiscard]] static GfeDisclaimers standard();
};

/// @brief How much more than a provider's expected charges a bill must be before the
/// patient may dispute it: $400. 45 CFR 149.620 defines "substantially in excess" as at
/// least $400 more than the expected charges on the estimate for that provider or facility,
/// so the test is per provider or facility, never on the estimate's total.
[[nodiscard]] Money gfe_dispute_amount() noexcept;

/// @brief One ICD-10-CM code of the estimate with its descriptor.
struct GfeDiagnosis {
  std::string code;                        ///< canonical ICD-10-CM code
  std::optional<std::string> description;  ///< descriptor from iop's table (find_condition), when known
};

/// @brief A Good Faith Estimate with every required element.
struct GoodFaithEstimate {
  std::string patient_name;              ///< patient's name
  Date patient_birth_date;               ///< patient's date of birth
  std::string primary_service;           ///< primary service in clear language
  GfeRecurrence recurrence;              ///< dates and scope of the service
  std::vector<GfeProvider> providers;    ///< the convening provider first, then co-providers and co-facilities
  std::vector<GfeItem> items;            ///< expected items and services, by provider
  std::vector<std::string> separately_scheduled;  ///< services to be scheduled separately, with instructions
  GfeDisclaimers disclaimers;            ///< the disclaimers
  Money total;                           ///< total expected charges: every provider's items
  Date issued_on;                        ///< date issued (required; never before the scheduling or request date)
  Date scheduled_on;                     ///< when the service was scheduled, or requested (`on_request`)
  bool on_request = false;               ///< requested without scheduling
  std::optional<Date> issue_by;          ///< deadline (none when the service is under 3 business days away)
  std::string deadline_rule;             ///< which timing rule set the deadline and how business days were counted (for the office)
  GfeBusinessDays business_days = GfeBusinessDays::clinic_open_days;  ///< how business days were counted
  int part = 1;                          ///< this estimate's number when a course is split
  int parts = 1;                         ///< how many estimates the course needs
  std::vector<std::string> warnings;     ///< for the office, at the top: e.g. issued after its deadline

  /// @brief The expected charges of the provider or facility with @p npi.
  [[nodiscard]] Money subtotal(std::string_view npi) const;
  /// @brief The ICD-10-CM codes of the items, in order of first use, with their descriptors.
  [[nodiscard]] std::vector<GfeDiagnosis> diagnoses() const;
};

/// @brief A co-provider's or co-facility's part of the request: who it is and its own items.
struct GfeCoProvider {
  GfeProvider provider;        ///< `convening` is false
  std::vector<GfeItem> items;  ///< its items; with `dates` when the course needs more than one estimate
};

/// @brief What a provider knows when it must issue the estimates.
struct GfeRequest {
  std::string patient_name;              ///< patient's name
  Date patient_birth_date;               ///< patient's date of birth
  std::vector<std::string> diagnosis_codes;  ///< ICD-10-CM codes
  GfeProvider provider;                  ///< the convening provider
  std::vector<GfeCoProvider> co_providers;  ///< co-providers and co-facilities with their items
  std::vector<std::string> separately_scheduled;  ///< services expected to be scheduled separately
  Date scheduled_on;                     ///< when the course was scheduled or requested
  bool on_request = false;               ///< requested without scheduling
  Date issued_on;                        ///< date of issue
  GfeBusinessDays business_days = GfeBusinessDays::clinic_open_days;  ///< how the deadline counts business days
};

/// @brief The issue-by date and the rule behind it, with the counting of business days named after the citation.
/// @param scheduled_on when the service was scheduled, or requested
/// @param first_service the first day of the service
/// @param on_request requested without scheduling
/// @param clinic the clinic's holiday calendar (its open days), used when @p counting is `clinic_open_days`
/// @param counting how business days are counted
/// @return nothing (with the rule) when the service is scheduled fewer than 3 business days ahead.
[[nodiscard]] std::pair<std::optional<Date>, std::string> good_faith_estimate_deadline(
    Date scheduled_on, Date first_service, bool on_request, const HolidayCalendar& clinic,
    GfeBusinessDays counting = GfeBusinessDays::clinic_open_days);

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

/// @brief Reads a request for Good Faith Estimates: `patient` (`name`,
/// `date_of_birth`), `diagnosis_codes`, `provider` (`name`, `npi`, `tin`,
/// `locations` of `address` and `state`, optionally `facility`, `contact`
/// (`phone`, `email`) and `telehealth_patient_state`), `scheduled_on`,
/// `issued_on`, and optionally `on_request`, `separately_scheduled` and
/// `co_providers` (each a provider as above with its `items`: `code`,
/// `code_type`, `description`, `quantity`, `unit_charge`, `diagnosis_codes`,
/// and `dates`, `charge_note`), and `business_days` (`clinic_open_days`, the
/// default, or `federal_weekdays`). Unknown members are refused by name.
[[nodiscard]] GfeRequest gfe_request_from_json(const nlohmann::json& document, std::string path = "request");

}  // namespace iop
