#include "iop/plan/program.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "core/enum_names.hpp"
#include "core/embedded.hpp"

namespace iop {
namespace {

using nlohmann::json;
using detail::enum_name;
using detail::parse_enum;

constexpr std::array<std::pair<PayerType, std::string_view>, 4> kPayers{{
    {PayerType::commercial, "commercial"},
    {PayerType::medicare, "medicare"},
    {PayerType::medicaid, "medicaid"},
    {PayerType::self_pay, "self_pay"},
}};
constexpr std::array<std::pair<PartOfDay, std::string_view>, 3> kParts{{
    {PartOfDay::morning, "morning"}, {PartOfDay::afternoon, "afternoon"}, {PartOfDay::evening, "evening"}}};
constexpr std::array<std::pair<DeliveryKind, std::string_view>, 2> kDelivery{{
    {DeliveryKind::in_person, "in_person"}, {DeliveryKind::telehealth, "telehealth"}}};
constexpr std::array<std::pair<HolidayPreset, std::string_view>, 3> kPresets{{
    {HolidayPreset::us_federal, "us_federal"}, {HolidayPreset::private_clinic, "private_clinic"},
    {HolidayPreset::weekdays, "weekdays"}}};
constexpr std::array<std::pair<PhaseBilling, std::string_view>, 2> kPhaseBilling{{
    {PhaseBilling::per_diem, "per_diem"}, {PhaseBilling::itemized, "itemized"}}};

// USPS codes of the 50 states, DC and the inhabited territories.
constexpr std::array<std::string_view, 56> kStates{
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID", "IL", "IN", "KS",
    "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY",
    "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY"};

void require(bool ok, const std::string& field, const std::string& value, const std::string& problem,
             const std::string& allowed) {
  if (!ok) throw ValidationError(field, value, problem, allowed);
}

SessionFrequency read_frequency(const JsonReader& in) {
  in.expect_only(decl::frequency::members);
  return {static_cast<int>(in.integer(decl::frequency::sessions)), static_cast<int>(in.integer(decl::frequency::per_weeks))};
}

json frequency_json(const SessionFrequency& f) {
  return {{decl::key(decl::frequency::sessions), f.sessions}, {decl::key(decl::frequency::per_weeks), f.per_weeks}};
}

std::vector<PayerType> read_payers(const JsonReader& in, const decl::List& member) {
  std::vector<PayerType> out;
  for (std::size_t i = 0; i < in.array_size(member); ++i)
    out.push_back(parse_payer_type(in.at(i).as_string(), in.at(i).path()));
  return out;
}

std::vector<Block> read_blocks(const JsonReader& blocks, const decl::List& member) {
  std::vector<Block> out;
  for (std::size_t i = 0; i < blocks.array_size(member); ++i) {
    const auto b = blocks.at(i);
    b.expect_only(decl::program_block::members);
    const auto modality_field = b.at(decl::program_block::modality);
    const auto modality = parse_modality(modality_field.as_string(), modality_field.path());
    const int minutes = static_cast<int>(b.integer(decl::program_block::minutes));
    std::string code;
    if (auto c = b.find(decl::program_block::billing_code)) {
      code = c->as_identifier(decl::program_block::billing_code);
    } else if (modality == Modality::individual_therapy) {
      // Individual psychotherapy is coded by its length (90832/90834/90837).
      const auto by_minutes = psychotherapy_code_for_minutes(minutes);
      code = std::string(by_minutes ? *by_minutes : modality_info(modality).default_code);
    } else {
      code = std::string(modality_info(modality).default_code);
    }
    out.push_back({modality, minutes, std::move(code)});
  }
  return out;
}

json blocks_json(const std::vector<Block>& blocks) {
  json out = json::array();
  for (const auto& b : blocks)
    out.push_back({{decl::key(decl::program_block::modality), to_string(b.modality)},
                   {decl::key(decl::program_block::minutes), b.minutes},
                   {decl::key(decl::program_block::billing_code), b.billing_code}});
  return out;
}

// The day's blocks add up to the program day.
void check_blocks(const std::vector<Block>& blocks, int minutes_per_day, const std::string& field) {
  require(!blocks.empty(), field, "[]", "has no blocks", "the day's blocks");
  int total = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    require(blocks[i].minutes >= 5 && blocks[i].minutes <= 240, field + "[" + std::to_string(i) + "].minutes",
            std::to_string(blocks[i].minutes), "is not a block length", "5..240");
    total += blocks[i].minutes;
  }
  require(total == minutes_per_day, field, std::to_string(total) + " minutes", "do not add up to the program day",
          std::to_string(minutes_per_day) + " minutes (minutes_per_day)");
}

}  // namespace

