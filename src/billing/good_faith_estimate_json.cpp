// The Good Faith Estimate and its request as JSON: the estimate's writer and reader, the request's reader. Every
// member is named through declared.hpp (declarations/gfe.py, declarations/gfe_request.py).
#include "iop/billing/good_faith_estimate.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/limits.hpp"
#include "iop/plan/program.hpp"
#include "billing/good_faith_estimate_parts.hpp"

namespace iop {

using namespace gfe_detail;
using nlohmann::json;

namespace {

GfeBusinessDays read_business_days(const JsonReader& v) {
  const auto text = v.as_string();
  if (text == "clinic_open_days") return GfeBusinessDays::clinic_open_days;
  if (text == "federal_weekdays") return GfeBusinessDays::federal_weekdays;
  throw NotFoundError(v.path(), iop::quoted(text), "is not a way to count business days",
                      "clinic_open_days (the clinic's holiday calendar) or federal_weekdays (Monday to Friday without "
                      "the federal holidays); 45 CFR 149.610 does not define a business day");
}


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

namespace {

using decl::key;

// A provider or facility of the estimate, its subtotal and the amount above which the patient may dispute.
json provider_json(const GoodFaithEstimate& g, const GfeProvider& p) {
  namespace P = decl::good_faith_estimate_provider;
  namespace L = decl::good_faith_estimate_provider_location;
  namespace C = decl::good_faith_estimate_provider_contact;
  json locations = json::array();
  for (const auto& l : p.locations) locations.push_back({{key(L::address), l.address}, {key(L::state), l.state}});
  const Money subtotal = g.subtotal(p.npi);
  json provider{{key(P::name), p.name},
                {key(P::npi), p.npi},
                {key(P::tin), p.tin},
                {key(P::convening), p.convening},
                {key(P::facility), p.facility},
                {key(P::locations), locations},
                {key(P::subtotal), subtotal},
                {key(P::dispute_threshold), subtotal + gfe_dispute_amount()}};
  if (!p.contact.empty()) {
    json contact = json::object();
    if (!p.contact.phone.empty()) contact[key(C::phone)] = p.contact.phone;
    if (!p.contact.email.empty()) contact[key(C::email)] = p.contact.email;
    provider[key(P::contact)] = std::move(contact);
  }
  if (p.telehealth_patient_state) provider[key(P::telehealth_patient_state)] = *p.telehealth_patient_state;
  return provider;
}

json item_json(const GfeItem& i) {
  namespace I = decl::good_faith_estimate_item;
  json item{{key(I::provider_npi), i.provider_npi},
            {key(I::description), i.description},
            {key(I::code_type), i.code_type},
            {key(I::service_code), i.service_code},
            {key(I::diagnosis_codes), i.diagnosis_codes},
            {key(I::quantity), i.quantity},
            {key(I::unit_charge), i.unit_charge},
            {key(I::expected_charge), i.expected_charge}};
  if (!i.charge_note.empty()) item[key(I::charge_note)] = i.charge_note;
  if (!i.dates.empty()) {
    json dates = json::array();
    for (const auto& d : i.dates) dates.push_back(to_iso_string(d));
    item[key(I::dates)] = std::move(dates);
  }
  return item;
}

}  // namespace

json to_json(const GoodFaithEstimate& g) {
  // Every member named through its declaration (declarations/gfe.py), as the reader below names it.
  namespace G = decl::good_faith_estimate;
  namespace PS = decl::good_faith_estimate_primary_service;
  namespace D = decl::good_faith_estimate_primary_service_dates;
  namespace R = decl::good_faith_estimate_primary_service_recurrence;
  namespace DI = decl::good_faith_estimate_diagnosis;
  namespace DS = decl::good_faith_estimate_disclaimers;
  namespace PA = decl::good_faith_estimate_patient;
  json providers = json::array();
  for (const auto& p : g.providers) providers.push_back(provider_json(g, p));
  json items = json::array();
  for (const auto& i : g.items) items.push_back(item_json(i));
  json diagnoses = json::array();
  for (const auto& d : g.diagnoses())
    diagnoses.push_back({{key(DI::code), d.code}, {key(DI::description), d.description ? json(*d.description) : json(nullptr)}});
  json j{{key(G::patient), {{key(PA::name), g.patient_name}, {key(PA::date_of_birth), to_iso_string(g.patient_birth_date)}}},
         {key(G::primary_service),
          {{key(PS::description), g.primary_service},
           {key(PS::dates),
            {{key(D::first), to_iso_string(g.recurrence.first_date)}, {key(D::last), to_iso_string(g.recurrence.last_date)}}},
           {key(PS::recurrence), {{key(R::frequency), g.recurrence.frequency}, {key(R::sessions), g.recurrence.sessions}}}}},
         {key(G::providers), providers},
         {key(G::items), items},
         {key(G::diagnoses), diagnoses},
         {key(G::separately_scheduled), g.separately_scheduled},
         {key(G::disclaimers),
          {{key(DS::additional_items), g.disclaimers.additional_items},
           {key(DS::estimate_only), g.disclaimers.estimate_only},
           {key(DS::dispute_rights), g.disclaimers.dispute_rights},
           {key(DS::not_a_contract), g.disclaimers.not_a_contract},
           {key(DS::dispute_process), g.disclaimers.dispute_process}}},
         {key(G::total), g.total},
         {key(G::issued_on), to_iso_string(g.issued_on)},
         {key(G::on_request), g.on_request},
         {key(G::warnings), g.warnings},
         {key(G::deadline_rule), g.deadline_rule},
         {key(G::business_days), to_string(g.business_days)},
         {key(G::part), g.part},
         {key(G::parts), g.parts}};
  if (!g.scheduled_on.is_special()) j[key(G::scheduled_on)] = to_iso_string(g.scheduled_on);
  j[key(G::issue_by)] = g.issue_by ? json(to_iso_string(*g.issue_by)) : json(nullptr);
  return j;
}

namespace {

// A member the estimate requires: its absence is named by @p name and what it holds.
JsonReader required(const JsonReader& parent, const decl::Member& key, const std::string& name, const std::string& what) {
  auto v = parent.find(key);
  if (!v) missing(name, what);
  return *v;
}

// `patient` and `primary_service`: who, what, and its dates and recurrence (45 CFR 149.610(c)(1)(i), (ii)).
void read_patient_and_service(const JsonReader& in, GoodFaithEstimate& g) {
  const auto patient = required(in, decl::good_faith_estimate::patient, "patient", "the patient's name and date of birth (45 CFR 149.610(c)(1)(i))");
  patient.expect_only(decl::good_faith_estimate_patient::members);
  g.patient_name = required(patient, decl::good_faith_estimate_patient::name, "patient.name", "the patient's name (45 CFR 149.610(c)(1)(i))").as_string();
  g.patient_birth_date =
      required(patient, decl::good_faith_estimate_patient::date_of_birth, "patient.date_of_birth", "the patient's date of birth (45 CFR 149.610(c)(1)(i))").as_date();
  const auto service = required(in, decl::good_faith_estimate::primary_service, "primary_service", "the primary service (45 CFR 149.610(c)(1)(ii))");
  service.expect_only(decl::good_faith_estimate_primary_service::members);
  g.primary_service =
      required(service, decl::good_faith_estimate_primary_service::description, "primary_service.description", "the primary service in clear language").as_string();
  const auto dates = required(service, decl::good_faith_estimate_primary_service::dates, "primary_service.dates", "the scheduled dates of the primary service");
  dates.expect_only(decl::good_faith_estimate_primary_service_dates::members);
  g.recurrence.first_date = required(dates, decl::good_faith_estimate_primary_service_dates::first, "primary_service.dates.first", "the first date").as_date();
  g.recurrence.last_date = required(dates, decl::good_faith_estimate_primary_service_dates::last, "primary_service.dates.last", "the last date").as_date();
  const auto recurrence = required(service, decl::good_faith_estimate_primary_service::recurrence, "primary_service.recurrence", "the scope of a recurring service");
  recurrence.expect_only(decl::good_faith_estimate_primary_service_recurrence::members);
  g.recurrence.frequency = required(recurrence, decl::good_faith_estimate_primary_service_recurrence::frequency, "primary_service.recurrence.frequency", "the frequency").as_string();
  g.recurrence.sessions =
      static_cast<int>(required(recurrence, decl::good_faith_estimate_primary_service_recurrence::sessions, "primary_service.recurrence.sessions", "the number of sessions").as_int(1, 10000));
}

// Provider @p i of `providers` (45 CFR 149.610(c)(1)(v)).
GfeProvider read_provider(const JsonReader& p, std::size_t i) {
  p.expect_only(decl::good_faith_estimate_provider::members);
  const std::string name = "providers[" + std::to_string(i) + "]";
  GfeProvider provider;
  provider.name = required(p, decl::good_faith_estimate_provider::name, name + ".name", "the provider's name").as_string();
  provider.npi = required(p, decl::good_faith_estimate_provider::npi, name + ".npi", "the National Provider Identifier").as_string();
  provider.tin = required(p, decl::good_faith_estimate_provider::tin, name + ".tin", "the Taxpayer Identification Number").as_string();
  if (auto c = p.find(decl::good_faith_estimate_provider::convening)) provider.convening = c->as_bool();
  if (auto c = p.find(decl::good_faith_estimate_provider::facility)) provider.facility = c->as_bool();
  if (auto c = p.find(decl::good_faith_estimate_provider::contact)) provider.contact = read_contact(*c);
  if (auto c = p.find(decl::good_faith_estimate_provider::telehealth_patient_state))
    provider.telehealth_patient_state = read_state(*c, "the USPS code of the state where the patient is located");
  const auto locations = required(p, decl::good_faith_estimate_provider::locations, name + ".locations", "where services are furnished, with the state");
  for (std::size_t j = 0; j < locations.array_size(limits::max_list); ++j) {
    const auto l = locations.at(j);
    l.expect_only(decl::good_faith_estimate_provider_location::members);
    const std::string lname = name + ".locations[" + std::to_string(j) + "]";
    provider.locations.push_back({required(l, decl::good_faith_estimate_provider_location::address, lname + ".address", "the location").as_string(),
                                  required(l, decl::good_faith_estimate_provider_location::state, lname + ".state", "the state").as_string()});
  }
  return provider;
}

// Item @p i of `items` (45 CFR 149.610(c)(1)(iii)).
GfeItem read_item(const JsonReader& it, std::size_t i) {
  it.expect_only(decl::good_faith_estimate_item::members);
  const std::string name = item_json_path(i);
  GfeItem item;
  item.provider_npi = required(it, decl::good_faith_estimate_item::provider_npi, name + ".provider_npi", "the provider furnishing it").as_string();
  item.description = required(it, decl::good_faith_estimate_item::description, name + ".description", "the item or service in clear language").as_string();
  item.code_type = required(it, decl::good_faith_estimate_item::code_type, name + ".code_type", std::string("the code type: ") + kCodeTypes).as_string();
  item.service_code = required(it, decl::good_faith_estimate_item::service_code, name + ".service_code", "the expected service code").as_string();
  const auto dx = required(it, decl::good_faith_estimate_item::diagnosis_codes, name + ".diagnosis_codes", "the diagnosis codes");
  for (std::size_t k = 0; k < dx.array_size(limits::max_list); ++k) item.diagnosis_codes.push_back(dx.at(k).as_string());
  item.quantity = static_cast<int>(required(it, decl::good_faith_estimate_item::quantity, name + ".quantity", "the number of units").as_int(1, 10000));
  item.unit_charge = required(it, decl::good_faith_estimate_item::unit_charge, name + ".unit_charge", "the expected charge per unit").as_money();
  item.expected_charge = required(it, decl::good_faith_estimate_item::expected_charge, name + ".expected_charge", "the expected charge").as_money();
  if (auto v = it.find(decl::good_faith_estimate_item::charge_note)) item.charge_note = v->as_text(512);
  if (auto v = it.find(decl::good_faith_estimate_item::dates))
    for (std::size_t k = 0; k < v->array_size(limits::max_long_list); ++k) item.dates.push_back(v->at(k).as_date());
  return item;
}

// `disclaimers`: the statements the regulation and the CMS standard form require.
void read_disclaimers(const JsonReader& in, GoodFaithEstimate& g) {
  const auto disclaimers = required(in, decl::good_faith_estimate::disclaimers, "disclaimers", "the disclaimers");
  disclaimers.expect_only(decl::good_faith_estimate_disclaimers::members);
  g.disclaimers.additional_items =
      required(disclaimers, decl::good_faith_estimate_disclaimers::additional_items, "disclaimers.additional_items", "45 CFR 149.610(c)(1)(viii)").as_string();
  g.disclaimers.estimate_only =
      required(disclaimers, decl::good_faith_estimate_disclaimers::estimate_only, "disclaimers.estimate_only", "45 CFR 149.610(c)(1)(ix)").as_string();
  g.disclaimers.dispute_rights =
      required(disclaimers, decl::good_faith_estimate_disclaimers::dispute_rights, "disclaimers.dispute_rights", "45 CFR 149.610(c)(1)(x)").as_string();
  g.disclaimers.not_a_contract =
      required(disclaimers, decl::good_faith_estimate_disclaimers::not_a_contract, "disclaimers.not_a_contract", "the CMS standard form's statement").as_string();
  g.disclaimers.dispute_process = required(disclaimers, decl::good_faith_estimate_disclaimers::dispute_process, "disclaimers.dispute_process",
                                           "the CMS standard form's \"What if I am billed more than this Good Faith "
                                           "Estimate?\"").as_string();
}

// The members iop derives and writes (each provider's subtotal and dispute threshold, the diagnoses):
// when a document gives them, they must say what its items say.
void check_derived_members(const JsonReader& in, const GoodFaithEstimate& g,
                           const std::vector<std::pair<std::optional<JsonReader>, std::optional<JsonReader>>>& stated) {
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
}

}  // namespace

GoodFaithEstimate good_faith_estimate_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::good_faith_estimate::members);
  GoodFaithEstimate g;
  read_patient_and_service(in, g);
  const auto providers = required(in, decl::good_faith_estimate::providers, "providers", "each provider or facility (45 CFR 149.610(c)(1)(v))");
  // Stated subtotals and dispute thresholds are checked against the items once they are read.
  std::vector<std::pair<std::optional<JsonReader>, std::optional<JsonReader>>> stated;
  for (std::size_t i = 0; i < providers.array_size(limits::max_list); ++i) {
    const auto p = providers.at(i);
    auto provider = read_provider(p, i);
    stated.emplace_back(p.find(decl::good_faith_estimate_provider::subtotal), p.find(decl::good_faith_estimate_provider::dispute_threshold));
    g.providers.push_back(std::move(provider));
  }
  const auto items = required(in, decl::good_faith_estimate::items, "items", "the itemized expected items and services (45 CFR 149.610(c)(1)(iii))");
  for (std::size_t i = 0; i < items.array_size(limits::max_long_list); ++i) g.items.push_back(read_item(items.at(i), i));
  const auto separate = required(in, decl::good_faith_estimate::separately_scheduled, "separately_scheduled",
                                 "the list of services to be scheduled separately, empty if none (45 CFR 149.610(c)(1))");
  for (std::size_t i = 0; i < separate.array_size(limits::max_list); ++i) g.separately_scheduled.push_back(separate.at(i).as_string());
  read_disclaimers(in, g);
  for (const auto& item : g.items) g.total += item.expected_charge;
  // A stated total must be the items' sum (validated below); a missing one is the sum.
  if (auto v = in.find(decl::good_faith_estimate::total)) g.total = v->as_money();
  g.issued_on = required(in, decl::good_faith_estimate::issued_on, "issued_on", "the date the estimate is issued").as_date();
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
  check_derived_members(in, g, stated);
  return g;
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
