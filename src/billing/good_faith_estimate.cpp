#include "iop/billing/good_faith_estimate.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/clinical/icd_code.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "iop/core/limits.hpp"
#include "iop/plan/program.hpp"

namespace iop {
namespace {

using nlohmann::json;

std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

[[noreturn]] void missing(const std::string& element, const std::string& what) {
  throw ValidationError("gfe." + element, "", "is missing", what);
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

GfeBusinessDays read_business_days(const JsonReader& v) {
  const auto text = v.as_string();
  if (text == "clinic_open_days") return GfeBusinessDays::clinic_open_days;
  if (text == "federal_weekdays") return GfeBusinessDays::federal_weekdays;
  throw NotFoundError(v.path(), iop::quoted(text), "is not a way to count business days",
                      "clinic_open_days (the clinic's holiday calendar) or federal_weekdays (Monday to Friday without "
                      "the federal holidays); 45 CFR 149.610 does not define a business day");
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

constexpr const char* kCodeTypes = "CPT, HCPCS, ICD-10-PCS, CDT, DRG, NDC, other";
constexpr const char* kCodeShapes =
    "CPT: 5 digits (or 4 and F or T); HCPCS: a letter A-V and 4 digits; ICD-10-PCS: 7 letters or digits; CDT: D and 4 "
    "digits; DRG: 3 digits; NDC: 10 or 11 digits";
constexpr const char* kPhoneShape = "10 digits (or 1 and 10 digits), e.g. (213) 555-0100";

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

}  // namespace

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

void validate_good_faith_estimate(const GoodFaithEstimate& g) {
  if (g.patient_name.empty()) missing("patient.name", "the patient's name (45 CFR 149.610(c)(1)(i))");
  if (g.patient_birth_date.is_special())
    missing("patient.date_of_birth", "the patient's date of birth (45 CFR 149.610(c)(1)(i))");
  if (g.primary_service.empty())
    missing("primary_service.description", "the primary service in clear language (45 CFR 149.610(c)(1)(ii))");
  if (g.recurrence.first_date.is_special() || g.recurrence.last_date.is_special())
    missing("primary_service.dates", "the scheduled dates of the primary service (45 CFR 149.610(c)(1)(ii))");
  if (g.recurrence.frequency.empty() || g.recurrence.sessions <= 0)
    missing("primary_service.recurrence", "the frequency and number of sessions of a recurring service");
  if (g.providers.empty()) missing("providers", "each provider or facility (45 CFR 149.610(c)(1)(v))");
  for (std::size_t i = 0; i < g.providers.size(); ++i) {
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
  if (g.items.empty()) missing("items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  const Date window_end = one_year_after(g.recurrence.first_date) - boost::gregorian::days(1);
  for (std::size_t i = 0; i < g.items.size(); ++i) {
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

std::vector<GoodFaithEstimate> make_good_faith_estimates(const GfeRequest& request, const SessionCalendar& calendar,
                                                         const FeeSchedule& fees, const HolidayCalendar& business_days) {
  if (calendar.sessions.empty()) missing("items", "at least one scheduled session");
  // The calendar says how the course is delivered: build_calendar writes the place of a
  // telehealth course as "Telehealth (live video); patient located in <state>". A request
  // may repeat the patient's state; one that says otherwise is refused.
  const std::string telehealth_prefix = "Telehealth (live video); patient located in ";
  std::optional<std::string> calendar_state;
  if (calendar.location.rfind(telehealth_prefix, 0) == 0) calendar_state = calendar.location.substr(telehealth_prefix.size());
  const auto& stated = request.provider.telehealth_patient_state;
  if (stated && stated != calendar_state)
    throw ValidationError("provider.telehealth_patient_state", iop::quoted(*stated),
                          "does not match the calendar's place of service " + iop::quoted(calendar.location),
                          calendar_state ? "the patient's state " + *calendar_state + " (the course is delivered by telehealth), or none"
                                         : "none (the course is delivered in person)");
  GfeProvider convening = request.provider;
  convening.convening = true;
  convening.telehealth_patient_state = calendar_state;
  const bool substance_use = !request.diagnosis_codes.empty() &&
                             is_substance_use(IcdCode::parse(request.diagnosis_codes.front(), "gfe.diagnosis_codes[0]"));
  const auto charges = charges_for(calendar, fees, ChargeBasis::scheduled, substance_use);
  if (charges.empty()) missing("items", "at least one scheduled session");

  // Parts of at most 12 months from the first session (45 CFR 149.610: recurring services
  // within 12 months). Each part starts on the first charge after the previous one's window.
  struct Window {
    Date start;
    Date end;
    std::size_t first_charge;
    std::size_t end_charge;
  };
  std::vector<Window> windows;
  for (std::size_t next = 0; next < charges.size();) {
    Window w{charges[next].date, one_year_after(charges[next].date) - boost::gregorian::days(1), next, next};
    while (w.end_charge < charges.size() && charges[w.end_charge].date <= w.end) ++w.end_charge;
    next = w.end_charge;
    windows.push_back(w);
  }
  auto window_of = [&](Date d) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < windows.size(); ++k)
      if (d >= windows[k].start && d <= windows[k].end) return k;
    return std::nullopt;
  };
  auto windows_text = [&] {
    std::vector<std::string> spans;
    for (const auto& w : windows) spans.push_back(to_iso_string(w.start) + ".." + to_iso_string(w.end));
    return join(spans, ", ");
  };
  // The co-providers' items, by part: dated units go to the part whose 12 months hold them.
  std::vector<std::vector<GfeItem>> co_items(windows.size());
  for (std::size_t c = 0; c < request.co_providers.size(); ++c) {
    const auto& co = request.co_providers[c];
    for (std::size_t i = 0; i < co.items.size(); ++i) {
      const auto& item = co.items[i];
      const std::string field = "co_providers[" + std::to_string(c) + "].items[" + std::to_string(i) + "]";
      if (item.dates.empty()) {
        if (windows.size() > 1)
          throw ValidationError(field + ".dates", "none", "are missing: the course needs " + std::to_string(windows.size()) +
                                                              " estimates of up to 12 months (" + windows_text() + ")",
                                "the dates of service, one per unit, so each unit goes on its estimate");
        co_items[0].push_back(item);
        continue;
      }
      std::map<std::size_t, GfeItem> by_part;
      for (std::size_t k = 0; k < item.dates.size(); ++k) {
        const auto part = window_of(item.dates[k]);
        if (!part)
          throw ValidationError(field + ".dates[" + std::to_string(k) + "]", to_iso_string(item.dates[k]),
                                "is outside the course's estimates", windows_text());
        auto& piece = by_part[*part];
        if (piece.quantity == 0) {
          piece = item;
          piece.quantity = 0;
          piece.dates.clear();
        }
        ++piece.quantity;
        piece.dates.push_back(item.dates[k]);
      }
      for (auto& [part, piece] : by_part) {
        piece.expected_charge = piece.unit_charge * piece.quantity;
        co_items[part].push_back(std::move(piece));
      }
    }
  }

  // The scope states the full-intensity pattern: the most program days any week has
  // (a week shortened by a holiday or tapering says less), and the program day's length.
  int weekly_days = 0;
  int day_minutes = 0;
  {
    std::map<int, int> per_week;
    for (const auto& s : calendar.sessions)
      if (s.kind == SessionKind::program_day) {
        weekly_days = std::max(weekly_days, ++per_week[s.week]);
        day_minutes = s.minutes();
      }
  }
  const std::string day_length = std::to_string(day_minutes / 60) + " hours" +
                                 (day_minutes % 60 ? " " + std::to_string(day_minutes % 60) + " minutes" : "") + " a day";
  std::vector<GoodFaithEstimate> out;
  for (std::size_t part = 0; part < windows.size(); ++part) {
    const auto& w = windows[part];
    GoodFaithEstimate g;
    g.patient_name = request.patient_name;
    g.patient_birth_date = request.patient_birth_date;
    g.providers = {convening};
    for (const auto& co : request.co_providers) {
      g.providers.push_back(co.provider);
      g.providers.back().convening = false;
    }
    g.separately_scheduled = request.separately_scheduled;
    g.disclaimers = GfeDisclaimers::standard();
    g.issued_on = request.issued_on;
    // One line per code and unit charge (a code priced differently on some days gets two lines).
    std::map<std::pair<std::string, std::int64_t>, GfeItem> items;
    int program_days = 0;
    const Date first = charges[w.first_charge].date;
    Date last = first;
    for (std::size_t n = w.first_charge; n < w.end_charge; ++n) {
      const auto& c = charges[n];
      const Money unit = c.units ? Money::from_cents(c.charge.cents() / c.units) : c.charge;
      auto& item = items[{c.code, unit.cents()}];
      if (item.service_code.empty()) {
        item.provider_npi = request.provider.npi;
        item.service_code = c.code;
        item.code_type = gfe_code_type_of(c.code);
        item.diagnosis_codes = request.diagnosis_codes;
        item.unit_charge = unit;
        item.description = service_name(c);
        // A $0.00 line says why it costs nothing.
        if (c.charge.is_zero())
          item.charge_note = c.kind != SessionKind::program_day
                                 ? "included in the program day's per diem: no separate charge"
                                 : "no charge: " + c.rule;
      }
      item.quantity += c.units;
      item.expected_charge += c.charge;
      if (c.kind == SessionKind::program_day) ++program_days;
      last = c.date;
    }
    for (auto& [key, item] : items) g.items.push_back(std::move(item));
    for (auto& item : co_items[part]) g.items.push_back(std::move(item));
    for (const auto& item : g.items) g.total += item.expected_charge;
    g.recurrence = {std::to_string(weekly_days) + " days a week, " + day_length, program_days, first, last};
    g.primary_service = "Intensive outpatient program: " + calendar.program_name + ", " + g.recurrence.frequency + ", " +
                        to_iso_string(first) + " to " + to_iso_string(last);
    const auto [deadline, rule] =
        good_faith_estimate_deadline(request.scheduled_on, first, request.on_request, business_days, request.business_days);
    g.issue_by = deadline;
    g.deadline_rule = rule;
    g.business_days = request.business_days;
    g.scheduled_on = request.scheduled_on;
    g.on_request = request.on_request;
    if (deadline && g.issued_on > *deadline)
      g.warnings.push_back("issued " + to_iso_string(g.issued_on) + ", after its deadline " + to_iso_string(*deadline) + " (" +
                           rule + "): give it to the patient now; the deadline has passed");
    g.part = static_cast<int>(part) + 1;
    g.parts = static_cast<int>(windows.size());
    out.push_back(std::move(g));
  }
  for (const auto& g : out) validate_good_faith_estimate(g);
  return out;
}

json to_json(const GoodFaithEstimate& g) {
  json providers = json::array();
  for (const auto& p : g.providers) {
    json locations = json::array();
    for (const auto& l : p.locations) locations.push_back({{"address", l.address}, {"state", l.state}});
    const Money subtotal = g.subtotal(p.npi);
    json provider{{"name", p.name},
                  {"npi", p.npi},
                  {"tin", p.tin},
                  {"convening", p.convening},
                  {"facility", p.facility},
                  {"locations", locations},
                  {"subtotal", subtotal},
                  {"dispute_threshold", subtotal + gfe_dispute_amount()}};
    if (!p.contact.empty()) {
      json contact = json::object();
      if (!p.contact.phone.empty()) contact["phone"] = p.contact.phone;
      if (!p.contact.email.empty()) contact["email"] = p.contact.email;
      provider["contact"] = std::move(contact);
    }
    if (p.telehealth_patient_state) provider["telehealth_patient_state"] = *p.telehealth_patient_state;
    providers.push_back(std::move(provider));
  }
  json items = json::array();
  for (const auto& i : g.items) {
    json item{{"provider_npi", i.provider_npi},
              {"description", i.description},
              {"code_type", i.code_type},
              {"service_code", i.service_code},
              {"diagnosis_codes", i.diagnosis_codes},
              {"quantity", i.quantity},
              {"unit_charge", i.unit_charge},
              {"expected_charge", i.expected_charge}};
    if (!i.charge_note.empty()) item["charge_note"] = i.charge_note;
    if (!i.dates.empty()) {
      json dates = json::array();
      for (const auto& d : i.dates) dates.push_back(to_iso_string(d));
      item["dates"] = std::move(dates);
    }
    items.push_back(std::move(item));
  }
  json diagnoses = json::array();
  for (const auto& d : g.diagnoses())
    diagnoses.push_back({{"code", d.code}, {"description", d.description ? json(*d.description) : json(nullptr)}});
  json j{{"patient", {{"name", g.patient_name}, {"date_of_birth", to_iso_string(g.patient_birth_date)}}},
         {"primary_service",
          {{"description", g.primary_service},
           {"dates", {{"first", to_iso_string(g.recurrence.first_date)}, {"last", to_iso_string(g.recurrence.last_date)}}},
           {"recurrence", {{"frequency", g.recurrence.frequency}, {"sessions", g.recurrence.sessions}}}}},
         {"providers", providers},
         {"items", items},
         {"diagnoses", diagnoses},
         {"separately_scheduled", g.separately_scheduled},
         {"disclaimers",
          {{"additional_items", g.disclaimers.additional_items},
           {"estimate_only", g.disclaimers.estimate_only},
           {"dispute_rights", g.disclaimers.dispute_rights},
           {"not_a_contract", g.disclaimers.not_a_contract},
           {"dispute_process", g.disclaimers.dispute_process}}},
         {"total", g.total},
         {"issued_on", to_iso_string(g.issued_on)},
         {"on_request", g.on_request},
         {"warnings", g.warnings},
         {"deadline_rule", g.deadline_rule},
         {"business_days", to_string(g.business_days)},
         {"part", g.part},
         {"parts", g.parts}};
  if (!g.scheduled_on.is_special()) j["scheduled_on"] = to_iso_string(g.scheduled_on);
  j["issue_by"] = g.issue_by ? json(to_iso_string(*g.issue_by)) : json(nullptr);
  return j;
}

namespace {

// `contact`: {"phone", "email"}, each optional; checked where they are read so the error names the input's field.
GfeContact read_contact(const JsonReader& c) {
  c.expect_only(decl::gfe_contact::members);
  GfeContact contact;
  if (auto v = c.find(decl::gfe_contact::phone)) {
    contact.phone = v->as_identifier(decl::gfe_contact::phone);
    if (!is_valid_phone(contact.phone))
      throw ValidationError(v->path(), iop::quoted(contact.phone), "is not a US telephone number",
                            kPhoneShape);
  }
  if (auto v = c.find(decl::gfe_contact::email)) {
    contact.email = v->as_identifier(decl::gfe_contact::email);
    if (!is_valid_email(contact.email))
      throw ValidationError(v->path(), iop::quoted(contact.email), "is not an email address", "name@domain.example");
  }
  if (contact.empty()) throw ValidationError(c.path(), "{}", "is empty", "a phone, an email, or both");
  return contact;
}

std::string read_state(const JsonReader& v, const std::string& what) {
  const auto state = v.as_identifier();
  if (!is_us_state_code(state)) throw ValidationError(v.path(), iop::quoted(state), "is not a US state code", what);
  return state;
}

}  // namespace

GoodFaithEstimate good_faith_estimate_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::good_faith_estimate::members);
  GoodFaithEstimate g;
  auto element = [&](const JsonReader& parent, const decl::Member& key, const std::string& name,
                     const std::string& what) -> JsonReader {
    auto v = parent.find(key);
    if (!v) missing(name, what);
    return *v;
  };
  const auto patient = element(in, decl::good_faith_estimate::patient, "patient", "the patient's name and date of birth (45 CFR 149.610(c)(1)(i))");
  patient.expect_only(decl::good_faith_estimate_patient::members);
  g.patient_name = element(patient, decl::good_faith_estimate_patient::name, "patient.name", "the patient's name (45 CFR 149.610(c)(1)(i))").as_string();
  g.patient_birth_date =
      element(patient, decl::good_faith_estimate_patient::date_of_birth, "patient.date_of_birth", "the patient's date of birth (45 CFR 149.610(c)(1)(i))").as_date();
  const auto service = element(in, decl::good_faith_estimate::primary_service, "primary_service", "the primary service (45 CFR 149.610(c)(1)(ii))");
  service.expect_only(decl::good_faith_estimate_primary_service::members);
  g.primary_service =
      element(service, decl::good_faith_estimate_primary_service::description, "primary_service.description", "the primary service in clear language").as_string();
  const auto dates = element(service, decl::good_faith_estimate_primary_service::dates, "primary_service.dates", "the scheduled dates of the primary service");
  dates.expect_only(decl::good_faith_estimate_primary_service_dates::members);
  g.recurrence.first_date = element(dates, decl::good_faith_estimate_primary_service_dates::first, "primary_service.dates.first", "the first date").as_date();
  g.recurrence.last_date = element(dates, decl::good_faith_estimate_primary_service_dates::last, "primary_service.dates.last", "the last date").as_date();
  const auto recurrence = element(service, decl::good_faith_estimate_primary_service::recurrence, "primary_service.recurrence", "the scope of a recurring service");
  recurrence.expect_only(decl::good_faith_estimate_primary_service_recurrence::members);
  g.recurrence.frequency = element(recurrence, decl::good_faith_estimate_primary_service_recurrence::frequency, "primary_service.recurrence.frequency", "the frequency").as_string();
  g.recurrence.sessions =
      static_cast<int>(element(recurrence, decl::good_faith_estimate_primary_service_recurrence::sessions, "primary_service.recurrence.sessions", "the number of sessions").as_int(1, 10000));
  const auto providers = element(in, decl::good_faith_estimate::providers, "providers", "each provider or facility (45 CFR 149.610(c)(1)(v))");
  // Stated subtotals and dispute thresholds are checked against the items once they are read.
  std::vector<std::pair<std::optional<JsonReader>, std::optional<JsonReader>>> stated;
  for (std::size_t i = 0; i < providers.array_size(limits::max_list); ++i) {
    const auto p = providers.at(i);
    p.expect_only(decl::good_faith_estimate_provider::members);
    const std::string name = "providers[" + std::to_string(i) + "]";
    GfeProvider provider;
    provider.name = element(p, decl::good_faith_estimate_provider::name, name + ".name", "the provider's name").as_string();
    provider.npi = element(p, decl::good_faith_estimate_provider::npi, name + ".npi", "the National Provider Identifier").as_string();
    provider.tin = element(p, decl::good_faith_estimate_provider::tin, name + ".tin", "the Taxpayer Identification Number").as_string();
    if (auto c = p.find(decl::good_faith_estimate_provider::convening)) provider.convening = c->as_bool();
    if (auto c = p.find(decl::good_faith_estimate_provider::facility)) provider.facility = c->as_bool();
    if (auto c = p.find(decl::good_faith_estimate_provider::contact)) provider.contact = read_contact(*c);
    if (auto c = p.find(decl::good_faith_estimate_provider::telehealth_patient_state))
      provider.telehealth_patient_state = read_state(*c, "the USPS code of the state where the patient is located");
    const auto locations = element(p, decl::good_faith_estimate_provider::locations, name + ".locations", "where services are furnished, with the state");
    for (std::size_t j = 0; j < locations.array_size(limits::max_list); ++j) {
      const auto l = locations.at(j);
      l.expect_only(decl::good_faith_estimate_provider_location::members);
      const std::string lname = name + ".locations[" + std::to_string(j) + "]";
      provider.locations.push_back({element(l, decl::good_faith_estimate_provider_location::address, lname + ".address", "the location").as_string(),
                                    element(l, decl::good_faith_estimate_provider_location::state, lname + ".state", "the state").as_string()});
    }
    stated.emplace_back(p.find(decl::good_faith_estimate_provider::subtotal), p.find(decl::good_faith_estimate_provider::dispute_threshold));
    g.providers.push_back(std::move(provider));
  }
  const auto items = element(in, decl::good_faith_estimate::items, "items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  for (std::size_t i = 0; i < items.array_size(limits::max_long_list); ++i) {
    const auto it = items.at(i);
    it.expect_only(decl::good_faith_estimate_item::members);
    const std::string name = item_json_path(i);
    GfeItem item;
    item.provider_npi = element(it, decl::good_faith_estimate_item::provider_npi, name + ".provider_npi", "the provider furnishing it").as_string();
    item.description = element(it, decl::good_faith_estimate_item::description, name + ".description", "the item or service in clear language").as_string();
    item.code_type = element(it, decl::good_faith_estimate_item::code_type, name + ".code_type", std::string("the code type: ") + kCodeTypes).as_string();
    item.service_code = element(it, decl::good_faith_estimate_item::service_code, name + ".service_code", "the expected service code").as_string();
    const auto dx = element(it, decl::good_faith_estimate_item::diagnosis_codes, name + ".diagnosis_codes", "the diagnosis codes");
    for (std::size_t k = 0; k < dx.array_size(limits::max_list); ++k) item.diagnosis_codes.push_back(dx.at(k).as_string());
    item.quantity = static_cast<int>(element(it, decl::good_faith_estimate_item::quantity, name + ".quantity", "the number of units").as_int(1, 10000));
    item.unit_charge = element(it, decl::good_faith_estimate_item::unit_charge, name + ".unit_charge", "the expected charge per unit").as_money();
    item.expected_charge = element(it, decl::good_faith_estimate_item::expected_charge, name + ".expected_charge", "the expected charge").as_money();
    if (auto v = it.find(decl::good_faith_estimate_item::charge_note)) item.charge_note = v->as_text(512);
    if (auto v = it.find(decl::good_faith_estimate_item::dates))
      for (std::size_t k = 0; k < v->array_size(limits::max_long_list); ++k) item.dates.push_back(v->at(k).as_date());
    g.items.push_back(std::move(item));
  }
  const auto separate = element(in, decl::good_faith_estimate::separately_scheduled, "separately_scheduled",
                                "the list of services to be scheduled separately, empty if none (45 CFR 149.610(c)(1))");
  for (std::size_t i = 0; i < separate.array_size(limits::max_list); ++i) g.separately_scheduled.push_back(separate.at(i).as_string());
  const auto disclaimers = element(in, decl::good_faith_estimate::disclaimers, "disclaimers", "the disclaimers");
  disclaimers.expect_only(decl::good_faith_estimate_disclaimers::members);
  g.disclaimers.additional_items =
      element(disclaimers, decl::good_faith_estimate_disclaimers::additional_items, "disclaimers.additional_items", "45 CFR 149.610(c)(1)(viii)").as_string();
  g.disclaimers.estimate_only =
      element(disclaimers, decl::good_faith_estimate_disclaimers::estimate_only, "disclaimers.estimate_only", "45 CFR 149.610(c)(1)(ix)").as_string();
  g.disclaimers.dispute_rights =
      element(disclaimers, decl::good_faith_estimate_disclaimers::dispute_rights, "disclaimers.dispute_rights", "45 CFR 149.610(c)(1)(x)").as_string();
  g.disclaimers.not_a_contract =
      element(disclaimers, decl::good_faith_estimate_disclaimers::not_a_contract, "disclaimers.not_a_contract", "the CMS standard form's statement").as_string();
  g.disclaimers.dispute_process = element(disclaimers, decl::good_faith_estimate_disclaimers::dispute_process, "disclaimers.dispute_process",
                                          "the CMS standard form's \"What if I am billed more than this Good Faith "
                                          "Estimate?\"").as_string();
  for (const auto& item : g.items) g.total += item.expected_charge;
  // A stated total must be the items' sum (validated below); a missing one is the sum.
  if (auto v = in.find(decl::good_faith_estimate::total)) g.total = v->as_money();
  g.issued_on = element(in, decl::good_faith_estimate::issued_on, "issued_on", "the date the estimate is issued").as_date();
  if (auto v = in.find(decl::good_faith_estimate::scheduled_on)) g.scheduled_on = v->as_date();
  if (auto v = in.find(decl::good_faith_estimate::on_request)) g.on_request = v->as_bool();
  if (auto v = in.find(decl::good_faith_estimate::warnings))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) g.warnings.push_back(v->at(i).as_text());
  if (auto v = in.find(decl::good_faith_estimate::issue_by); v && !v->json().is_null()) g.issue_by = v->as_date();
  if (auto v = in.find(decl::good_faith_estimate::deadline_rule)) g.deadline_rule = v->as_text();
  if (auto v = in.find(decl::good_faith_estimate::business_days)) g.business_days = read_business_days(*v);
  if (auto v = in.find(decl::good_faith_estimate::part)) g.part = static_cast<int>(v->as_int(1, 100));
  if (auto v = in.find(decl::good_faith_estimate::parts)) g.parts = static_cast<int>(v->as_int(1, 100));
  validate_good_faith_estimate(g);
  // Derived members, when given, must say what the items say.
  for (std::size_t i = 0; i < g.providers.size(); ++i) {
    const Money subtotal = g.subtotal(g.providers[i].npi);
    if (const auto& v = stated[i].first; v && v->as_money() != subtotal)
      throw ValidationError(v->path(), v->as_money().to_string(), "is not the sum of the provider's items", subtotal.to_string());
    if (const auto& v = stated[i].second; v && v->as_money() != subtotal + gfe_dispute_amount())
      throw ValidationError(v->path(), v->as_money().to_string(), "is not the provider's subtotal plus $400.00",
                            (subtotal + gfe_dispute_amount()).to_string() + " (45 CFR 149.620)");
  }
  if (auto v = in.find(decl::good_faith_estimate::diagnoses)) {
    json expected = json::array();
    for (const auto& d : g.diagnoses())
      expected.push_back({{"code", d.code}, {"description", d.description ? json(*d.description) : json(nullptr)}});
    if (v->json() != expected)
      throw ValidationError(v->path(), "", "is not the items' diagnosis codes with iop's descriptors", expected.dump());
  }
  return g;
}

namespace {

constexpr std::string_view kStyle =
    "@page{size:letter;margin:0.5in}"
    "body{font-family:sans-serif;font-size:11pt;max-width:48rem;margin:2rem auto;line-height:1.35;color:#111}"
    "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1em 0 .3em}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.3em 0;font-size:10pt}"
    "th,td{border:1px solid #999;padding:.2rem .3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
    ".money{text-align:right}td.money{white-space:nowrap}tfoot td{font-weight:bold}"
    "tr{break-inside:avoid}"
    ".page-break{break-before:page;page-break-before:always}"
    ".office{border:2px dashed #a60;background:#fff8ec;padding:.3rem .8rem;margin-bottom:1.5rem}"
    "@media print{body{margin:0;max-width:none}.office{display:none}}";

std::string money_cell(const Money& m) { return "<td class=\"money\">" + m.to_string() + "</td>"; }

std::string diagnosis_text(const std::string& code, const std::vector<GfeDiagnosis>& known) {
  for (const auto& d : known)
    if (d.code == code && d.description) return html_escape(code) + " (" + html_escape(*d.description) + ")";
  return html_escape(code);
}

std::string places_of(const GfeProvider& p) {
  if (p.telehealth_patient_state) return html_escape(telehealth_place(*p.telehealth_patient_state));
  std::vector<std::string> places;
  for (const auto& l : p.locations) places.push_back(html_escape(l.address) + ", " + html_escape(l.state));
  return join(places, "; ");
}

// The patient's pages of one estimate.
void patient_pages(std::string& h, const GoodFaithEstimate& g, bool page_break) {
  const auto diagnoses = g.diagnoses();
  h += "<section class=\"part" + std::string(page_break ? " page-break" : "") + "\" id=\"part-" + std::to_string(g.part) +
       "\" data-total=\"" + g.total.to_string() + "\">\n";
  h += "<h1>Good Faith Estimate</h1>\n";
  if (g.parts > 1)
    h += "<p><strong>Estimate " + std::to_string(g.part) + " of " + std::to_string(g.parts) + "</strong>: services from " +
         to_iso_string(g.recurrence.first_date) + " to " + to_iso_string(g.recurrence.last_date) +
         " (each estimate covers up to 12 months).</p>\n";
  h += "<table class=\"facts\">\n<colgroup><col style=\"width:30%\"><col style=\"width:70%\"></colgroup>\n";
  h += "<tr><th>Patient</th><td>" + html_escape(g.patient_name) + "</td></tr>\n";
  h += "<tr><th>Date of birth</th><td>" + to_iso_string(g.patient_birth_date) + "</td></tr>\n";
  std::vector<std::string> dx;
  for (const auto& d : diagnoses) dx.push_back(diagnosis_text(d.code, diagnoses));
  h += "<tr><th>Diagnoses (ICD-10-CM)</th><td>" + join(dx, "; ") + "</td></tr>\n";
  if (!g.scheduled_on.is_special())
    h += std::string("<tr><th>") + (g.on_request ? "Requested on" : "Scheduled on") + "</th><td>" +
         to_iso_string(g.scheduled_on) + "</td></tr>\n";
  h += "<tr><th>Issued on</th><td>" + to_iso_string(g.issued_on) + "</td></tr>\n";
  if (g.issue_by)
    h += "<tr><th>Due by</th><td>" + to_iso_string(*g.issue_by) +
         (g.issued_on > *g.issue_by ? " (issued after that date)" : "") + "</td></tr>\n";
  h += "</table>\n";
  h += "<h2>Primary service</h2>\n<p>" + html_escape(g.primary_service) + "</p>\n";
  h += std::string(g.on_request ? "<p>Requested: " : "<p>Scheduled: ") + html_escape(g.recurrence.frequency) + ", " +
       std::to_string(g.recurrence.sessions) + " sessions, " + to_iso_string(g.recurrence.first_date) + " to " +
       to_iso_string(g.recurrence.last_date) + ".</p>\n";

  h += "<h2>Summary by provider and facility</h2>\n<table class=\"summary\">\n"
       "<colgroup><col style=\"width:34%\"><col style=\"width:18%\"><col style=\"width:22%\"><col style=\"width:26%\"></colgroup>\n"
       "<thead><tr><th>Provider or facility</th><th>Role</th><th class=\"money\">Expected charges</th>"
       "<th class=\"money\">Bill that may be disputed</th></tr></thead>\n<tbody>\n";
  for (const auto& p : g.providers) {
    const Money subtotal = g.subtotal(p.npi);
    h += "<tr data-npi=\"" + html_escape(p.npi) + "\"><td>" + html_escape(p.name) + "</td><td>" + role_of(p) + "</td>" +
         money_cell(subtotal) + "<td class=\"money\">" + (subtotal + gfe_dispute_amount()).to_string() + " or more</td></tr>\n";
  }
  h += "</tbody>\n<tfoot><tr><td colspan=\"2\">Total expected charges</td>" + money_cell(g.total) +
       "<td></td></tr></tfoot>\n</table>\n";
  h += "<p>The right to dispute a bill is per provider or facility: a bill from one of them that is at least $400.00 "
       "more than its own expected charges above.</p>\n";

  for (const auto& p : g.providers) {
    const Money subtotal = g.subtotal(p.npi);
    h += "<section class=\"provider\" data-npi=\"" + html_escape(p.npi) + "\">\n";
    h += "<h2>" + html_escape(p.name) + " (" + role_of(p) + ")</h2>\n";
    h += "<p>NPI " + html_escape(p.npi) + " &middot; TIN " + html_escape(p.tin);
    if (!p.contact.phone.empty()) h += " &middot; Phone " + html_escape(p.contact.phone);
    if (!p.contact.email.empty()) h += " &middot; Email " + html_escape(p.contact.email);
    h += "</p>\n<p>Where services are furnished: " + places_of(p) + "</p>\n";
    if (p.telehealth_patient_state && !p.locations.empty()) {
      std::vector<std::string> offices;
      for (const auto& l : p.locations) offices.push_back(html_escape(l.address) + ", " + html_escape(l.state));
      h += "<p>Office address: " + join(offices, "; ") + "</p>\n";
    }
    h += "<table class=\"items\">\n<colgroup><col style=\"width:25%\"><col style=\"width:9%\"><col style=\"width:8%\">"
         "<col style=\"width:20%\"><col style=\"width:10%\"><col style=\"width:13%\"><col style=\"width:15%\"></colgroup>\n"
         "<thead><tr><th>Service</th><th>Code type</th><th>Code</th><th>Diagnoses</th><th>Quantity</th>"
         "<th class=\"money\">Unit charge</th><th class=\"money\">Expected charge</th></tr></thead>\n<tbody>\n";
    for (const auto& i : g.items) {
      if (i.provider_npi != p.npi) continue;
      std::vector<std::string> codes;
      for (const auto& c : i.diagnosis_codes) codes.push_back(diagnosis_text(c, diagnoses));
      h += "<tr><td>" + html_escape(i.description) + " (" + html_escape(i.service_code) + ")" +
           (i.charge_note.empty() ? "" : "<br><em>" + html_escape(i.charge_note) + "</em>") + "</td><td>" +
           html_escape(i.code_type) + "</td><td>" + html_escape(i.service_code) + "</td><td>" + join(codes, "; ") +
           "</td><td>" + std::to_string(i.quantity) + "</td>" + money_cell(i.unit_charge) + money_cell(i.expected_charge) +
           "</tr>\n";
    }
    h += "</tbody>\n<tfoot><tr class=\"subtotal\"><td colspan=\"6\">Subtotal for " + html_escape(p.name) + "</td>" +
         money_cell(subtotal) + "</tr></tfoot>\n</table>\n";
    h += "<p>If a bill from " + html_escape(p.name) + " is " + (subtotal + gfe_dispute_amount()).to_string() +
         " or more (at least $400.00 above its expected charges of " + subtotal.to_string() + "), you may dispute it.</p>\n";
    h += "</section>\n";
  }
  h += "<p class=\"total\"><strong>Total expected charges: " + g.total.to_string() + "</strong></p>\n";
  h += "<h2>Services scheduled separately</h2>\n";
  if (g.separately_scheduled.empty()) {
    h += "<p>None expected.</p>\n";
  } else {
    h += "<ul>\n";
    for (const auto& s : g.separately_scheduled) h += "<li>" + html_escape(s) + "</li>\n";
    h += "</ul>\n<p>Ask the provider of each of these services for its own Good Faith Estimate.</p>\n";
  }
  h += "<h2>Disclaimers</h2>\n<ul>\n";
  for (const auto* d : {&g.disclaimers.additional_items, &g.disclaimers.estimate_only, &g.disclaimers.dispute_rights,
                        &g.disclaimers.not_a_contract})
    h += "<li>" + html_escape(*d) + "</li>\n";
  h += "</ul>\n<h2>What if I am billed more than this Good Faith Estimate?</h2>\n<p>" +
       html_escape(g.disclaimers.dispute_process) + "</p>\n</section>\n";
}

}  // namespace

std::string to_html(const GoodFaithEstimate& estimate) { return to_html(std::vector<GoodFaithEstimate>{estimate}); }

std::string to_html(const std::vector<GoodFaithEstimate>& course) {
  if (course.empty()) throw ValidationError("course", "[]", "is empty", "the estimates of a course");
  // Several estimates make one document only when they are the whole course, in order.
  if (course.size() > 1)
    for (std::size_t i = 0; i < course.size(); ++i)
      if (course[i].part != static_cast<int>(i) + 1 || course[i].parts != static_cast<int>(course.size()))
        throw ValidationError("course[" + std::to_string(i) + "].part",
                              std::to_string(course[i].part) + " of " + std::to_string(course[i].parts),
                              "is not estimate " + std::to_string(i + 1) + " of " + std::to_string(course.size()),
                              "the estimates of one course, in order (as make_good_faith_estimates returns them)");
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Good Faith Estimate</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n";
  // The office's notes first, on screen only: the timing rules and warnings are not the patient's.
  h += "<section class=\"office\">\n<h2>For the office (shown on screen, not printed)</h2>\n<ul>\n";
  for (const auto& g : course) {
    const std::string which = course.size() > 1 ? "Estimate " + std::to_string(g.part) + ": " : "";
    for (const auto& w : g.warnings) h += "<li><strong>Warning:</strong> " + which + html_escape(w) + "</li>\n";
    h += "<li>" + which + "deadline rule: " + html_escape(g.deadline_rule) + "</li>\n";
  }
  h += "</ul>\n</section>\n";
  if (course.size() > 1) {
    Money course_total;
    for (const auto& g : course) course_total += g.total;
    h += "<section class=\"course\" data-total=\"" + course_total.to_string() + "\">\n<h1>Good Faith Estimates for " +
         html_escape(course.front().patient_name) + "</h1>\n<p>This course of care is expected to last more than 12 "
         "months, so it has " + std::to_string(course.size()) + " Good Faith Estimates, each for up to 12 months of "
         "services. Each estimate follows on its own pages.</p>\n";
    h += "<table class=\"course-total\">\n<colgroup><col style=\"width:20%\"><col style=\"width:50%\"><col style=\"width:30%\"></colgroup>\n"
         "<thead><tr><th>Estimate</th><th>Services</th><th class=\"money\">Expected charges</th></tr></thead>\n<tbody>\n";
    for (const auto& g : course)
      h += "<tr><td>" + std::to_string(g.part) + " of " + std::to_string(g.parts) + "</td><td>" +
           to_iso_string(g.recurrence.first_date) + " to " + to_iso_string(g.recurrence.last_date) + "</td>" +
           money_cell(g.total) + "</tr>\n";
    h += "</tbody>\n<tfoot><tr><td colspan=\"2\">Course total</td>" + money_cell(course_total) + "</tr></tfoot>\n</table>\n";
    h += "</section>\n";
  }
  for (const auto& g : course) patient_pages(h, g, course.size() > 1);
  h += "</body>\n</html>\n";
  return h;
}

namespace {

// A provider or facility of a request; a co-provider has its own items and, when it
// furnishes its services by telehealth, may give no office location.
GfeProvider read_request_provider(const JsonReader& provider, bool co_provider) {
  // A co-provider's members are the provider's and its items (PROVIDER_MEMBERS in declarations/gfe_request.py).
  if (co_provider)
    provider.expect_only(decl::gfe_co_provider::members);
  else
    provider.expect_only(decl::gfe_provider::members);
  GfeProvider p;
  p.convening = !co_provider;
  p.name = provider.identifier(decl::gfe_provider::name);
  // The request's own members are checked here, so an error names them as given.
  const auto npi = provider.at(decl::gfe_provider::npi);
  p.npi = npi.as_identifier();
  if (!is_valid_npi(p.npi))
    throw ValidationError(npi.path(), iop::quoted(p.npi), "is not a valid NPI",
                          "10 digits whose last is the Luhn check digit over 80840 + the first 9");
  const auto tin = provider.at(decl::gfe_provider::tin);
  p.tin = tin.as_identifier(decl::gfe_provider::tin);
  if (!is_valid_tin(p.tin)) throw ValidationError(tin.path(), iop::quoted(p.tin), "is not a TIN", "9 digits, e.g. 12-3456789");
  if (auto v = provider.find(decl::gfe_provider::facility)) p.facility = v->as_bool();
  if (auto v = provider.find(decl::gfe_provider::contact)) p.contact = read_contact(*v);
  if (auto v = provider.find(decl::gfe_provider::telehealth_patient_state))
    p.telehealth_patient_state = read_state(*v, "the USPS code of the state where the patient is located, such as CA");
  const auto locations = provider.find(decl::gfe_provider::locations);
  if (!locations && !(co_provider && p.telehealth_patient_state)) (void)provider.at(decl::gfe_provider::locations);  // names the missing member
  const auto location_count = locations ? locations->array_size(decl::gfe_provider::locations) : 0;
  if (locations && location_count == 0 && !p.telehealth_patient_state)
    throw ValidationError(locations->path(), "[]", "is empty",
                          "where services are furnished, with the state (45 CFR 149.610(c)(1)(v))");
  for (std::size_t i = 0; i < location_count; ++i) {
    const auto l = locations->at(i);
    l.expect_only(decl::gfe_location::members);
    p.locations.push_back({l.text(decl::gfe_location::address),
                           read_state(l.at(decl::gfe_location::state), "a USPS code such as CA")});
    if (p.locations.back().address.empty())
      throw ValidationError(l.at(decl::gfe_location::address).path(), "''", "is empty", "the office or facility location");
  }
  return p;
}

GfeItem read_request_item(const JsonReader& it, const std::string& npi) {
  it.expect_only(decl::gfe_item::members);
  GfeItem item;
  item.provider_npi = npi;
  const auto type = it.at(decl::gfe_item::code_type);
  item.code_type = type.as_identifier();
  if (!is_gfe_code_type(item.code_type))
    throw NotFoundError(type.path(), iop::quoted(item.code_type), "is not a code type", kCodeTypes);
  const auto code = it.at(decl::gfe_item::code);
  item.service_code = code.as_identifier(decl::gfe_item::code);
  if (!code_fits_type(item.code_type, item.service_code))
    throw ValidationError(code.path(), iop::quoted(item.service_code), "is not a " + item.code_type + " code",
                          kCodeShapes);
  item.description = it.identifier(decl::gfe_item::description);
  const auto quantity = it.at(decl::gfe_item::quantity);
  item.quantity = static_cast<int>(quantity.as_int(decl::gfe_item::quantity));
  item.unit_charge = it.at(decl::gfe_item::unit_charge).as_money(Money(), Money::from_cents(limits::max_amount_cents));
  item.expected_charge = item.unit_charge * item.quantity;
  const auto dx = it.at(decl::gfe_item::diagnosis_codes);
  const auto dx_count = dx.array_size(decl::gfe_item::diagnosis_codes);
  if (dx_count == 0) throw ValidationError(dx.path(), "[]", "is empty", "the ICD-10-CM codes the item is for (45 CFR 149.610(c)(1)(iv))");
  for (std::size_t k = 0; k < dx_count; ++k) {
    const auto c = dx.at(k);
    item.diagnosis_codes.push_back(IcdCode::parse(c.as_identifier(), c.path()).str());
  }
  if (auto v = it.find(decl::gfe_item::dates)) {
    const auto n = v->array_size(decl::gfe_item::dates);
    for (std::size_t k = 0; k < n; ++k) {
      const auto d = v->at(k);
      item.dates.push_back(d.as_date());
      if (k > 0 && item.dates[k] < item.dates[k - 1])
        throw ValidationError(d.path(), to_iso_string(item.dates[k]), "is before the date listed before it",
                              "dates in order, one per unit");
    }
    if (n != static_cast<std::size_t>(item.quantity))
      throw ValidationError(v->path(), std::to_string(n) + " dates", "is not one date per unit",
                            std::to_string(item.quantity) + " dates (the quantity)");
  }
  if (auto v = it.find(decl::gfe_item::charge_note)) item.charge_note = v->as_identifier(decl::gfe_item::charge_note);
  if (item.unit_charge.is_zero() && item.charge_note.empty())
    throw ValidationError(it.path() + ".charge_note", "", "is missing for a $0.00 item",
                          "why it costs nothing, e.g. included in the program day's per diem");
  return item;
}

}  // namespace

GfeRequest gfe_request_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::gfe_request::members);
  GfeRequest r;
  const auto patient = in.at(decl::gfe_request::patient);
  patient.expect_only(decl::gfe_patient::members);
  r.patient_name = patient.identifier(decl::gfe_patient::name);
  r.patient_birth_date = patient.at(decl::gfe_patient::date_of_birth).as_date();
  const auto dx = in.at(decl::gfe_request::diagnosis_codes);
  for (std::size_t i = 0; i < dx.array_size(decl::gfe_request::diagnosis_codes); ++i) r.diagnosis_codes.push_back(dx.at(i).as_identifier(decl::gfe_request::diagnosis_codes_item));
  r.provider = read_request_provider(in.at(decl::gfe_request::provider), false);
  if (auto v = in.find(decl::gfe_request::co_providers)) {
    for (std::size_t i = 0; i < v->array_size(decl::gfe_request::co_providers); ++i) {
      const auto c = v->at(i);
      GfeCoProvider co;
      co.provider = read_request_provider(c, true);
      const auto npi = c.at(decl::gfe_co_provider::npi);
      if (co.provider.npi == r.provider.npi)
        throw ValidationError(npi.path(), iop::quoted(co.provider.npi), "is the convening provider's NPI",
                              "a co-provider's or co-facility's own NPI");
      for (std::size_t j = 0; j < r.co_providers.size(); ++j)
        if (r.co_providers[j].provider.npi == co.provider.npi)
          throw ValidationError(npi.path(), iop::quoted(co.provider.npi),
                                "is the NPI of co_providers[" + std::to_string(j) + "] too", "one entry per provider or facility");
      const auto items = c.at(decl::gfe_co_provider::items);
      const auto count = items.array_size(decl::gfe_co_provider::items);
      if (count == 0)
        throw ValidationError(items.path(), "[]", "is empty",
                              "the co-provider's expected items and services (45 CFR 149.610(c)(1)(iii)(B))");
      for (std::size_t j = 0; j < count; ++j) co.items.push_back(read_request_item(items.at(j), co.provider.npi));
      r.co_providers.push_back(std::move(co));
    }
  }
  if (auto v = in.find(decl::gfe_request::separately_scheduled))
    for (std::size_t i = 0; i < v->array_size(decl::gfe_request::separately_scheduled); ++i) r.separately_scheduled.push_back(v->at(i).as_text(decl::gfe_request::separately_scheduled_item));
  const auto scheduled_on = in.at(decl::gfe_request::scheduled_on);
  r.scheduled_on = scheduled_on.as_date();
  if (auto v = in.find(decl::gfe_request::on_request)) r.on_request = v->as_bool();
  if (auto v = in.find(decl::gfe_request::business_days)) r.business_days = read_business_days(*v);
  const auto issued_on = in.at(decl::gfe_request::issued_on);  // required: never taken to be the scheduling date
  r.issued_on = issued_on.as_date();
  // The deadline counts business days of the holiday calendar, which covers 1971..2100.
  for (const auto& [field, date] : {std::pair{scheduled_on.path(), r.scheduled_on}, std::pair{issued_on.path(), r.issued_on}})
    if (date.year() < HolidayCalendar::first_year)
      throw ValidationError(field, to_iso_string(date), "is outside the holiday calendar's years",
                            std::to_string(HolidayCalendar::first_year) + "-01-01.." + std::to_string(HolidayCalendar::last_year) + "-12-31");
  if (r.patient_birth_date > r.issued_on)
    throw ValidationError(patient.path() + ".date_of_birth", to_iso_string(r.patient_birth_date), "is after the estimate is issued",
                          "a date of birth on or before " + to_iso_string(r.issued_on));
  if (r.issued_on < r.scheduled_on)
    throw ValidationError(issued_on.path(), to_iso_string(r.issued_on),
                          std::string("is before the ") + (r.on_request ? "request" : "scheduling") + " date " +
                              to_iso_string(r.scheduled_on),
                          "on or after " + to_iso_string(r.scheduled_on) + " (45 CFR 149.610(b)(1)(vi))");
  return r;
}

}  // namespace iop
