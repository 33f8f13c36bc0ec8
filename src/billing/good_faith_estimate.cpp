#include "iop/billing/good_faith_estimate.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
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
      "the providers or facilities identified in it."};
}

std::pair<std::optional<Date>, std::string> good_faith_estimate_deadline(Date scheduled_on, Date first_service,
                                                                         bool on_request,
                                                                         const HolidayCalendar& business_days) {
  if (on_request)
    return {business_days_after(scheduled_on, 3, business_days),
            "requested: within 3 business days of the request (45 CFR 149.610(b)(1)(vi)(C))"};
  const int ahead = business_days_between(scheduled_on, first_service, business_days);
  if (ahead >= 10)
    return {business_days_after(scheduled_on, 3, business_days),
            "scheduled " + std::to_string(ahead) +
                " business days ahead (10 or more): within 3 business days of scheduling (45 CFR 149.610(b)(1)(vi)(B))"};
  if (ahead >= 3)
    return {business_days_after(scheduled_on, 1, business_days),
            "scheduled " + std::to_string(ahead) +
                " business days ahead (3 to 9): within 1 business day of scheduling (45 CFR 149.610(b)(1)(vi)(A))"};
  return {std::nullopt, "scheduled " + std::to_string(ahead) +
                            " business days ahead (under 3): no estimate is required before the service, but one may be given"};
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
    if (p.tin.empty()) missing(field + ".tin", "the Taxpayer Identification Number (45 CFR 149.610(c)(1)(v))");
    if (!is_valid_tin(p.tin))
      throw ValidationError("gfe." + field + ".tin", iop::quoted(p.tin), "is not a TIN", "9 digits, e.g. 12-3456789");
    if (p.locations.empty())
      missing(field + ".locations", "where services are furnished, with the state (45 CFR 149.610(c)(1)(v))");
    for (std::size_t j = 0; j < p.locations.size(); ++j)
      if (!is_us_state_code(p.locations[j].state))
        throw ValidationError("gfe." + field + ".locations[" + std::to_string(j) + "].state",
                              iop::quoted(p.locations[j].state), "is not a US state code", "a USPS code such as CA");
  }
  if (g.items.empty()) missing("items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  for (std::size_t i = 0; i < g.items.size(); ++i) {
    const auto& item = g.items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    if (item.service_code.empty()) missing(field + ".service_code", "the expected service code (45 CFR 149.610(c)(1)(iv))");
    if (item.diagnosis_codes.empty())
      missing(field + ".diagnosis_codes", "the diagnosis codes (45 CFR 149.610(c)(1)(iv))");
    if (item.expected_charge.is_negative())
      throw ValidationError("gfe." + field + ".expected_charge", item.expected_charge.to_string(), "is negative",
                            "$0.00 or more");
    if (std::none_of(g.providers.begin(), g.providers.end(),
                     [&](const GfeProvider& p) { return p.npi == item.provider_npi; }))
      throw ValidationError("gfe." + field + ".provider_npi", iop::quoted(item.provider_npi),
                            "is not one of the estimate's providers", "the NPI of a listed provider (items are grouped by provider)");
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
  // The required statements are the CMS standard form's; they may be missing (named above) but never replaced.
  const auto standard = GfeDisclaimers::standard();
  for (const auto& [text, required, name] :
       {std::tuple{&g.disclaimers.additional_items, &standard.additional_items, "additional_items"},
        {&g.disclaimers.estimate_only, &standard.estimate_only, "estimate_only"},
        {&g.disclaimers.dispute_rights, &standard.dispute_rights, "dispute_rights"},
        {&g.disclaimers.not_a_contract, &standard.not_a_contract, "not_a_contract"}})
    if (*text != *required)
      throw ValidationError(std::string("gfe.disclaimers.") + name, iop::quoted(*text), "is not the required statement",
                            "the CMS standard form's text: " + iop::quoted(*required));
  const auto convening = std::count_if(g.providers.begin(), g.providers.end(), [](const GfeProvider& p) { return p.convening; });
  if (convening != 1)
    throw ValidationError("gfe.providers", std::to_string(convening) + " convening providers", "is not one convening provider",
                          "exactly one convening provider or facility; the others are co-providers (45 CFR 149.610(a))");
  Money sum;
  for (std::size_t i = 0; i < g.items.size(); ++i) {
    const auto& item = g.items[i];
    if (item.quantity > 0 && item.unit_charge * item.quantity != item.expected_charge)
      throw ValidationError("gfe.items[" + std::to_string(i) + "].expected_charge", item.expected_charge.to_string(),
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
  if (g.recurrence.last_date < g.recurrence.first_date || g.recurrence.last_date >= one_year_after(g.recurrence.first_date))
    throw ValidationError("gfe.primary_service.dates",
                          to_iso_string(g.recurrence.first_date) + ".." + to_iso_string(g.recurrence.last_date),
                          "is not a period of at most 12 months",
                          "recurring services within 12 months of the first; issue another estimate for the rest");
}

std::vector<GoodFaithEstimate> make_good_faith_estimates(const GfeRequest& request, const SessionCalendar& calendar,
                                                         const FeeSchedule& fees, const HolidayCalendar& business_days) {
  if (calendar.sessions.empty()) missing("items", "at least one scheduled session");
  std::vector<Date> session_dates;
  for (const auto& s : calendar.sessions)
    if (s.status != AttendanceStatus::cancelled_by_clinic) session_dates.push_back(s.date);
  const bool substance_use = !request.diagnosis_codes.empty() &&
                             is_substance_use(IcdCode::parse(request.diagnosis_codes.front(), "gfe.diagnosis_codes[0]"));
  const auto charges = charges_for(calendar, fees, ChargeBasis::scheduled, substance_use);

  // Parts of at most 12 months from the first session (45 CFR 149.610: recurring services within 12 months).
  std::vector<GoodFaithEstimate> out;
  Date part_start = charges.empty() ? calendar.start_date : charges.front().date;
  std::size_t next = 0;
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
  while (next < charges.size()) {
    const Date part_end = one_year_after(part_start) - boost::gregorian::days(1);
    GoodFaithEstimate g;
    g.patient_name = request.patient_name;
    g.patient_birth_date = request.patient_birth_date;
    g.providers = {request.provider};
    g.separately_scheduled = request.separately_scheduled;
    g.disclaimers = GfeDisclaimers::standard();
    g.issued_on = request.issued_on;
    std::map<std::string, GfeItem> items;
    int program_days = 0;
    Date first = charges[next].date;
    Date last = first;
    while (next < charges.size() && charges[next].date <= part_end) {
      const auto& c = charges[next];
      auto& item = items[c.code];
      if (item.service_code.empty()) {
        item.provider_npi = request.provider.npi;
        item.service_code = c.code;
        item.diagnosis_codes = request.diagnosis_codes;
        item.unit_charge = c.units ? Money::from_cents(c.charge.cents() / c.units) : c.charge;
        item.description = c.kind == SessionKind::program_day
                               ? calendar.program_name + ": a program day of group and individual therapy (" + c.code + ")"
                               : std::string(c.kind == SessionKind::medication_management ? "Medication management visit"
                                                                                          : "Individual therapy session") +
                                     " (" + c.code + ")";
        // A $0.00 line says why it costs nothing.
        if (c.charge.is_zero() && c.kind != SessionKind::program_day)
          item.description += ", included in the program day's per diem: no separate charge";
      }
      item.quantity += c.units;
      item.expected_charge += c.charge;
      if (c.kind == SessionKind::program_day) ++program_days;
      last = c.date;
      ++next;
    }
    for (auto& [code, item] : items) g.items.push_back(std::move(item));
    for (const auto& item : g.items) g.total += item.expected_charge;
    g.recurrence = {std::to_string(weekly_days) + " days a week, " + day_length, program_days, first, last};
    g.primary_service = "Intensive outpatient program: " + calendar.program_name + ", " + g.recurrence.frequency + ", " +
                        to_iso_string(first) + " to " + to_iso_string(last);
    const auto [deadline, rule] = good_faith_estimate_deadline(request.scheduled_on, first, request.on_request, business_days);
    g.issue_by = deadline;
    g.deadline_rule = rule;
    g.scheduled_on = request.scheduled_on;
    g.on_request = request.on_request;
    if (deadline && g.issued_on > *deadline)
      g.warnings.push_back("issued " + to_iso_string(g.issued_on) + ", after its deadline " + to_iso_string(*deadline) + " (" +
                           rule + "): give it to the patient now; the deadline has passed");
    out.push_back(std::move(g));
    if (next < charges.size()) part_start = charges[next].date;
  }
  for (auto& g : out) {
    g.part = static_cast<int>(&g - out.data()) + 1;
    g.parts = static_cast<int>(out.size());
    validate_good_faith_estimate(g);
  }
  return out;
}

json to_json(const GoodFaithEstimate& g) {
  json providers = json::array();
  for (const auto& p : g.providers) {
    json locations = json::array();
    for (const auto& l : p.locations) locations.push_back({{"address", l.address}, {"state", l.state}});
    providers.push_back({{"name", p.name}, {"npi", p.npi}, {"tin", p.tin}, {"convening", p.convening}, {"locations", locations}});
  }
  json items = json::array();
  for (const auto& i : g.items)
    items.push_back({{"provider_npi", i.provider_npi},
                     {"description", i.description},
                     {"service_code", i.service_code},
                     {"diagnosis_codes", i.diagnosis_codes},
                     {"quantity", i.quantity},
                     {"unit_charge", i.unit_charge},
                     {"expected_charge", i.expected_charge}});
  json j{{"patient", {{"name", g.patient_name}, {"date_of_birth", to_iso_string(g.patient_birth_date)}}},
         {"primary_service",
          {{"description", g.primary_service},
           {"dates", {{"first", to_iso_string(g.recurrence.first_date)}, {"last", to_iso_string(g.recurrence.last_date)}}},
           {"recurrence", {{"frequency", g.recurrence.frequency}, {"sessions", g.recurrence.sessions}}}}},
         {"providers", providers},
         {"items", items},
         {"separately_scheduled", g.separately_scheduled},
         {"disclaimers",
          {{"additional_items", g.disclaimers.additional_items},
           {"estimate_only", g.disclaimers.estimate_only},
           {"dispute_rights", g.disclaimers.dispute_rights},
           {"not_a_contract", g.disclaimers.not_a_contract}}},
         {"total", g.total},
         {"issued_on", to_iso_string(g.issued_on)},
         {"on_request", g.on_request},
         {"warnings", g.warnings},
         {"deadline_rule", g.deadline_rule},
         {"part", g.part},
         {"parts", g.parts}};
  if (!g.scheduled_on.is_special()) j["scheduled_on"] = to_iso_string(g.scheduled_on);
  j["issue_by"] = g.issue_by ? json(to_iso_string(*g.issue_by)) : json(nullptr);
  return j;
}

GoodFaithEstimate good_faith_estimate_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"patient", "primary_service", "providers", "items", "separately_scheduled", "disclaimers", "total",
                  "issued_on", "scheduled_on", "on_request", "warnings", "issue_by", "deadline_rule", "part", "parts"});
  GoodFaithEstimate g;
  auto element = [&](const JsonReader& parent, const char* key, const std::string& name,
                     const std::string& what) -> JsonReader {
    auto v = parent.find(key);
    if (!v) missing(name, what);
    return *v;
  };
  const auto patient = element(in, "patient", "patient", "the patient's name and date of birth (45 CFR 149.610(c)(1)(i))");
  g.patient_name = element(patient, "name", "patient.name", "the patient's name (45 CFR 149.610(c)(1)(i))").as_string();
  g.patient_birth_date =
      element(patient, "date_of_birth", "patient.date_of_birth", "the patient's date of birth (45 CFR 149.610(c)(1)(i))").as_date();
  const auto service = element(in, "primary_service", "primary_service", "the primary service (45 CFR 149.610(c)(1)(ii))");
  g.primary_service =
      element(service, "description", "primary_service.description", "the primary service in clear language").as_string();
  const auto dates = element(service, "dates", "primary_service.dates", "the scheduled dates of the primary service");
  g.recurrence.first_date = element(dates, "first", "primary_service.dates.first", "the first date").as_date();
  g.recurrence.last_date = element(dates, "last", "primary_service.dates.last", "the last date").as_date();
  const auto recurrence = element(service, "recurrence", "primary_service.recurrence", "the scope of a recurring service");
  g.recurrence.frequency = element(recurrence, "frequency", "primary_service.recurrence.frequency", "the frequency").as_string();
  g.recurrence.sessions =
      static_cast<int>(element(recurrence, "sessions", "primary_service.recurrence.sessions", "the number of sessions").as_int(1, 10000));
  const auto providers = element(in, "providers", "providers", "each provider or facility (45 CFR 149.610(c)(1)(v))");
  for (std::size_t i = 0; i < providers.array_size(); ++i) {
    const auto p = providers.at(i);
    const std::string name = "providers[" + std::to_string(i) + "]";
    GfeProvider provider;
    provider.name = element(p, "name", name + ".name", "the provider's name").as_string();
    provider.npi = element(p, "npi", name + ".npi", "the National Provider Identifier").as_string();
    provider.tin = element(p, "tin", name + ".tin", "the Taxpayer Identification Number").as_string();
    if (auto c = p.find("convening")) provider.convening = c->as_bool();
    const auto locations = element(p, "locations", name + ".locations", "where services are furnished, with the state");
    for (std::size_t j = 0; j < locations.array_size(); ++j) {
      const auto l = locations.at(j);
      const std::string lname = name + ".locations[" + std::to_string(j) + "]";
      provider.locations.push_back({element(l, "address", lname + ".address", "the location").as_string(),
                                    element(l, "state", lname + ".state", "the state").as_string()});
    }
    g.providers.push_back(std::move(provider));
  }
  const auto items = element(in, "items", "items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  for (std::size_t i = 0; i < items.array_size(); ++i) {
    const auto it = items.at(i);
    const std::string name = "items[" + std::to_string(i) + "]";
    GfeItem item;
    item.provider_npi = element(it, "provider_npi", name + ".provider_npi", "the provider furnishing it").as_string();
    if (auto d = it.find("description")) item.description = d->as_string();
    item.service_code = element(it, "service_code", name + ".service_code", "the expected service code").as_string();
    const auto dx = element(it, "diagnosis_codes", name + ".diagnosis_codes", "the diagnosis codes");
    for (std::size_t k = 0; k < dx.array_size(); ++k) item.diagnosis_codes.push_back(dx.at(k).as_string());
    if (auto q = it.find("quantity")) item.quantity = static_cast<int>(q->as_int(0, 10000));
    if (auto u = it.find("unit_charge")) item.unit_charge = u->as_money();
    item.expected_charge = element(it, "expected_charge", name + ".expected_charge", "the expected charge").as_money();
    g.items.push_back(std::move(item));
  }
  const auto separate = element(in, "separately_scheduled", "separately_scheduled",
                                "the list of services to be scheduled separately, empty if none (45 CFR 149.610(c)(1))");
  for (std::size_t i = 0; i < separate.array_size(); ++i) g.separately_scheduled.push_back(separate.at(i).as_string());
  const auto disclaimers = element(in, "disclaimers", "disclaimers", "the four disclaimers");
  g.disclaimers.additional_items =
      element(disclaimers, "additional_items", "disclaimers.additional_items", "45 CFR 149.610(c)(1)(viii)").as_string();
  g.disclaimers.estimate_only =
      element(disclaimers, "estimate_only", "disclaimers.estimate_only", "45 CFR 149.610(c)(1)(ix)").as_string();
  g.disclaimers.dispute_rights =
      element(disclaimers, "dispute_rights", "disclaimers.dispute_rights", "45 CFR 149.610(c)(1)(x)").as_string();
  g.disclaimers.not_a_contract =
      element(disclaimers, "not_a_contract", "disclaimers.not_a_contract", "the CMS standard form's statement").as_string();
  for (const auto& item : g.items) g.total += item.expected_charge;
  // A stated total must be the items' sum (validated below); a missing one is the sum.
  if (auto v = in.find("total")) g.total = v->as_money();
  g.issued_on = element(in, "issued_on", "issued_on", "the date the estimate is issued").as_date();
  if (auto v = in.find("scheduled_on")) g.scheduled_on = v->as_date();
  if (auto v = in.find("on_request")) g.on_request = v->as_bool();
  if (auto v = in.find("warnings"))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) g.warnings.push_back(v->at(i).as_text());
  if (auto v = in.find("issue_by")) g.issue_by = v->as_date();
  if (auto v = in.find("deadline_rule")) g.deadline_rule = v->as_string();
  if (auto v = in.find("part")) g.part = static_cast<int>(v->as_int(1, 100));
  if (auto v = in.find("parts")) g.parts = static_cast<int>(v->as_int(1, 100));
  validate_good_faith_estimate(g);
  return g;
}