std::string_view to_string(PayerType payer) noexcept { return enum_name(kPayers, payer); }
PayerType parse_payer_type(std::string_view text, std::string_view field) {
  return parse_enum(kPayers, text, field, "a payer type");
}
std::string_view to_string(PayerAcceptance acceptance) noexcept {
  switch (acceptance) {
    case PayerAcceptance::accepted: return "accepted";
    case PayerAcceptance::declined: return "declined";
    case PayerAcceptance::not_stated: return "not stated";
  }
  return "not stated";
}
std::string_view to_string(PartOfDay part) noexcept { return enum_name(kParts, part); }
PartOfDay parse_part_of_day(std::string_view text, std::string_view field) {
  return parse_enum(kParts, text, field, "a part of day");
}
std::string_view to_string(DeliveryKind kind) noexcept { return enum_name(kDelivery, kind); }
std::string_view to_string(HolidayPreset preset) noexcept { return enum_name(kPresets, preset); }
HolidayPreset parse_holiday_preset(std::string_view text, std::string_view field) {
  return parse_enum(kPresets, text, field, "a holiday calendar preset");
}
std::string_view to_string(PhaseBilling billing) noexcept { return enum_name(kPhaseBilling, billing); }
DeliveryKind parse_delivery_kind(std::string_view text, std::string_view field) {
  return parse_enum(kDelivery, text, field, "a delivery mode");
}

bool is_us_state_code(std::string_view code) noexcept {
  return std::find(kStates.begin(), kStates.end(), code) != kStates.end();
}

std::string DurationBounds::describe() const { return std::to_string(min_weeks) + ".." + std::to_string(max_weeks); }

