// The 271 reader. Segment layouts, loops and code lists follow the 271 guide (005010X279A1): header
// BHT; 2000A HL*20 / 2100A NM1*PR; 2000B HL*21 / 2100B NM1*1P; 2000C HL*22 (2000D HL*23) / 2100C
// (2100D) NM1*IL, REF, N3, N4, AAA, PRV, DMG, INS, HI, DTP, MPI; 2110C (2110D) EB, HSD, REF, DTP,
// AAA, MSG, 2115 III, LS, 2120 NM1 ..., LE. The code lists of EB01, EB02, EB03, EB04, EB06 and EB09
// are the guide's, as linuxforhealth-x12's models (v5010 EbSegment) transcribe them, with A8 (psychiatric -
// outpatient), which that transcription leaves out.

#include "iop/io/x12/benefits.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"

namespace iop::x12 {
namespace {

constexpr std::string_view kServiceTypes[] = {
    "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
    "20", "21", "22", "23", "24", "25", "26", "27", "28", "30", "32", "33", "34", "35", "36", "37", "38", "39", "40",
    "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59",
    "60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78",
    "79", "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "96", "97", "98",
    "99", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ",
    "AK", "AL", "AM", "AN", "AO", "AQ", "AR", "B1", "B2", "B3", "BA", "BB", "BC", "BD", "BE", "BF", "BG", "BH", "BI",
    "BJ", "BK", "BL", "BM", "BN", "BP", "BQ", "BR", "BS", "BT", "BU", "BV", "BW", "BX", "BY", "BZ", "C1", "CA", "CB",
    "CC", "CD", "CE", "CF", "CG", "CH", "C2", "CK", "CL", "CM", "CN", "CO", "CP", "CQ", "DG", "DM", "DS", "GF", "GN",
    "GY", "IC", "MH", "NI", "ON", "PT", "PU", "RN", "RT", "TC", "TN", "UC"};

// The service types of an IOP's benefits: mental health and substance use, outpatient.
constexpr std::string_view kIopServiceTypes[] = {"MH", "A4", "A6", "A8", "AI", "AJ", "AK", "CF", "CH"};

// The code lists as sorted numbers (segment_tag packs a code's two characters): a lookup is a
// binary search on integers, not a string comparison per code.
template <std::size_t N>
constexpr std::array<std::uint32_t, N> sorted_tags(const std::string_view (&codes)[N]) {
  std::array<std::uint32_t, N> tags{};
  for (std::size_t i = 0; i < N; ++i) tags[i] = segment_tag(codes[i]);
  std::sort(tags.begin(), tags.end());
  return tags;
}
constexpr auto kServiceTypeTags = sorted_tags(kServiceTypes);
constexpr auto kIopServiceTypeTags = sorted_tags(kIopServiceTypes);

bool is_service_type(std::string_view type) {
  return type.size() <= 2 && std::binary_search(kServiceTypeTags.begin(), kServiceTypeTags.end(), segment_tag(type));
}

bool is_iop_type(std::string_view type) {
  return type.size() <= 2 &&
         std::binary_search(kIopServiceTypeTags.begin(), kIopServiceTypeTags.end(), segment_tag(type));
}

// One figure an EB segment states: which figure, for whom, in which network, over which period.
enum class Figure { deductible, oop, coinsurance, copay, visits };
enum class Period { total, remaining, met };

struct Stated {
  Figure figure;
  bool family;
  char network;  // Y, N, W
  Period period;
  bool plan_level;  // from service type 30, not an IOP type
  Money amount;
  Rate rate;
  int quantity = 0;
  std::string time_period;
  std::size_t position;
};

std::string figure_name(Figure f, bool family, char network, Period p) {
  std::string name;
  switch (f) {
    case Figure::deductible: name = family ? "family deductible" : "individual deductible"; break;
    case Figure::oop: name = family ? "family out-of-pocket maximum" : "individual out-of-pocket maximum"; break;
    case Figure::coinsurance: name = "coinsurance"; break;
    case Figure::copay: name = "copay"; break;
    case Figure::visits: name = "visit limit"; break;
  }
  if (p == Period::remaining) name += " remaining";
  if (p == Period::met) name += " met (year to date)";
  return name + (network == 'N' ? " (out of network)" : network == 'Y' ? " (in network)" : " (either network)");
}

std::string value_text(const Stated& s) {
  if (s.figure == Figure::coinsurance) return s.rate.to_string();
  if (s.figure == Figure::visits) return std::to_string(s.quantity);
  return s.amount.to_string();
}

bool same_value(const Stated& a, const Stated& b) {
  return a.amount == b.amount && a.rate == b.rate && a.quantity == b.quantity;
}

// One person's loops as they are read.
struct Person {
  Benefits benefits;
  std::vector<Stated> stated;
  bool eb_is_iop = false;
  bool has_dependents = false;  // HL04 1 on a subscriber: the patient is a dependent below it
  bool has_benefits = false;  // the current 2110 loop's EB is of an IOP service type
};

struct Reader271 {
  InterchangeReader& in;
  std::vector<Benefits> out;
  Date response_date;
  std::string payer_name;
  std::string payer_id;
  std::optional<Person> person;
  int loop = 0;  // 0 header, 20, 21, 22/23 (person), 110 (2110 benefit loop)
  int last_rank = 0;
  std::string last_hl_level;
  std::vector<Stated> spare_stated;  // the last person's statements' memory, for the next person

