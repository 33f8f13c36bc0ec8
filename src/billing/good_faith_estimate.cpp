// The Good Faith Estimate's rules (45 CFR 149.610): NPI and TIN checks, the standard disclaimers, the code
// types, the deadline and the validation of an estimate's content elements. Its assembly from a calendar is in
// good_faith_estimate_build.cpp, its JSON in good_faith_estimate_json.cpp, its HTML in src/io/.
#include "iop/billing/good_faith_estimate.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "iop/clinical/icd_code.hpp"
#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"
#include "iop/plan/program.hpp"
#include "billing/good_faith_estimate_parts.hpp"

namespace iop {
namespace gfe_detail {

std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

[[noreturn]] void missing(const std::string& element, const std::string& what) {
  throw ValidationError("gfe." + element, "", "is missing", what);
}


// The date @p n business days (open days of the calendar) after @p from.
Date business_days_after(Date from, int n, const HolidayCalendar& calendar) {
  Date d = from;
  for (int i = 0; i < n; ++i) d = calendar.next_open_day(d);
  return d;
}

// Business days from @p from (included when open) up to @p to (excluded): a Monday
// booking for a Thursday service is 3 business days ahead, since Thursday less 3
// business days is Monday (45 CFR 149.610(b)(1)(vi)).
int business_days_between(Date from, Date to, const HolidayCalendar& calendar) {
  int n = 0;
  for (Date d = calendar.adjust(from); d < to; d = calendar.next_open_day(d)) ++n;
  return n;
}

// The same month and day a year later, February 29 becoming February 28
// (boost's month arithmetic would snap a month-end date to the next month end).
Date one_year_after(Date d) {
  const auto year = static_cast<unsigned short>(d.year() + 1);
  const auto month = d.month().as_number();
  const auto last = boost::gregorian::gregorian_calendar::end_of_month_day(year, month);
  return Date(year, month, std::min<unsigned short>(d.day(), last));
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}


// Whether @p code has the shape of a code of @p type (the CMS standard form's code types).
bool code_fits_type(std::string_view type, std::string_view code) {
  auto upper_or_digit = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); };
  if (type == "CPT")  // 5 digits; Category II and III codes end in F or T
    return code.size() == 5 && all_digits(code.substr(0, 4)) &&
           ((code[4] >= '0' && code[4] <= '9') || code[4] == 'F' || code[4] == 'T');
  if (type == "HCPCS")  // Level II: a letter A-V, then 4 digits
    return code.size() == 5 && code[0] >= 'A' && code[0] <= 'V' && all_digits(code.substr(1));
  if (type == "ICD-10-PCS")  // 7 characters, digits and letters other than I and O
    return code.size() == 7 && std::all_of(code.begin(), code.end(), [&](char c) {
             return upper_or_digit(c) && c != 'I' && c != 'O';
           });
  if (type == "CDT") return code.size() == 5 && code[0] == 'D' && all_digits(code.substr(1));
  if (type == "DRG") return code.size() == 3 && all_digits(code);
  if (type == "NDC") {  // 10 or 11 digits, optionally in hyphenated groups
    const std::string d = digits_of(code);
    return (d.size() == 10 || d.size() == 11) &&
           std::all_of(code.begin(), code.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  }
  return type == "other" && !code.empty();
}

// A US telephone number: 10 digits (11 with a leading 1), written with spaces, dots,
// hyphens, parentheses or a leading +.
bool is_valid_phone(std::string_view phone) {
  if (!std::all_of(phone.begin(), phone.end(),
                   [](char c) { return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'; }))
    return false;
  const std::string d = digits_of(phone);
  return d.size() == 10 || (d.size() == 11 && d[0] == '1');
}

// An address with one @, a local part, and a domain with a dot; no spaces.
bool is_valid_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() &&
         std::none_of(email.begin(), email.end(), [](char c) { return c == ' ' || static_cast<unsigned char>(c) < 0x20; });
}

// What a service code is, in words (CPT and HCPCS descriptors, shortened; the
// program-day per diems S9480 and H0015 and the psychotherapy codes of the modality catalog).
std::optional<std::string> service_name_of_code(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> names{{
      {"S9480", "Intensive outpatient program, per day"},
      {"H0015", "Substance use intensive outpatient program, per day"},
      {"90853", "Group psychotherapy"},
      {"90832", "Individual psychotherapy, 30 minutes"},
      {"90834", "Individual psychotherapy, 45 minutes"},
      {"90837", "Individual psychotherapy, 60 minutes"},
      {"90847", "Family psychotherapy, with the patient present"},
      {"90791", "Psychiatric diagnostic evaluation"},
      {"90792", "Psychiatric diagnostic evaluation with medical services"},
      {"99214", "Medication management visit"},
      {"T1016", "Case management, per 15 minutes"},
      {"H0038", "Peer support, per 15 minutes"},
  }};
  for (const auto& [c, name] : names)
    if (c == code) return std::string(name);
  return std::nullopt;
}

std::string service_name(const ChargeLine& line) {
  if (auto name = service_name_of_code(line.code)) return *name;
  if (line.kind == SessionKind::program_day)
    return line.code.rfind("APC ", 0) == 0 || line.code == "IOP" ? "Intensive outpatient program, per day"
                                                                 : "Intensive outpatient program service";
  return line.kind == SessionKind::medication_management ? "Medication management visit" : "Individual therapy session";
}

std::string role_of(const GfeProvider& p) {
  return std::string(p.convening ? "convening " : "co-") + (p.facility ? "facility" : "provider");
}

std::string telehealth_place(const std::string& state) { return "Telehealth (live video), patient located in " + state; }

std::string item_json_path(std::size_t i) { return "items[" + std::to_string(i) + "]"; }


}  // namespace gfe_detail

using namespace gfe_detail;


bool is_valid_npi(std::string_view npi) noexcept {
  if (npi.size() != 10) return false;
  for (char c : npi)
    if (c < '0' || c > '9') return false;
  // Luhn over the prefix 80840 and the first nine digits (CMS NPI check digit standard).
  const std::string number = "80840" + std::string(npi.substr(0, 9));
  int sum = 0;
  bool double_it = true;  // the rightmost digit of `number` is doubled (the check digit would follow it)
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int digit = *it - '0';
    if (double_it) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double_it = !double_it;
  }
  const int check = (10 - sum % 10) % 10;
  return check == npi[9] - '0';
}

bool is_valid_tin(std::string_view tin) noexcept {
  const std::string digits = digits_of(tin);
  if (digits.size() != 9) return false;
  for (char c : tin)
    if (!((c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

GfeDisclaimers GfeDisclaimers::standard() {
  return {
      "There may be additional items or services the provider recommends as part of the course of care that must be "
      "scheduled or requested separately and are not reflected in this Good Faith Estimate.",
      "This Good Faith Estimate is only an estimate of the items or services reasonably expected to be furnished at the "
      "time it was issued. Actual items, services or charges may differ.",
      "You have the right to initiate the patient-provider dispute resolution process if you are billed at least $400 "
      "more than the expected charges on this Good Faith Estimate for any provider or facility. Start the process with "
      "the U.S. Department of Health and Human Services within 120 calendar days of the date on the original bill; there "
      "is a $25 fee. For instructions see www.cms.gov/nosurprises or call 1-800-985-3059. Initiating the process will "
      "not adversely affect the quality of the care you receive. Keep a copy of this Good Faith Estimate.",
      "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of "
      "the providers or facilities identified in it.",
      // The CMS standard form "Good Faith Estimate for Health Care Items and Services"
      // (CMS-10791, Appendix 2, OMB 0938-1433; published at omb.report/icr/202303-0938-013),
      // section "What if I am billed more than this Good Faith Estimate?". The words up to
      // "must also suspend the accrual of any late fees on unpa..." are the form's, as two
      // published copies of it agree word for word (both were seen cut off there); the rest
      // ("unpaid bill amounts until the dispute is resolved", the $25 fee, the outcome, where
      // to learn more, keeping a copy) is plain wording whose match with the form is unconfirmed.
      "If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill. You may contact "
      "the health care provider or facility listed to let them know the billed charges are higher than the Good Faith "
      "Estimate. You can ask them to update the bill to match the Good Faith Estimate, ask to negotiate the bill, or ask "
      "if there is financial assistance available. You may also start a dispute resolution process with the U.S. "
      "Department of Health and Human Services (HHS). If you choose to use the dispute resolution process, you must "
      "start the dispute process within 120 calendar days (about 4 months) of the date on the original bill. If you "
      "dispute your bill, the provider or facility cannot move the bill for the disputed item or service into collection "
      "or threaten to do so, or if the bill has already moved into collection, the provider or facility has to cease "
      "collection efforts. The provider or facility must also suspend the accrual of any late fees on unpaid bill amounts "
      "until the dispute is resolved. There is a $25 fee to use the dispute process. If the agency reviewing your dispute "
      "agrees with you, you will have to pay the price on this Good Faith Estimate. If the agency disagrees with you and "
      "agrees with the health care provider or facility, you will have to pay the higher amount. To learn more and get a "
      "form to start the process, go to www.cms.gov/nosurprises or call 1-800-985-3059. Keep a copy of this Good Faith "
      "Estimate and of the bill: you may need them if you are billed a higher amount."};
}

Money gfe_dispute_amount() noexcept { return Money::from_cents(40000); }

bool is_gfe_code_type(std::string_view code_type) noexcept {
  for (std::string_view t : {"CPT", "HCPCS", "ICD-10-PCS", "CDT", "DRG", "NDC", "other"})
    if (t == code_type) return true;
  return false;
}

std::string gfe_code_type_of(std::string_view code) {
  for (const char* type : {"CPT", "HCPCS"})
    if (code_fits_type(type, code)) return type;
  return "other";
}

Money GoodFaithEstimate::subtotal(std::string_view npi) const {
  Money sum;
  for (const auto& item : items)
    if (item.provider_npi == npi) sum += item.expected_charge;
  return sum;
}

std::vector<GfeDiagnosis> GoodFaithEstimate::diagnoses() const {
  std::vector<GfeDiagnosis> out;
  for (const auto& item : items)
    for (const auto& code : item.diagnosis_codes) {
      if (std::any_of(out.begin(), out.end(), [&](const GfeDiagnosis& d) { return d.code == code; })) continue;
      GfeDiagnosis d{code, std::nullopt};
      try {
        if (auto c = find_condition(IcdCode::parse(code))) d.description = std::string(c->description);
      } catch (const ValidationError&) {
        // Not a well-formed code: validate_good_faith_estimate names it.
      }
      out.push_back(std::move(d));
    }
  return out;
}

std::string_view to_string(GfeBusinessDays counting) noexcept {
  return counting == GfeBusinessDays::federal_weekdays ? "federal_weekdays" : "clinic_open_days";
}

std::pair<std::optional<Date>, std::string> good_faith_estimate_deadline(Date scheduled_on, Date first_service,
                                                                         bool on_request, const HolidayCalendar& clinic,
                                                                         GfeBusinessDays counting) {
  // 45 CFR 149.610 does not define a business day: the counting is the caller's choice, printed with the rule.
  static const HolidayCalendar federal = HolidayCalendar::us_federal();
  const HolidayCalendar& business_days = counting == GfeBusinessDays::federal_weekdays ? federal : clinic;
  const std::string counted =
      counting == GfeBusinessDays::federal_weekdays
          ? "; business days counted Monday to Friday without the federal holidays (5 U.S.C. 6103, observed)"
          : "; business days counted as the clinic's open days (" + clinic.name() + ")";
  const std::string reading = ", iop's reading: 45 CFR 149.610 does not define a business day";
  if (on_request)
    return {business_days_after(scheduled_on, 3, business_days),
            "requested: within 3 business days of the request (45 CFR 149.610(b)(1)(vi)(C))" + counted + reading};
  const int ahead = business_days_between(scheduled_on, first_service, business_days);
  if (ahead >= 10)
    return {business_days_after(scheduled_on, 3, business_days),
            "scheduled " + std::to_string(ahead) +
                " business days ahead (10 or more): within 3 business days of scheduling (45 CFR 149.610(b)(1)(vi)(B))" +
                counted + reading};
  if (ahead >= 3)
    return {business_days_after(scheduled_on, 1, business_days),
            "scheduled " + std::to_string(ahead) +
                " business days ahead (3 to 9): within 1 business day of scheduling (45 CFR 149.610(b)(1)(vi)(A))" +
                counted + reading};
  return {std::nullopt, "scheduled " + std::to_string(ahead) +
                            " business days ahead (under 3): no estimate is required before the service, but one may be "
                            "given" + counted + reading};
}

namespace {

// The patient and the primary service (45 CFR 149.610(c)(1)(i), (ii)).
void validate_patient_and_service(const GoodFaithEstimate& g) {
  if (g.patient_name.empty()) missing("patient.name", "the patient's name (45 CFR 149.610(c)(1)(i))");
  if (g.patient_birth_date.is_special())
    missing("patient.date_of_birth", "the patient's date of birth (45 CFR 149.610(c)(1)(i))");
  if (g.primary_service.empty())
    missing("primary_service.description", "the primary service in clear language (45 CFR 149.610(c)(1)(ii))");
  if (g.recurrence.first_date.is_special() || g.recurrence.last_date.is_special())
    missing("primary_service.dates", "the scheduled dates of the primary service (45 CFR 149.610(c)(1)(ii))");
  if (g.recurrence.frequency.empty() || g.recurrence.sessions <= 0)
    missing("primary_service.recurrence", "the frequency and number of sessions of a recurring service");
}

// Provider @p i: name, NPI (once in the estimate), TIN, where it furnishes services, how to reach it
// (45 CFR 149.610(c)(1)(v)).
void validate_provider(const GoodFaithEstimate& g, std::size_t i) {
  const auto& p = g.providers[i];
  const std::string field = "providers[" + std::to_string(i) + "]";
  if (p.name.empty()) missing(field + ".name", "the provider's or facility's name (45 CFR 149.610(c)(1)(v))");
  if (p.npi.empty()) missing(field + ".npi", "the National Provider Identifier (45 CFR 149.610(c)(1)(v))");
  if (!is_valid_npi(p.npi))
    throw ValidationError("gfe." + field + ".npi", iop::quoted(p.npi), "is not a valid NPI",
                          "10 digits whose last is the Luhn check digit over 80840 + the first 9");
  for (std::size_t j = 0; j < i; ++j)
    if (g.providers[j].npi == p.npi)
      throw ValidationError("gfe." + field + ".npi", iop::quoted(p.npi), "is the NPI of providers[" + std::to_string(j) + "] too",
                            "one entry per provider or facility, each with its own NPI");
  if (p.tin.empty()) missing(field + ".tin", "the Taxpayer Identification Number (45 CFR 149.610(c)(1)(v))");
  if (!is_valid_tin(p.tin))
    throw ValidationError("gfe." + field + ".tin", iop::quoted(p.tin), "is not a TIN", "9 digits, e.g. 12-3456789");
  if (p.locations.empty() && !p.telehealth_patient_state)
    missing(field + ".locations", "where services are furnished, with the state (45 CFR 149.610(c)(1)(v))");
  for (std::size_t j = 0; j < p.locations.size(); ++j) {
    if (p.locations[j].address.empty())
      missing(field + ".locations[" + std::to_string(j) + "].address", "the office or facility location");
    if (!is_us_state_code(p.locations[j].state))
      throw ValidationError("gfe." + field + ".locations[" + std::to_string(j) + "].state",
                            iop::quoted(p.locations[j].state), "is not a US state code", "a USPS code such as CA");
  }
  if (p.telehealth_patient_state && !is_us_state_code(*p.telehealth_patient_state))
    throw ValidationError("gfe." + field + ".telehealth_patient_state", iop::quoted(*p.telehealth_patient_state),
                          "is not a US state code", "the USPS code of the state where the patient is located, such as CA");
  if (!p.contact.phone.empty() && !is_valid_phone(p.contact.phone))
    throw ValidationError("gfe." + field + ".contact.phone", iop::quoted(p.contact.phone), "is not a US telephone number",
                          kPhoneShape);
  if (!p.contact.email.empty() && !is_valid_email(p.contact.email))
    throw ValidationError("gfe." + field + ".contact.email", iop::quoted(p.contact.email), "is not an email address",
                          "name@domain.example");
}

// Item @p i: its code, diagnoses, quantity, charge, provider and dates within the estimate's 12 months
// (45 CFR 149.610(c)(1)(iii), (iv)).
void validate_item(const GoodFaithEstimate& g, std::size_t i, Date window_end) {
  const auto& item = g.items[i];
  const std::string field = item_json_path(i);
  if (item.description.empty()) missing(field + ".description", "the item or service in clear language");
  if (item.service_code.empty()) missing(field + ".service_code", "the expected service code (45 CFR 149.610(c)(1)(iv))");
  if (!is_gfe_code_type(item.code_type))
    throw ValidationError("gfe." + field + ".code_type", iop::quoted(item.code_type), "is not a code type",
                          kCodeTypes);
  if (!code_fits_type(item.code_type, item.service_code))
    throw ValidationError("gfe." + field + ".service_code", iop::quoted(item.service_code),
                          "is not a " + item.code_type + " code",
                          kCodeShapes);
  if (item.diagnosis_codes.empty())
    missing(field + ".diagnosis_codes", "the diagnosis codes (45 CFR 149.610(c)(1)(iv))");
  for (std::size_t k = 0; k < item.diagnosis_codes.size(); ++k)
    if (IcdCode::parse(item.diagnosis_codes[k], "gfe." + field + ".diagnosis_codes[" + std::to_string(k) + "]").str() !=
        item.diagnosis_codes[k])
      throw ValidationError("gfe." + field + ".diagnosis_codes[" + std::to_string(k) + "]",
                            iop::quoted(item.diagnosis_codes[k]), "is not in canonical form",
                            IcdCode::parse(item.diagnosis_codes[k]).str());
  if (item.quantity < 1)
    throw ValidationError("gfe." + field + ".quantity", std::to_string(item.quantity), "is not a quantity", "1 or more units");
  if (item.expected_charge.is_negative())
    throw ValidationError("gfe." + field + ".expected_charge", item.expected_charge.to_string(), "is negative",
                          "$0.00 or more");
  // Every $0.00 line says why it costs nothing (e.g. included in the per diem).
  if (item.expected_charge.is_zero() && item.charge_note.empty())
    missing(field + ".charge_note", "why a $0.00 line costs nothing, e.g. included in the program day's per diem");
  if (std::none_of(g.providers.begin(), g.providers.end(),
                   [&](const GfeProvider& p) { return p.npi == item.provider_npi; }))
    throw ValidationError("gfe." + field + ".provider_npi", iop::quoted(item.provider_npi),
                          "is not one of the estimate's providers", "the NPI of a listed provider (items are grouped by provider)");
  if (!item.dates.empty() && item.dates.size() != static_cast<std::size_t>(item.quantity))
    throw ValidationError("gfe." + field + ".dates", std::to_string(item.dates.size()) + " dates",
                          "is not one date per unit", std::to_string(item.quantity) + " dates (the quantity)");
  for (std::size_t k = 0; k < item.dates.size(); ++k)
    if (item.dates[k] < g.recurrence.first_date || item.dates[k] > window_end)
      throw ValidationError("gfe." + field + ".dates[" + std::to_string(k) + "]", to_iso_string(item.dates[k]),
                            "is outside the 12 months this estimate covers",
                            to_iso_string(g.recurrence.first_date) + ".." + to_iso_string(window_end));
}

// The statements the regulation and the CMS standard form require, word for word.
void validate_disclaimers(const GoodFaithEstimate& g) {
  if (g.disclaimers.additional_items.empty())
    missing("disclaimers.additional_items", "the separately-scheduled items disclaimer (45 CFR 149.610(c)(1)(viii))");
  if (g.disclaimers.estimate_only.empty())
    missing("disclaimers.estimate_only", "the only-an-estimate disclaimer (45 CFR 149.610(c)(1)(ix))");
  if (g.disclaimers.dispute_rights.empty() || g.disclaimers.dispute_rights.find("$400") == std::string::npos)
    missing("disclaimers.dispute_rights",
            "the right to dispute a bill at least $400 above the estimate (45 CFR 149.610(c)(1)(x))");
  if (g.disclaimers.not_a_contract.empty())
    missing("disclaimers.not_a_contract", "the not-a-contract statement (CMS standard Good Faith Estimate form)");
  if (g.disclaimers.dispute_process.empty())
    missing("disclaimers.dispute_process",
            "what to do when billed more than the estimate (CMS standard Good Faith Estimate form)");
  // The required statements are the CMS standard form's; they may be missing (named above) but never replaced.
  const auto standard = GfeDisclaimers::standard();
  for (const auto& [text, required, name] :
       {std::tuple{&g.disclaimers.additional_items, &standard.additional_items, "additional_items"},
        {&g.disclaimers.estimate_only, &standard.estimate_only, "estimate_only"},
        {&g.disclaimers.dispute_rights, &standard.dispute_rights, "dispute_rights"},
        {&g.disclaimers.not_a_contract, &standard.not_a_contract, "not_a_contract"},
        {&g.disclaimers.dispute_process, &standard.dispute_process, "dispute_process"}})
    if (*text != *required)
      throw ValidationError(std::string("gfe.disclaimers.") + name, iop::quoted(*text), "is not the required statement",
                            "the CMS standard form's text: " + iop::quoted(*required));
}

}  // namespace

void validate_good_faith_estimate(const GoodFaithEstimate& g) {
  validate_patient_and_service(g);
  if (g.providers.empty()) missing("providers", "each provider or facility (45 CFR 149.610(c)(1)(v))");
  for (std::size_t i = 0; i < g.providers.size(); ++i) validate_provider(g, i);
  if (g.items.empty()) missing("items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  const Date window_end = one_year_after(g.recurrence.first_date) - boost::gregorian::days(1);
  for (std::size_t i = 0; i < g.items.size(); ++i) validate_item(g, i, window_end);
  validate_disclaimers(g);
  const auto convening = std::count_if(g.providers.begin(), g.providers.end(), [](const GfeProvider& p) { return p.convening; });
  if (convening != 1)
    throw ValidationError("gfe.providers", std::to_string(convening) + " convening providers", "is not one convening provider",
                          "exactly one convening provider or facility; the others are co-providers (45 CFR 149.610(a))");
  if (!g.providers.front().convening)
    throw ValidationError("gfe.providers[0].convening", "false", "is not the convening provider",
                          "the convening provider or facility first, then the co-providers and co-facilities");
  Money sum;
  for (std::size_t i = 0; i < g.items.size(); ++i) {
    const auto& item = g.items[i];
    if (item.unit_charge * item.quantity != item.expected_charge)
      throw ValidationError("gfe." + item_json_path(i) + ".expected_charge", item.expected_charge.to_string(),
                            "is not the quantity times the unit charge",
                            std::to_string(item.quantity) + " x " + item.unit_charge.to_string() + " = " +
                                (item.unit_charge * item.quantity).to_string());
    sum += item.expected_charge;
  }
  if (g.total != sum)
    throw ValidationError("gfe.total", g.total.to_string(), "is not the sum of the items", sum.to_string());
  if (g.issued_on.is_special()) missing("issued_on", "the date the estimate is issued");
  if (!g.scheduled_on.is_special() && g.issued_on < g.scheduled_on)
    throw ValidationError("gfe.issued_on", to_iso_string(g.issued_on),
                          std::string("is before the ") + (g.on_request ? "request" : "scheduling") + " date " +
                              to_iso_string(g.scheduled_on),
                          "on or after " + to_iso_string(g.scheduled_on) + " (45 CFR 149.610(b)(1)(vi))");
  if (g.recurrence.last_date < g.recurrence.first_date || g.recurrence.last_date > window_end)
    throw ValidationError("gfe.primary_service.dates",
                          to_iso_string(g.recurrence.first_date) + ".." + to_iso_string(g.recurrence.last_date),
                          "is not a period of at most 12 months",
                          "recurring services within 12 months of the first; issue another estimate for the rest");
  if (g.part < 1 || g.parts < 1 || g.part > g.parts)
    throw ValidationError("gfe.part", std::to_string(g.part) + " of " + std::to_string(g.parts), "is not a part of the course",
                          "1..parts");
}

}  // namespace iop