void ProgramTemplate::validate(const std::string& path) const {
  const std::string p = path + ".";
  require(!id.empty(), p + "id", "''", "is empty", "a non-empty identifier");
  require(!name.empty(), p + "name", "''", "is empty", "a non-empty name");
  require(minutes_per_day >= 60 && minutes_per_day <= 600, p + "minutes_per_day", std::to_string(minutes_per_day),
          "is outside a day program's length", "60..600");
  require(days_per_week.min >= 1 && days_per_week.max <= 7 && days_per_week.min <= days_per_week.max,
          p + "days_per_week", std::to_string(days_per_week.min) + ".." + std::to_string(days_per_week.max),
          "is not a range of days a week", "min..max within 1..7");
  require(duration.min_weeks >= 1 && duration.max_weeks <= 52 && duration.min_weeks <= duration.max_weeks,
          p + "duration_weeks", duration.describe(), "is not a range of weeks", "min..max within 1..52");
  require(duration.default_weeks >= duration.min_weeks && duration.default_weeks <= duration.max_weeks,
          p + "duration_weeks.default", std::to_string(duration.default_weeks), "is outside the program's weeks",
          duration.describe());
  require(!tracks.empty(), p + "tracks", "[]", "has no tracks", "at least one track");
  for (std::size_t i = 0; i < tracks.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      require(tracks[i].name != tracks[j].name, p + "tracks[" + std::to_string(i) + "].name",
              iop::quoted(tracks[i].name), "repeats an earlier track's name", "unique track names");
  require(!delivery.empty(), p + "delivery", "[]", "has no delivery mode", "in_person, telehealth or both");
  for (std::size_t i = 0; i < delivery.size(); ++i) {
    const auto& mode = delivery[i];
    const std::string field = p + "delivery[" + std::to_string(i) + "]";
    if (mode.kind == DeliveryKind::in_person) {
      require(mode.site.has_value(), field + ".site", "", "is missing", "the site of an in-person program");
      require(is_us_state_code(mode.site->state), field + ".site.state", iop::quoted(mode.site->state),
              "is not a US state code", "a USPS code such as CA");
    } else {
      require(!mode.telehealth_states.empty(), field + ".states", "[]", "lists no states",
              "the states where patients may be located");
      for (std::size_t s = 0; s < mode.telehealth_states.size(); ++s)
        require(is_us_state_code(mode.telehealth_states[s]), field + ".states[" + std::to_string(s) + "]",
                iop::quoted(mode.telehealth_states[s]), "is not a US state code", "a USPS code such as CA");
    }
  }
  check_blocks(daily_blocks, minutes_per_day, p + "daily_blocks");
  int open_phases = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto& phase = phases[i];
    const std::string field = p + "phases[" + std::to_string(i) + "]";
    require(!phase.name.empty(), field + ".name", "''", "is empty", "the phase's name, e.g. assessment");
    for (std::size_t j = 0; j < i; ++j)
      require(phases[j].name != phase.name, field + ".name", iop::quoted(phase.name), "repeats an earlier phase's name",
              "unique phase names");
    if (phase.weeks) {
      require(*phase.weeks >= 1 && *phase.weeks <= 52, field + ".weeks", std::to_string(*phase.weeks),
              "is not a number of weeks", "1..52");
    } else {
      ++open_phases;
    }
    if (!phase.daily_blocks.empty()) check_blocks(phase.daily_blocks, minutes_per_day, field + ".daily_blocks");
    require(phase.billing == PhaseBilling::per_diem || !phase.daily_blocks.empty(), field + ".billing", "itemized",
            "bills blocks the phase does not list", "daily_blocks for the phase, or per_diem billing");
  }
  if (!phases.empty()) {
    require(open_phases == 1, p + "phases", std::to_string(open_phases) + " phases without weeks",
            "is not one phase taking the rest of the course",
            "exactly one phase without weeks (it takes the weeks the others leave)");
    require(fixed_phase_weeks() < duration.min_weeks, p + "phases", std::to_string(fixed_phase_weeks()) + " fixed weeks",
            "leave no week for the open phase in the shortest course",
            "fewer than " + std::to_string(duration.min_weeks) + " weeks (duration_weeks.min)");
  }
  for (auto payer : accepted_payers)
    require(std::find(declined_payers.begin(), declined_payers.end(), payer) == declined_payers.end(),
            p + "declined_payers", std::string(to_string(payer)), "is also listed as accepted",
            "a payer in one list at most");
  if (taper) {
    require(taper->days_per_week >= 1 && taper->days_per_week <= days_per_week.max, p + "taper.days_per_week",
            std::to_string(taper->days_per_week), "is not a number of days the program runs",
            "1.." + std::to_string(days_per_week.max));
    require(taper->final_weeks >= 1 && taper->final_weeks < duration.min_weeks, p + "taper.final_weeks",
            std::to_string(taper->final_weeks), "does not leave a full-intensity phase",
            "1.." + std::to_string(duration.min_weeks - 1));
  }
  if (published_monthly_cost)
    require(published_monthly_cost->low <= published_monthly_cost->high, p + "published_monthly_cost",
            published_monthly_cost->low.to_string() + ".." + published_monthly_cost->high.to_string(),
            "is not a range", "low <= high");
}

PayerAcceptance ProgramTemplate::payer_acceptance(PayerType payer) const noexcept {
  if (std::find(accepted_payers.begin(), accepted_payers.end(), payer) != accepted_payers.end())
    return PayerAcceptance::accepted;
  if (std::find(declined_payers.begin(), declined_payers.end(), payer) != declined_payers.end())
    return PayerAcceptance::declined;
  return PayerAcceptance::not_stated;
}

const Track& ProgramTemplate::track(std::string_view track_name, std::string_view field) const {
  for (const auto& t : tracks)
    if (t.name == track_name) return t;
  std::string allowed;
  for (const auto& t : tracks) allowed += (allowed.empty() ? "" : ", ") + t.name;
  throw NotFoundError(std::string(field), iop::quoted(track_name), "is not a track of " + id, allowed);
}

int ProgramTemplate::fixed_phase_weeks() const noexcept {
  int total = 0;
  for (const auto& phase : phases) total += phase.weeks.value_or(0);
  return total;
}

