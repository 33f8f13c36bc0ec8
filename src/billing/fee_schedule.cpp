#include "iop/billing/fee_schedule.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "core/concat.hpp"
#include "core/embedded.hpp"
#include "core/enum_names.hpp"
#include "core/evidence.hpp"

namespace iop {
namespace {

using nlohmann::json;

constexpr detail::EnumNames<FeeBasis, 3> kBases{{
    {FeeBasis::per_diem, "per_diem"}, {FeeBasis::itemized, "itemized"}, {FeeBasis::medicare_iop, "medicare_iop"}}};
constexpr detail::EnumNames<MedicareSetting, 3> kSettings{{{MedicareSetting::hospital, "hospital"},
                                                           {MedicareSetting::cmhc, "cmhc"},
                                                           {MedicareSetting::off_campus_non_excepted, "off_campus_non_excepted"}}};

struct SettingRow {
  MedicareSetting setting;
  MedicareSetting paid_as;
  std::string description;
  detail::Evidence evidence;
};

struct MedicareTable {
  std::vector<SettingRow> settings;
  std::vector<MedicareIopRate> rates;
};

const MedicareTable& medicare_table() {
  // Read once from the shipped table (thread-safe static initialisation), then only read.
  static const MedicareTable table = [] {
    const auto document = parse_json(detail::medicare_iop_rates_json(), "data/medicare-iop-rates.json");
    const JsonReader root(document, "medicare_rates");
    root.expect_only({"description", "settings", "rates"});
    MedicareTable out;
    const auto settings = root.at("settings");
    for (std::size_t i = 0; i < settings.array_size(); ++i) {
      const auto r = settings.at(i);
      r.expect_only({"id", "paid_as", "description", "evidence"});
      const auto id = r.at("id");
      const auto paid_as = r.at("paid_as");
      out.settings.push_back({detail::parse_enum(kSettings, id.as_string(), id.path(), "a Medicare setting"),
                              detail::parse_enum(kSettings, paid_as.as_string(), paid_as.path(), "a Medicare setting"),
                              r.at("description").as_text(), detail::read_evidence(r)});
    }
    const auto rates = root.at("rates");
    for (std::size_t i = 0; i < rates.array_size(); ++i) {
      const auto r = rates.at(i);
      r.expect_only({"year", "setting", "band", "apc", "rate", "evidence"});
      const auto setting = r.at("setting");
      const auto band = r.at("band").as_string();
      if (band != "3" && band != "4+") throw ValidationError(r.path() + ".band", iop::quoted(band), "is not a band", "3, 4+");
      const auto evidence = detail::read_evidence(r);
      MedicareIopRate rate{static_cast<int>(r.at("year").as_int(2024, 2100)),
                           detail::parse_enum(kSettings, setting.as_string(), setting.path(), "a Medicare setting"),
                           band == "4+", r.at("apc").as_string(), std::nullopt,
                           std::string(detail::to_string(evidence.status)), evidence.describe()};
      if (auto v = r.find("rate")) rate.rate = v->as_money();
      if (rate.rate.has_value() == (evidence.status == detail::FigureStatus::unconfirmed))
        throw ValidationError(r.path() + ".rate", rate.status, "does not match the figure's status",
                              "a rate exactly when the status is confirmed or secondary");
      out.rates.push_back(std::move(rate));
    }
    return out;
  }();
  return table;
}

const SettingRow& setting_row(MedicareSetting setting) {
  for (const auto& s : medicare_table().settings)
    if (s.setting == setting) return s;
  throw NotFoundError("fee_schedule.medicare.setting", std::string(detail::enum_name(kSettings, setting)),
                      "has no row in data/medicare-iop-rates.json", "hospital, cmhc, off_campus_non_excepted");
}

std::string setting_name(MedicareSetting s) { return std::string(detail::enum_name(kSettings, s)); }

}  // namespace

std::string_view to_string(FeeBasis basis) noexcept { return detail::enum_name(kBases, basis); }

std::string_view to_string(MedicareSetting setting) noexcept { return detail::enum_name(kSettings, setting); }

const std::vector<MedicareIopRate>& medicare_iop_rates() { return medicare_table().rates; }

std::string medicare_setting_basis(MedicareSetting setting) {
  const auto& row = setting_row(setting);
  return row.description + " (" + row.evidence.describe() + ")";
}

const MedicareIopRate& medicare_iop_rate(int year, MedicareSetting setting, bool four_or_more) {
  const MedicareSetting paid_as = setting_row(setting).paid_as;
  const std::string cell = "CY" + std::to_string(year) + " " + setting_name(setting) + ", " +
                           (four_or_more ? "4 or more services" : "3 services");
  for (const auto& r : medicare_iop_rates()) {
    if (r.year != year || r.setting != paid_as || r.four_or_more != four_or_more) continue;
    if (!r.rate)
      throw ValidationError("fee_schedule.medicare", cell, "has no confirmed Medicare IOP rate in iop's table",
                            "a confirmed cell, or an explicit per-diem schedule; APC " + r.apc + " is " + r.source);
    return r;
  }
  std::string years;
  for (const auto& r : medicare_iop_rates())
    if (years.find(std::to_string(r.year)) == std::string::npos) years += (years.empty() ? "" : ", ") + std::to_string(r.year);
  throw NotFoundError("fee_schedule.medicare", cell, "is not in iop's Medicare IOP rate table",
                      "calendar years " + years + " (data/medicare-iop-rates.json), hospital, cmhc or "
                      "off_campus_non_excepted, 3 or 4+ services");
}

FeeSchedule FeeSchedule::per_diem_schedule(std::string id, Money per_diem) {
  FeeSchedule f;
  f.id = std::move(id);
  f.basis = FeeBasis::per_diem;
  f.per_diem = per_diem;
  f.validate();
  return f;
}

FeeSchedule FeeSchedule::itemized_schedule(std::string id, std::map<std::string, Money> prices) {
  FeeSchedule f;
  f.id = std::move(id);
  f.basis = FeeBasis::itemized;
  f.prices = std::move(prices);
  f.validate();
  return f;
}

FeeSchedule FeeSchedule::medicare(int year, MedicareSetting setting) {
  FeeSchedule f;
  f.id = "medicare-iop-" + std::to_string(year) + "-" + setting_name(setting);
  f.basis = FeeBasis::medicare_iop;
  f.medicare_year = year;
  f.medicare_setting = setting;
  f.source = "data/medicare-iop-rates.json";
  return f;
}

void FeeSchedule::validate(const std::string& path) const {
  const auto field = [&](std::string_view name) { return path.empty() ? std::string(name) : path + "." + std::string(name); };
  const auto most = Money::from_cents(limits::max_amount_cents);
  if (id.empty()) throw ValidationError(field("id"), "''", "is empty", "an identifier");
  if (basis == FeeBasis::per_diem && per_diem <= Money())
    throw ValidationError(field("per_diem"), per_diem.to_string(), "is not a price", "an amount above $0.00");
  if (per_diem < Money() || per_diem > most)
    throw ValidationError(field("per_diem"), per_diem.to_string(), "is outside the prices iop takes", "$0.00.." + most.to_string());
  if (basis == FeeBasis::itemized && prices.empty())
    throw ValidationError(field("prices"), "{}", "has no prices", "a price for each code billed");
  for (const auto& [code, price] : prices)
    if (price < Money() || price > most)
      throw ValidationError(field("prices." + code), price.to_string(), price < Money() ? "is negative" : "is above the largest price iop takes",
                            "$0.00.." + most.to_string());
}

bool is_charged(const Session& s, ChargeBasis basis, std::optional<Date> as_of) {
  if (s.status == AttendanceStatus::cancelled_by_clinic) return false;
  if (basis == ChargeBasis::scheduled) return true;
  if (as_of && s.date >= *as_of) return s.status != AttendanceStatus::missed;  // still to come: as scheduled
  return counts_as_attended(s.status);
}

namespace {

// A program day under Medicare's IOP per diems: the per diem of 3 or of 4+ services that day (none below 3), with
// the setting it is paid as and the rate's source named on the line.
ChargeLine medicare_iop_line(const Session& s, const FeeSchedule& fees, int day_services, const std::string& phase_text) {
  if (day_services < 3)
    return {s.date, s.uid, s.kind, "IOP", fees.revenue_code, 1, day_services, Money(),
            "fewer than 3 IOP services that day: no IOP per diem (Medicare pays days of 3 or 4+ services)"};
  const auto& rate = medicare_iop_rate(fees.medicare_year, fees.medicare_setting, day_services >= 4);
  const std::string paid_as = fees.medicare_setting == rate.setting
                                  ? setting_name(rate.setting)
                                  : setting_name(fees.medicare_setting) + ", paid the " + setting_name(rate.setting) +
                                        " per diem (" + medicare_setting_basis(fees.medicare_setting) + ")";
  return {s.date, s.uid, s.kind, "APC " + rate.apc, fees.revenue_code, 1, day_services, *rate.rate,
          "Medicare CY" + std::to_string(rate.year) + " IOP per diem APC " + rate.apc + " " + rate.rate->to_string() +
              ", " + paid_as + ", " + (rate.four_or_more ? "4 or more" : "3") +
              " services, national before wage adjustment" + phase_text + " (" + rate.source + ")"};
}

}  // namespace

std::vector<ChargeLine> charges_for(const SessionCalendar& calendar, const FeeSchedule& fees, ChargeBasis basis,
                                    bool primary_substance_use, std::optional<Date> as_of) {
  fees.validate();
  auto counts = [&](const Session& s) { return is_charged(s, basis, as_of); };
  // Services a day: blocks of the program day plus the separate sessions.
  std::map<Date, int> services;
  for (const auto& s : calendar.sessions)
    if (counts(s)) services[s.date] += s.kind == SessionKind::program_day ? static_cast<int>(s.blocks.size()) : 1;

  std::vector<ChargeLine> lines;
  const std::string per_diem_code = primary_substance_use ? "H0015" : "S9480";
  for (const auto& s : calendar.sessions) {
    if (!counts(s)) continue;
    const int day_services = services[s.date];
    auto price_of = [&](const std::string& code, const std::string& what) -> Money {
      const auto it = fees.prices.find(code);
      if (it == fees.prices.end())
        throw ValidationError("fee_schedule.prices", code, "has no price in " + fees.id, "a price for " + what);
      return it->second;
    };
    const std::string phase_text = s.phase.empty() ? "" : " (" + s.phase + " phase)";
    // A program day billed by its blocks: group psychotherapy once a day whatever the number of group blocks.
    auto bill_blocks = [&](const std::string& why) {
      std::map<std::string, int> codes;
      for (const auto& b : s.blocks) ++codes[b.billing_code];
      for (const auto& [code, count] : codes) {
        const bool once_a_day = code == "90853";
        const int units = once_a_day ? 1 : count;
        lines.push_back({s.date, s.uid, s.kind, code, "", units, day_services, price_of(code, "a block") * units,
                         code + " x" + std::to_string(units) +
                             (once_a_day && count > 1 ? " (group psychotherapy once a day)" : "") + " at " +
                             price_of(code, "a block").to_string() + why + " (" + fees.id + ")"});
      }
    };
    switch (fees.basis) {
      case FeeBasis::per_diem:
        if (s.kind == SessionKind::program_day && s.bill_blocks) {
          bill_blocks(phase_text + ": the phase is billed by its blocks, not the per diem");
        } else if (s.kind == SessionKind::program_day) {
          lines.push_back({s.date, s.uid, s.kind, per_diem_code, fees.revenue_code, 1, day_services, fees.per_diem,
                           detail::concat("per diem ", per_diem_code, " for a program day", phase_text, " (", fees.id, ")")});
        } else if (const auto it = fees.prices.find(s.blocks.front().billing_code); it != fees.prices.end()) {
          lines.push_back({s.date, s.uid, s.kind, it->first, "", 1, day_services, it->second,
                           detail::concat(to_string(s.kind), " ", it->first, " priced separately (", fees.id, ")")});
        } else {
          lines.push_back({s.date, s.uid, s.kind, s.blocks.front().billing_code, "", 1, day_services, Money(),
                           detail::concat(to_string(s.kind), " included in the per diem (", fees.id, " lists no price for ",
                                          s.blocks.front().billing_code, ")")});
        }
        break;
      case FeeBasis::itemized:
        if (s.kind == SessionKind::program_day) {
          bill_blocks(phase_text);
        } else {
          const auto& code = s.blocks.front().billing_code;
          lines.push_back({s.date, s.uid, s.kind, code, "", 1, day_services, price_of(code, "a session"),
                           code + " at " + price_of(code, "a session").to_string() + " (" + fees.id + ")"});
        }
        break;
      case FeeBasis::medicare_iop:
        // The day's per diem covers every service that day: only the program day has a line.
        if (s.kind == SessionKind::program_day) lines.push_back(medicare_iop_line(s, fees, day_services, phase_text));
        break;
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const ChargeLine& a, const ChargeLine& b) { return a.date < b.date; });
  return lines;
}

FeeSchedule fee_schedule_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::fee_schedule::members);
  FeeSchedule f;
  f.id = in.identifier(decl::fee_schedule::id);
  const auto basis = in.at(decl::fee_schedule::basis);
  f.basis = detail::parse_enum(kBases, basis.as_string(), basis.path(), "a fee basis");
  if (auto v = in.find(decl::fee_schedule::per_diem)) f.per_diem = v->as_money();
  if (auto v = in.find(decl::fee_schedule::prices)) {
    if (!v->json().is_object()) throw ValidationError(v->path(), "", "is a JSON " + std::string(v->json().type_name()), "{\"code\": \"price\"}");
    if (v->json().size() > limits::max_long_list)
      throw ValidationError(v->path(), "", "has too many members", "at most " + std::to_string(limits::max_long_list));
    for (const auto& item : v->json().items()) f.prices[item.key()] = v->at(item.key()).as_money();
  }
  if (auto v = in.find(decl::fee_schedule::revenue_code)) f.revenue_code = v->as_identifier(decl::fee_schedule::revenue_code);
  if (auto v = in.find(decl::fee_schedule::medicare)) {
    v->expect_only(decl::medicare_iop_rate::members);
    f.medicare_year = static_cast<int>(v->integer(decl::medicare_iop_rate::year));
    const auto setting = v->at(decl::medicare_iop_rate::setting);
    f.medicare_setting = detail::parse_enum(kSettings, setting.as_string(), setting.path(), "a Medicare setting");
  }
  if (auto v = in.find(decl::fee_schedule::source)) f.source = v->as_text(decl::fee_schedule::source);
  f.validate(in.path());
  return f;
}

json to_json(const FeeSchedule& f) {
  // Every member named through its declaration (declarations/fee_schedule.py), as the reader names it.
  namespace F = decl::fee_schedule;
  namespace M = decl::medicare_iop_rate;
  using decl::key;
  json prices = json::object();
  for (const auto& [code, price] : f.prices) prices[code] = price;
  json j{{key(F::id), f.id}, {key(F::basis), to_string(f.basis)}, {key(F::per_diem), f.per_diem}, {key(F::prices), prices},
         {key(F::revenue_code), f.revenue_code}, {key(F::source), f.source}};
  if (f.basis == FeeBasis::medicare_iop)
    j[key(F::medicare)] = {{key(M::year), f.medicare_year}, {key(M::setting), setting_name(f.medicare_setting)}};
  return j;
}

}  // namespace iop