  void finish_person() {
    if (!person) return;
    if (!person->has_dependents || person->has_benefits) {
      settle(*person);
      out.push_back(std::move(person->benefits));
    }
    spare_stated = std::move(person->stated);
    spare_stated.clear();
    person.reset();
  }

  static int rank_of(int loop_id, std::uint32_t tag) {
    auto rank = [&](std::initializer_list<std::string_view> order) {
      int place = 1;
      for (const auto o : order) {
        if (segment_tag(o) == tag) return place;
        ++place;
      }
      return 0;
    };
    switch (loop_id) {
      case 0: return rank({"BHT"});
      case 20: return rank({"HL", "AAA", "NM1", "PER"});
      case 21: return rank({"HL", "NM1", "REF", "N3", "N4", "AAA", "PRV"});
      case 22: return rank({"HL", "TRN", "NM1", "REF", "N3", "N4", "AAA", "PRV", "DMG", "INS", "HI", "DTP", "MPI"});
      default: return rank({"EB", "HSD", "REF", "DTP", "AAA", "MSG", "III", "LS", "NM1", "N3", "N4", "PER", "PRV", "LE"});
    }
  }

  void place(const Segment& s) {
    const auto tag = s.tag();
    if (tag == segment_tag("HL")) {
      const auto level = s.code(3, {"20", "21", "22", "23"});
      const bool in_order = (level == "20" && loop == 0 && last_rank == 1) ||
                            (level == "21" && loop == 20) ||
                            (level == "22" && (loop == 21 || loop == 22 || loop == 110)) ||
                            (level == "23" && (loop == 22 || loop == 110));
      if (!in_order)
        s.fail(3, level, "is out of order",
               "the guide's hierarchy: HL 20 (payer), 21 (receiver), 22 (subscriber), 23 (dependent)");
      finish_person();
      loop = level == "20" ? 20 : level == "21" ? 21 : 22;
      last_rank = 1;
      if (loop == 22) {
        person.emplace(Person{});
        person->stated = std::move(spare_stated);
        person->has_dependents = s.element(4) == "1";
      }
      return;
    }
    if (tag == segment_tag("EB") && (loop == 22 || loop == 110)) {
      loop = 110;
      last_rank = 1;
      return;
    }
    const int rank = rank_of(loop, tag);
    if (rank == 0 || rank < last_rank || (rank == 1 && loop != 0) || (loop == 0 && last_rank == 1 && tag == segment_tag("BHT")))
      s.fail(0, "", "is out of order", "the guide's order of the 271's loops (BHT, HL 20, 21, 22, 23, EB, ...)");
    last_rank = rank;
  }