std::string to_html(const GoodFaithEstimate& g) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Good Faith Estimate</title>\n";
  h += "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.4}"
       "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left}"
       "td.money,th.money{text-align:right}@media print{body{margin:0}}</style>\n</head>\n<body>\n";
  h += "<h1>Good Faith Estimate</h1>\n";
  if (g.parts > 1)
    h += "<p>Estimate " + std::to_string(g.part) + " of " + std::to_string(g.parts) + " (each covers up to 12 months).</p>\n";
  h += "<h2>Patient</h2>\n<p>" + html_escape(g.patient_name) + ", born " + to_iso_string(g.patient_birth_date) + "</p>\n";
  h += "<h2>Primary service</h2>\n<p>" + html_escape(g.primary_service) + "</p>\n";
  h += std::string(g.on_request ? "<p>Requested: " : "<p>Scheduled: ") + html_escape(g.recurrence.frequency) + ", " + std::to_string(g.recurrence.sessions) +
       " sessions, " + to_iso_string(g.recurrence.first_date) + " to " + to_iso_string(g.recurrence.last_date) + ".</p>\n";
  for (const auto& p : g.providers) {
    h += "<h2>" + html_escape(p.name) + (p.convening ? " (convening provider)" : " (co-provider)") + "</h2>\n";
    h += "<p>NPI " + html_escape(p.npi) + " &middot; TIN " + html_escape(p.tin) + "</p>\n<ul>\n";
    for (const auto& l : p.locations) h += "<li>" + html_escape(l.address) + ", " + html_escape(l.state) + "</li>\n";
    h += "</ul>\n<table>\n<tr><th>Service</th><th>Code</th><th>Diagnosis codes</th><th>Quantity</th>"
         "<th class=\"money\">Unit charge</th><th class=\"money\">Expected charge</th></tr>\n";
    for (const auto& i : g.items) {
      if (i.provider_npi != p.npi) continue;
      std::string dx;
      for (const auto& c : i.diagnosis_codes) dx += (dx.empty() ? "" : ", ") + c;
      h += "<tr><td>" + html_escape(i.description) + "</td><td>" + html_escape(i.service_code) + "</td><td>" +
           html_escape(dx) + "</td><td>" + std::to_string(i.quantity) + "</td><td class=\"money\">" +
           i.unit_charge.to_string() + "</td><td class=\"money\">" + i.expected_charge.to_string() + "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "<p><strong>Total expected charges: " + g.total.to_string() + "</strong></p>\n";
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
  h += "</ul>\n<p>";
  if (!g.scheduled_on.is_special())
    h += std::string(g.on_request ? "Requested on " : "Scheduled on ") + to_iso_string(g.scheduled_on) + ". ";
  h += "Issued " + to_iso_string(g.issued_on);
  if (g.issue_by) h += "; due by " + to_iso_string(*g.issue_by);
  if (g.issue_by && g.issued_on > *g.issue_by) h += ", issued after that date";
  h += " (" + html_escape(g.deadline_rule) + ").</p>\n</body>\n</html>\n";
  return h;
}

GfeRequest gfe_request_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"patient", "diagnosis_codes", "provider", "separately_scheduled", "scheduled_on", "on_request",
                  "issued_on"});
  GfeRequest r;
  const auto patient = in.at("patient");
  patient.expect_only({"name", "date_of_birth"});
  r.patient_name = patient.at("name").as_identifier();
  r.patient_birth_date = patient.at("date_of_birth").as_date();
  const auto dx = in.at("diagnosis_codes");
  for (std::size_t i = 0; i < dx.array_size(limits::max_list); ++i) r.diagnosis_codes.push_back(dx.at(i).as_identifier());
  const auto provider = in.at("provider");
  provider.expect_only({"name", "npi", "tin", "locations"});
  r.provider.name = provider.at("name").as_identifier();
  // The request's own members are checked here, so an error names them as given.
  const auto npi = provider.at("npi");
  r.provider.npi = npi.as_identifier();
  if (!is_valid_npi(r.provider.npi))
    throw ValidationError(npi.path(), iop::quoted(r.provider.npi), "is not a valid NPI",
                          "10 digits whose last is the Luhn check digit over 80840 + the first 9");
  const auto tin = provider.at("tin");
  r.provider.tin = tin.as_identifier();
  if (!is_valid_tin(r.provider.tin))
    throw ValidationError(tin.path(), iop::quoted(r.provider.tin), "is not a TIN", "9 digits, e.g. 12-3456789");
  const auto locations = provider.at("locations");
  const auto location_count = locations.array_size(limits::max_list);
  if (location_count == 0)
    throw ValidationError(locations.path(), "[]", "is empty", "where services are furnished, with the state (45 CFR 149.610(c)(1)(v))");
  for (std::size_t i = 0; i < location_count; ++i) {
    const auto l = locations.at(i);
    l.expect_only({"address", "state"});
    const auto state = l.at("state");
    r.provider.locations.push_back({l.at("address").as_text(limits::max_identifier_bytes * 4), state.as_identifier()});
    if (!is_us_state_code(r.provider.locations.back().state))
      throw ValidationError(state.path(), iop::quoted(r.provider.locations.back().state), "is not a US state code",
                            "a USPS code such as CA");
  }
  if (auto v = in.find("separately_scheduled"))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) r.separately_scheduled.push_back(v->at(i).as_text());
  const auto scheduled_on = in.at("scheduled_on");
  r.scheduled_on = scheduled_on.as_date();
  if (auto v = in.find("on_request")) r.on_request = v->as_bool();
  const auto issued_on = in.at("issued_on");  // required: never taken to be the scheduling date
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