const ProgramPhase* ProgramTemplate::phase_of_week(int week, int course_weeks) const noexcept {
  if (phases.empty()) return nullptr;
  // The open phase takes what the fixed phases leave (never less than nothing).
  const int open_weeks = std::max(0, course_weeks - fixed_phase_weeks());
  int end = 0;
  for (const auto& phase : phases) {
    end += phase.weeks.value_or(open_weeks);
    if (week < end) return &phase;
  }
  return &phases.back();  // weeks past the planned course (an extension's added days) stay in the last phase
}

bool ProgramTemplate::offers_telehealth_in(std::string_view state) const noexcept {
  for (const auto& mode : delivery)
    if (mode.kind == DeliveryKind::telehealth &&
        std::find(mode.telehealth_states.begin(), mode.telehealth_states.end(), state) != mode.telehealth_states.end())
      return true;
  return false;
}

namespace {

// A delivery mode: in person at a site, or by telehealth to the states listed.
DeliveryMode read_delivery(const JsonReader& d) {
  d.expect_only(decl::program_delivery::members);
  const auto mode = d.at(decl::program_delivery::mode);
  DeliveryMode out{parse_delivery_kind(mode.as_string(), mode.path()), std::nullopt, {}};
  if (auto s = d.find(decl::program_delivery::site)) {
    s->expect_only(decl::program_site::members);
    out.site = Site{s->identifier(decl::program_site::name), s->text(decl::program_site::city), s->at(decl::program_site::state).as_string()};
  }
  if (auto s = d.find(decl::program_delivery::states))
    for (std::size_t k = 0; k < s->array_size(decl::program_delivery::states); ++k) out.telehealth_states.push_back(s->at(k).as_string());
  return out;
}

// A phase of the course: its name, weeks, own daily blocks and billing.
ProgramPhase read_phase(const JsonReader& ph) {
  ph.expect_only(decl::program_phase::members);
  ProgramPhase phase;
  phase.name = ph.identifier(decl::program_phase::name);
  if (auto d = ph.find(decl::program_phase::description)) phase.description = d->as_text(decl::program_phase::description);
  if (auto w = ph.find(decl::program_phase::weeks)) phase.weeks = static_cast<int>(w->as_int(decl::program_phase::weeks));
  if (auto b = ph.find(decl::program_phase::daily_blocks)) phase.daily_blocks = read_blocks(*b, decl::program_phase::daily_blocks);
  if (auto b = ph.find(decl::program_phase::billing)) phase.billing = parse_enum(kPhaseBilling, b->as_string(), b->path(), "a phase billing");
  return phase;
}

}  // namespace