  void read_eb(const Segment& s) {
    auto& p = *person;
    p.has_benefits = true;
    const auto kind = s.code(1, {"1", "2", "3", "4", "5", "6", "7", "8", "A", "B", "C", "CB", "D", "E", "F", "G", "H",
                                 "I", "J", "K", "L", "M", "MC", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y"});
    if (s.has(2)) s.code(2, {"CHD", "DEP", "ECH", "EMP", "ESP", "FAM", "IND", "SPC", "SPO"});
    const auto types = service_types_of(s);
    if (s.has(4))
      s.code(4, {"12", "13", "14", "15", "16", "41", "42", "43", "47", "AP", "C1", "CO", "CP", "D",  "DB",
                 "EP", "FF", "GP", "HM", "HN", "HS", "IN", "IP", "LC", "LD", "LI", "LT", "MA", "MB", "MC",
                 "MH", "MI", "MP", "OT", "PE", "PL", "PP", "PR", "POS", "QM", "RP", "SP", "TF", "WC", "WU"});
    if (s.has(5)) (void)s.text(5, 50);
    const std::string_view period = s.has(6) ? s.code(6, {"6", "7", "13", "21", "22", "23", "24", "25", "26", "27", "28",
                                                         "29", "30", "31", "32", "33", "34", "35", "36"})
                                             : std::string_view{};
    if (s.has(9))
      s.code(9, {"8H", "99", "CA", "CE", "D3", "D8", "DY", "HS", "LA", "LE", "M2", "MN", "P6", "QA", "S7", "S8", "VS", "YY"});
    if (s.has(11)) s.code(11, {"N", "U", "Y"});
    const char network = s.has(12) ? s.code(12, {"N", "U", "W", "Y"})[0] : 'W';
    const bool iop = std::any_of(types.begin(), types.end(), is_iop_type);
    const bool plan = types.empty() || std::find(types.begin(), types.end(), "30") != types.end();
    p.eb_is_iop = iop;
    if (!iop && !plan) return;
    if (iop)
      for (auto t : types)
        if (is_iop_type(t) && std::find(p.benefits.service_types.begin(), p.benefits.service_types.end(), t) ==
                                  p.benefits.service_types.end())
          p.benefits.service_types.emplace_back(t);
    if (kind.size() == 1 && kind[0] >= '1' && kind[0] <= '8' && plan) {
      p.benefits.active = kind[0] <= '5';
      if (s.has(4)) p.benefits.insurance_type = std::string(s.element(4));
      if (s.has(5)) p.benefits.plan_name = std::string(s.element(5));
    }
    if (iop && s.element(11) == "Y") p.benefits.prior_authorization = true;
    if (iop && s.element(11) == "N" && !p.benefits.prior_authorization) p.benefits.prior_authorization = false;
    if (network == 'U') {
      p.benefits.notes.push_back("271 segment " + std::to_string(s.position()) +
                                 " EB12: the network is unknown (U); its figures are not used");
      return;
    }
    Stated st{Figure::deductible, s.element(2) == "FAM", network, Period::total, !iop, Money(), Rate(), 0,
              std::string(period), s.position()};
    if (period == "29" || period == "33") st.period = Period::remaining;
    if (period == "24") st.period = Period::met;
    if (s.has(2) && s.element(2) != "IND" && s.element(2) != "FAM") return;  // other levels: not an IOP patient's figure
    if (read_figure(s, kind, st)) p.stated.push_back(std::move(st));
  }

  // EB03 repeats: service types separated by the repetition separator.
  std::vector<std::string_view> service_types_of(const Segment& s) const {
    std::vector<std::string_view> types;
    auto rest = s.element(3);
    const char repetition = in.delimiters().repetition;
    while (!rest.empty()) {
      const auto at = rest.find(repetition);
      const auto type = rest.substr(0, at);
      if (!is_service_type(type))
        s.fail(3, type, "is not a service type code", "a service type of the 271 guide, e.g. 30, MH, A8, AI");
      types.push_back(type);
      rest = at == std::string_view::npos ? std::string_view{} : rest.substr(at + 1);
    }
    return types;
  }

  // The figure an EB segment states, by EB01: a deductible or out-of-pocket maximum (C, G: the amount in EB07),
  // coinsurance (A: EB08), a copay (B: EB07) or visits (F with EB09 VS or DY: EB10). False when it states none.
  static bool read_figure(const Segment& s, std::string_view kind, Stated& st) {
    if (kind == "C" || kind == "G") {
      if (!s.has(7)) {
        if (s.has(8)) s.fail(8, s.element(8), "is a percent on a deductible or out-of-pocket segment", "the amount in EB07");
        return false;
      }
      st.figure = kind == "C" ? Figure::deductible : Figure::oop;
      st.amount = s.amount(7);
    } else if (kind == "A") {
      if (!s.has(8)) {
        if (s.has(7)) s.fail(7, s.element(7), "is an amount on a coinsurance segment", "the coinsurance as a decimal fraction in EB08");
        return false;
      }
      st.figure = Figure::coinsurance;
      st.rate = s.fraction(8);
    } else if (kind == "B") {
      if (!s.has(7)) return false;
      st.figure = Figure::copay;
      st.amount = s.amount(7);
    } else if (kind == "F" && (s.element(9) == "VS" || s.element(9) == "DY")) {
      st.figure = Figure::visits;
      st.quantity = static_cast<int>(s.count(10, 0, 366));
    } else {
      return false;
    }
    if (st.amount.is_negative()) s.fail(7, s.element(7), "is negative", "an amount of $0.00 or more");
    if (st.amount > Money::from_cents(100'000'000)) s.fail(7, s.element(7), "is over the limit", "$0.00..$1,000,000.00");
    return true;
  }

  void read_dtp(const Segment& s) {
    const auto qualifier = s.element(1);
    const auto format = s.code(2, {"D8", "RD8"});
    if (loop == 22 && (qualifier == "291" || qualifier == "346" || qualifier == "347")) {
      auto& b = person->benefits;
      if (format == "RD8") {
        const auto [first, last] = s.date_range(3);
        if (qualifier == "291") {
          b.plan_begin = first;
          b.plan_end = last;
        }
      } else {
        const auto d = s.date(3);
        if (qualifier == "346" || qualifier == "291") b.plan_begin = d;
        if (qualifier == "347") b.plan_end = d;
      }
      return;
    }
    if (format == "RD8") (void)s.date_range(3);
    else (void)s.date(3);
  }

  void read_segment(const Segment& s) {
    const auto tag = s.tag();
    if (tag == segment_tag("ST")) {
      if (in.envelope().transaction != "271") s.fail(1, s.element(1), "is not a 271", "271");
      if (in.envelope().version != "005010X279A1")
        throw ValidationError("271 segment 1 GS08", iop::quoted(in.envelope().version),
                              "is not the 271 guide this reader reads", "005010X279A1");
      loop = 0;
      last_rank = 0;
      return;
    }
    if (tag == segment_tag("SE")) {
      finish_person();
      if (loop == 0) s.fail(0, "", "ends a 271 without its hierarchy", "BHT, HL 20, HL 21, HL 22 ...");
      return;
    }
    place(s);
    if (tag == segment_tag("BHT")) {
      s.code(1, {"0022"});
      s.code(2, {"06", "11"});
      response_date = s.date(4);
      return;
    }
    if (tag == segment_tag("NM1")) return read_nm1(s);
    if (tag == segment_tag("DMG")) {
      s.code(1, {"D8"});
      if (s.has(2)) (void)s.date(2, true);  // a birth date: checked, never echoed, not kept
      return;
    }
    if (tag == segment_tag("DTP")) return read_dtp(s);
    if (tag == segment_tag("EB")) return read_eb(s);
    if (tag == segment_tag("MSG") && loop == 110 && person->eb_is_iop) person->benefits.messages.emplace_back(s.text(1, 264));
    if (tag == segment_tag("AAA")) {
      s.code(1, {"N", "Y"});
      if (person)
        person->benefits.notes.push_back("271 segment " + std::to_string(s.position()) +
                                         " AAA: the payer could not answer (reject reason " + std::string(s.code(3, {
                                             "15", "33", "35", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50",
                                             "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "69",
                                             "70", "71", "72", "73", "74", "75", "76", "78", "79", "80", "97", "T4"})) + ")");
    }
  }

  void read_nm1(const Segment& s) {
    const auto entity = s.element(1);
    if (loop == 20) {
      s.code(1, {"2B", "36", "GP", "P5", "PR"});
      payer_name = std::string(s.text(3, 60, false));
      if (s.has(8)) {
        s.code(8, {"24", "46", "FI", "NI", "PI", "XV", "XX"});
        payer_id = std::string(s.text(9, 80));
      }
      return;
    }
    if (loop == 21) {
      s.code(1, {"1P", "2B", "36", "80", "FA", "GP", "P5", "PR"});
      return;
    }
    if (loop == 22) {
      s.code(1, {"IL", "03"});
      (void)s.text(3, 60, false);
      (void)s.text(4, 35, false);
      if (s.has(9)) (void)s.text(9, 80);
      return;
    }
    (void)entity;
    (void)s.text(3, 60, false);
  }

  // Which figure a statement is: the key that two statements must share to be the same figure.
  struct Key {
    Figure figure;
    bool family;
    char network;
    Period period;
    [[nodiscard]] bool matches(const Stated& st) const {
      return st.figure == figure && st.family == family && st.network == network && st.period == period;
    }
  };
  using FellBack = std::array<std::array<bool, 2>, 5>;  // [figure][family]: the fallback note is given once

  // The statement of @p key: the IOP service types' when there are any, else the plan's (service type 30);
  // two different values conflict and neither is used. A person states a handful of figures: a scan of
  // them is cheaper than an index.
  static const Stated* choose(Person& p, const Key& key, FellBack& fell_back) {
    auto& b = p.benefits;
    const Stated* first_iop = nullptr;
    const Stated* first_plan = nullptr;
    for (const auto& st : p.stated) {
      if (!key.matches(st)) continue;
      auto& first = st.plan_level ? first_plan : first_iop;
      if (first == nullptr) first = &st;
    }
    const Stated* chosen = first_iop != nullptr ? first_iop : first_plan;
    if (chosen == nullptr) return nullptr;
    const bool from_plan = first_iop == nullptr;
    for (const auto& st : p.stated)
      if (key.matches(st) && st.plan_level == from_plan && !same_value(st, *chosen)) {
        b.conflicts.push_back(figure_name(key.figure, key.family, key.network, key.period) + ": 271 segments " +
                              std::to_string(chosen->position) + " and " + std::to_string(st.position) + " state " +
                              value_text(*chosen) + " and " + value_text(st) + "; neither is used");
        return nullptr;
      }
    auto& noted = fell_back[static_cast<std::size_t>(key.figure)][key.family ? 1 : 0];
    if (from_plan && !noted) {
      noted = true;
      b.notes.push_back(figure_name(key.figure, key.family, 'W', Period::total) +
                        ": from health benefit plan coverage (service type 30); the 271 states none for the "
                        "mental health and substance use service types");
    }
    return chosen;
  }

  // One network tier's figures: those stated for the network (EB12 Y or N), else for either (W).
  static void settle_tier(Person& p, char network, FellBack& fell_back) {
    auto& b = p.benefits;
    auto& tier = network == 'Y' ? b.in_network : b.out_of_network;
    auto pick = [&](Figure f, bool family, Period period) -> const Stated* {
      if (const auto* st = choose(p, Key{f, family, network, period}, fell_back)) return st;
      return choose(p, Key{f, family, 'W', period}, fell_back);
    };
    auto amount = [&](std::optional<Money>& slot, Figure f, bool family, Period period) {
      if (const auto* st = pick(f, family, period)) slot = st->amount;
    };
    amount(tier.deductible_individual, Figure::deductible, false, Period::total);
    amount(tier.deductible_individual_remaining, Figure::deductible, false, Period::remaining);
    amount(tier.deductible_individual_met, Figure::deductible, false, Period::met);
    amount(tier.deductible_family, Figure::deductible, true, Period::total);
    amount(tier.deductible_family_remaining, Figure::deductible, true, Period::remaining);
    amount(tier.deductible_family_met, Figure::deductible, true, Period::met);
    amount(tier.oop_individual, Figure::oop, false, Period::total);
    amount(tier.oop_individual_remaining, Figure::oop, false, Period::remaining);
    amount(tier.oop_individual_met, Figure::oop, false, Period::met);
    amount(tier.oop_family, Figure::oop, true, Period::total);
    amount(tier.oop_family_remaining, Figure::oop, true, Period::remaining);
    amount(tier.oop_family_met, Figure::oop, true, Period::met);
    if (const auto* st = pick(Figure::coinsurance, false, Period::total)) tier.coinsurance = st->rate;
    if (const auto* st = pick(Figure::copay, false, Period::total)) {
      tier.copay = st->amount;
      tier.copay_period = st->time_period;
    }
    if (const auto* st = pick(Figure::visits, false, Period::total)) tier.visit_limit = st->quantity;
    if (const auto* st = pick(Figure::visits, false, Period::remaining)) tier.visits_remaining = st->quantity;
    list_not_stated(b, tier, network == 'Y' ? "in network" : "out of network");
  }

  // Chooses each figure of both tiers and lists what the 271 does not state.
  void settle(Person& p) {
    auto& b = p.benefits;
    b.not_stated.reserve(26);  // at most 11 a tier and 4 more: one allocation, not six
    b.response_date = response_date;
    b.payer_name = payer_name;
    b.payer_id = payer_id;
    const auto& t = b.insurance_type;
    if (t == "MA" || t == "MB" || t == "MP") b.payer = "medicare";
    else if (t == "MC") b.payer = "medicaid";
    else if (!t.empty()) b.payer = "commercial";
    FellBack fell_back{};
    settle_tier(p, 'Y', fell_back);
    settle_tier(p, 'N', fell_back);
    if (b.service_types.empty()) b.service_types.emplace_back("30");
    if (!b.plan_begin) b.not_stated.emplace_back("plan dates (DTP*291 or 346/347): the plan year's start");
    if (!b.prior_authorization) b.not_stated.emplace_back("whether the IOP needs prior authorisation (EB11)");
    if (b.payer.empty()) b.not_stated.emplace_back("the kind of payer (EB04 insurance type)");
    b.not_stated.emplace_back("the program's own network status (coverage.network): a 271 states benefits by network, "
                              "not the provider's status");
  }

  static void list_not_stated(Benefits& b, const TierBenefits& t, std::string_view tier) {
    auto missing = [&](bool absent, std::string_view what) {
      if (!absent) return;
      auto& item = b.not_stated.emplace_back();  // one allocation an item: a batch of 271s lists thousands
      item.reserve(what.size() + tier.size() + 3);
      item.append(what).append(" (").append(tier).append(")");
    };
    missing(!t.deductible_individual, "individual deductible");
    missing(!t.deductible_individual_remaining && !t.deductible_individual_met, "individual deductible met or remaining");
    missing(!t.deductible_family, "family deductible");
    missing(!t.deductible_family_remaining && !t.deductible_family_met, "family deductible met or remaining");
    missing(!t.oop_individual, "individual out-of-pocket maximum");
    missing(!t.oop_individual_remaining && !t.oop_individual_met, "individual out-of-pocket met or remaining");
    missing(!t.oop_family, "family out-of-pocket maximum");
    missing(!t.oop_family_remaining && !t.oop_family_met, "family out-of-pocket met or remaining");
    missing(!t.coinsurance, "coinsurance");
    missing(!t.copay, "copay");
    missing(!t.visit_limit, "visit limit");
  }

  void run() {
    while (const auto* segment = in.next()) read_segment(*segment);
    if (out.empty()) throw ValidationError("271", "", "holds no subscriber or dependent", "HL 22 or 23 with benefits");
  }
};

nlohmann::json tier_json(const TierBenefits& t) {
  // Every member named through its declaration (the tier of declarations/benefits.py).
  namespace T = decl::tier;
  using decl::key;
  nlohmann::json j = nlohmann::json::object();
  auto put = [&](const decl::Member& member, const std::optional<Money>& v) {
    j[key(member)] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  // A figure as the 271 states it, what remains of it, and what is met (stated, or the two's difference).
  auto figure = [&](const std::array<const decl::Member*, 3>& names, const std::optional<Money>& amount,
                    const std::optional<Money>& remaining, const std::optional<Money>& stated_met) {
    put(*names[0], amount);
    put(*names[1], remaining);
    put(*names[2], met_amount(amount, remaining, stated_met));
  };
  figure({&T::deductible_individual, &T::deductible_individual_remaining, &T::deductible_individual_met},
         t.deductible_individual, t.deductible_individual_remaining, t.deductible_individual_met);
  figure({&T::deductible_family, &T::deductible_family_remaining, &T::deductible_family_met}, t.deductible_family,
         t.deductible_family_remaining, t.deductible_family_met);
  figure({&T::oop_individual, &T::oop_individual_remaining, &T::oop_individual_met}, t.oop_individual,
         t.oop_individual_remaining, t.oop_individual_met);
  figure({&T::oop_family, &T::oop_family_remaining, &T::oop_family_met}, t.oop_family, t.oop_family_remaining,
         t.oop_family_met);
  put(T::copay, t.copay);
  j[key(T::copay_period)] = t.copay_period;
  j[key(T::coinsurance)] = t.coinsurance ? nlohmann::json(*t.coinsurance) : nlohmann::json(nullptr);
  j[key(T::visit_limit)] = t.visit_limit ? nlohmann::json(*t.visit_limit) : nlohmann::json(nullptr);
  j[key(T::visits_remaining)] = t.visits_remaining ? nlohmann::json(*t.visits_remaining) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

std::optional<Money> met_amount(const std::optional<Money>& amount, const std::optional<Money>& remaining,
                                const std::optional<Money>& year_to_date) {
  if (year_to_date) return year_to_date;
  if (amount && remaining && *remaining <= *amount) return *amount - *remaining;
  return std::nullopt;
}

std::vector<Benefits> benefits_from_271(std::string_view document, X12Limits limits) {
  InterchangeReader in(document, limits);
  Reader271 reader{in, {}, Date(), {}, {}, std::nullopt, 0, 0, {}, {}};
  reader.run();
  return std::move(reader.out);
}

nlohmann::json coverage_document(const Benefits& b) {
  // A coverage document (declarations/coverage.py): its members named through their declarations.
  namespace C = decl::coverage;
  namespace AC = decl::accumulators;
  using decl::key;
  nlohmann::json c = nlohmann::json::object();
  const auto& t = b.in_network;
  if (!b.payer.empty()) c[key(C::payer)] = b.payer;
  if (b.plan_begin) c[key(C::plan_year_start)] = *b.plan_begin;
  if (t.deductible_individual || t.deductible_family) {
    auto& d = c[key(C::deductible)] = nlohmann::json::object();
    if (t.deductible_individual) d[key(decl::deductible::individual)] = *t.deductible_individual;
    if (t.deductible_family) d[key(decl::deductible::family)] = *t.deductible_family;
  }
  if (t.coinsurance) c[key(C::coinsurance)] = *t.coinsurance;
  if (t.copay) c[key(C::copay)] = *t.copay;
  if (t.oop_individual || t.oop_family) {
    auto& o = c[key(C::out_of_pocket_max)] = nlohmann::json::object();
    if (t.oop_individual) o[key(decl::out_of_pocket_maximum::individual)] = *t.oop_individual;
    if (t.oop_family) o[key(decl::out_of_pocket_maximum::family)] = *t.oop_family;
  }
  if (t.visit_limit) c[key(C::visit_limit)] = *t.visit_limit;
  nlohmann::json a{{key(AC::as_of), b.response_date}};
  auto put = [&](const decl::Member& member, const std::optional<Money>& v) {
    if (v) a[key(member)] = *v;
  };
  put(AC::deductible_individual, met_amount(t.deductible_individual, t.deductible_individual_remaining, t.deductible_individual_met));
  put(AC::deductible_family, met_amount(t.deductible_family, t.deductible_family_remaining, t.deductible_family_met));
  put(AC::oop_individual, met_amount(t.oop_individual, t.oop_individual_remaining, t.oop_individual_met));
  put(AC::oop_family, met_amount(t.oop_family, t.oop_family_remaining, t.oop_family_met));
  if (t.visit_limit && t.visits_remaining && *t.visits_remaining <= *t.visit_limit)
    a[key(AC::visits_used)] = *t.visit_limit - *t.visits_remaining;
  if (a.size() > 1) c[key(C::accumulators)] = std::move(a);
  return c;
}

nlohmann::json to_json(const Benefits& b) {
  // Every member named through its declaration (declarations/benefits.py).
  namespace B = decl::benefits;
  namespace P = decl::benefits_payer;
  using decl::key;
  auto optional_date = [](const std::optional<Date>& d) { return d ? nlohmann::json(*d) : nlohmann::json(nullptr); };
  return {{key(B::response_date), b.response_date},
          {key(B::payer), {{key(P::name), b.payer_name}, {key(P::id), b.payer_id}, {key(P::kind), b.payer}}},
          {key(B::insurance_type), b.insurance_type},
          {key(B::plan_name), b.plan_name},
          {key(B::active), b.active ? nlohmann::json(*b.active) : nlohmann::json(nullptr)},
          {key(B::plan_begin), optional_date(b.plan_begin)},
          {key(B::plan_end), optional_date(b.plan_end)},
          {key(B::service_types), b.service_types},
          {key(B::in_network), tier_json(b.in_network)},
          {key(B::out_of_network), tier_json(b.out_of_network)},
          {key(B::prior_authorization), b.prior_authorization ? nlohmann::json(*b.prior_authorization) : nlohmann::json(nullptr)},
          {key(B::not_stated), b.not_stated},
          {key(B::conflicts), b.conflicts},
          {key(B::notes), b.notes},
          {key(B::messages), b.messages},
          {key(B::coverage), coverage_document(b)}};
}

}  // namespace iop::x12