ProgramTemplate program_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::program::members);
  ProgramTemplate p;
  p.id = in.identifier(decl::program::id);
  p.name = in.identifier(decl::program::name);
  if (auto v = in.find(decl::program::description)) p.description = v->as_text(decl::program::description);
  if (auto v = in.find(decl::program::source)) p.source = v->as_text(decl::program::source);
  const auto level = in.at(decl::program::level_of_care);
  p.level_of_care = parse_level_of_care(level.as_string(), level.path());
  const auto age = in.at(decl::program::age_group);
  p.age_group = parse_age_group(age.as_string(), age.path());
  if (auto v = in.find(decl::program::condition_groups))
    for (std::size_t i = 0; i < v->array_size(decl::program::condition_groups); ++i)
      p.condition_groups.push_back(parse_condition_group(v->at(i).as_string(), v->at(i).path()));
  if (auto v = in.find(decl::program::conditions))
    for (std::size_t i = 0; i < v->array_size(decl::program::conditions); ++i)
      p.conditions.push_back(IcdCode::parse(v->at(i).as_string(), v->at(i).path()));
  p.minutes_per_day = static_cast<int>(in.integer(decl::program::minutes_per_day));
  const auto days = in.at(decl::program::days_per_week);
  days.expect_only(decl::days_per_week_range::members);
  p.days_per_week = {static_cast<int>(days.integer(decl::days_per_week_range::min)), static_cast<int>(days.integer(decl::days_per_week_range::max))};
  const auto weeks = in.at(decl::program::duration_weeks);
  weeks.expect_only(decl::duration_weeks::members);
  p.duration = {static_cast<int>(weeks.integer(decl::duration_weeks::min)), static_cast<int>(weeks.integer(decl::duration_weeks::max)),
                static_cast<int>(weeks.integer(decl::duration_weeks::default_))};
  const auto tracks = in.at(decl::program::tracks);
  for (std::size_t i = 0; i < tracks.array_size(decl::program::tracks); ++i) {
    const auto t = tracks.at(i);
    t.expect_only(decl::program_track::members);
    const auto part = t.at(decl::program_track::part_of_day);
    const auto start = t.at(decl::program_track::start);
    p.tracks.push_back({t.identifier(decl::program_track::name), parse_part_of_day(part.as_string(), part.path()),
                        TimeOfDay::parse(start.as_string(), start.path()), t.at(decl::program_track::zone).as_time_zone()});
  }
  const auto delivery = in.at(decl::program::delivery);
  for (std::size_t i = 0; i < delivery.array_size(decl::program::delivery); ++i) p.delivery.push_back(read_delivery(delivery.at(i)));
  p.daily_blocks = read_blocks(in.at(decl::program::daily_blocks), decl::program::daily_blocks);
  if (auto v = in.find(decl::program::individual_therapy)) p.individual_therapy = read_frequency(*v);
  if (auto v = in.find(decl::program::medication_management)) p.medication_management = read_frequency(*v);
  if (auto v = in.find(decl::program::accepted_payers)) p.accepted_payers = read_payers(*v, decl::program::accepted_payers);
  if (auto v = in.find(decl::program::declined_payers)) p.declined_payers = read_payers(*v, decl::program::declined_payers);
  if (auto v = in.find(decl::program::taper)) {
    v->expect_only(decl::program_taper::members);
    p.taper = TaperRule{static_cast<int>(v->integer(decl::program_taper::final_weeks)),
                        static_cast<int>(v->integer(decl::program_taper::days_per_week))};
  }
  if (auto v = in.find(decl::program::published_monthly_cost)) {
    v->expect_only(decl::published_monthly_cost::members);
    const Money most = Money::from_cents(limits::max_amount_cents);
    p.published_monthly_cost = MoneyRange{v->at(decl::published_monthly_cost::low).as_money(Money(), most), v->at(decl::published_monthly_cost::high).as_money(Money(), most)};
  }
  if (auto v = in.find(decl::program::default_per_diem)) {
    p.default_per_diem = v->as_money(Money(), Money::from_cents(limits::max_amount_cents));
    if (*p.default_per_diem <= Money())
      throw ValidationError(v->path(), p.default_per_diem->to_string(), "is not a price", "an amount above $0.00");
  }
  if (auto v = in.find(decl::program::phases))
    for (std::size_t i = 0; i < v->array_size(decl::program::phases); ++i) p.phases.push_back(read_phase(v->at(i)));
  if (auto v = in.find(decl::program::holidays)) p.holidays = parse_holiday_preset(v->as_string(), v->path());
  if (auto v = in.find(decl::program::provenance))
    for (std::size_t i = 0; i < v->array_size(decl::program::provenance); ++i) p.provenance.push_back(v->at(i).as_text(decl::program::provenance_item));
  p.validate(in.path());
  return p;
}

json to_json(const ProgramTemplate& p) {
  // Every member named through its declaration (declarations/program.py), as the reader names it.
  namespace P = decl::program;
  using decl::key;
  json j{{key(P::id), p.id},
         {key(P::name), p.name},
         {key(P::description), p.description},
         {key(P::source), p.source},
         {key(P::level_of_care), to_string(p.level_of_care)},
         {key(P::age_group), to_string(p.age_group)},
         {key(P::minutes_per_day), p.minutes_per_day},
         {key(P::days_per_week),
          {{key(decl::days_per_week_range::min), p.days_per_week.min},
           {key(decl::days_per_week_range::max), p.days_per_week.max}}},
         {key(P::duration_weeks),
          {{key(decl::duration_weeks::min), p.duration.min_weeks},
           {key(decl::duration_weeks::max), p.duration.max_weeks},
           {key(decl::duration_weeks::default_), p.duration.default_weeks}}}};
  json groups = json::array();
  for (auto g : p.condition_groups) groups.push_back(to_string(g));
  j[key(P::condition_groups)] = std::move(groups);
  json conditions = json::array();
  for (const auto& c : p.conditions) conditions.push_back(c.str());
  j[key(P::conditions)] = std::move(conditions);
  namespace TR = decl::program_track;
  json tracks = json::array();
  for (const auto& t : p.tracks)
    tracks.push_back({{key(TR::name), t.name},
                      {key(TR::part_of_day), to_string(t.part_of_day)},
                      {key(TR::start), t.start.to_string()},
                      {key(TR::zone), std::string(t.zone.name())}});
  j[key(P::tracks)] = std::move(tracks);
  namespace D = decl::program_delivery;
  namespace S = decl::program_site;
  json delivery = json::array();
  for (const auto& d : p.delivery) {
    json mode{{key(D::mode), to_string(d.kind)}};
    if (d.site) mode[key(D::site)] = {{key(S::name), d.site->name}, {key(S::city), d.site->city}, {key(S::state), d.site->state}};
    if (!d.telehealth_states.empty()) mode[key(D::states)] = d.telehealth_states;
    delivery.push_back(std::move(mode));
  }
  j[key(P::delivery)] = std::move(delivery);
  j[key(P::daily_blocks)] = blocks_json(p.daily_blocks);
  if (p.individual_therapy) j[key(P::individual_therapy)] = frequency_json(*p.individual_therapy);
  if (p.medication_management) j[key(P::medication_management)] = frequency_json(*p.medication_management);
  json accepted = json::array();
  for (auto payer : p.accepted_payers) accepted.push_back(to_string(payer));
  j[key(P::accepted_payers)] = std::move(accepted);
  json declined = json::array();
  for (auto payer : p.declined_payers) declined.push_back(to_string(payer));
  j[key(P::declined_payers)] = std::move(declined);
  if (p.taper)
    j[key(P::taper)] = {{key(decl::program_taper::final_weeks), p.taper->final_weeks},
                        {key(decl::program_taper::days_per_week), p.taper->days_per_week}};
  if (p.published_monthly_cost)
    j[key(P::published_monthly_cost)] = {{key(decl::published_monthly_cost::low), p.published_monthly_cost->low},
                                         {key(decl::published_monthly_cost::high), p.published_monthly_cost->high}};
  if (p.default_per_diem) j[key(P::default_per_diem)] = *p.default_per_diem;
  if (!p.phases.empty()) {
    namespace PH = decl::program_phase;
    json phases = json::array();
    for (const auto& phase : p.phases) {
      json ph{{key(PH::name), phase.name}, {key(PH::description), phase.description}, {key(PH::billing), to_string(phase.billing)}};
      if (phase.weeks) ph[key(PH::weeks)] = *phase.weeks;
      if (!phase.daily_blocks.empty()) ph[key(PH::daily_blocks)] = blocks_json(phase.daily_blocks);
      phases.push_back(std::move(ph));
    }
    j[key(P::phases)] = std::move(phases);
  }
  if (p.holidays) j[key(P::holidays)] = to_string(*p.holidays);
  j[key(P::provenance)] = p.provenance;
  return j;
}

const std::vector<ProgramTemplate>& program_catalog() {
  // Read once from the shipped catalog (thread-safe static initialisation), then only read.
  static const std::vector<ProgramTemplate> catalog = [] {
    const auto document = parse_json(detail::program_catalog_json(), "data/programs.json");
    const JsonReader root(document, "catalog");
    root.expect_only({"programs"});
    const auto programs = root.at("programs");
    std::vector<ProgramTemplate> out;
    for (std::size_t i = 0; i < programs.array_size(); ++i)
      out.push_back(program_from_json(programs.at(i).json(), programs.at(i).path()));
    return out;
  }();
  return catalog;
}

const ProgramTemplate& find_program(std::string_view id, std::string_view field) {
  for (const auto& p : program_catalog())
    if (p.id == id) return p;
  std::string allowed;
  for (const auto& p : program_catalog()) allowed += (allowed.empty() ? "" : ", ") + p.id;
  throw NotFoundError(std::string(field), iop::quoted(id), "is not a program in iop's catalog", allowed);
}

}  // namespace iop
