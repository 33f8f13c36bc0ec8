#pragma once
/// @file
/// @brief The arithmetic of `adjudicate`, one claim line at a time (internal).
///
/// `adjudicate` explains every line (each rule as text); a Monte Carlo run
/// needs only the amounts, thousands of times. Both go through this one
/// implementation: the `Notes` parameter either records the rule texts
/// (`RuleNotes`) or compiles them away (`NoNotes`), so the figures cannot drift
/// apart. Lines must be given in date order.
///
/// A line is adjudicated in three calls: `start` (plan year and Medicaid
/// period), `price` (network, protection and allowed amount: they depend on
/// the line and the coverage only, so a Monte Carlo prices each line once) and
/// `settle` (coverage, cost sharing, cap, balance bill and the secondary payer,
/// which carry the accumulators from line to line). The steps are those listed
/// in coverage.hpp.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"
#include "core/concat.hpp"

namespace iop::detail {

/// Discards rule texts without building them.
struct NoNotes {
  /// Does nothing: @p make is never called.
  template <class Make>
  void add(Make&&) noexcept {}
};

/// Records rule texts.
struct RuleNotes {
  std::vector<std::string>* rules;  ///< where the texts go
  /// Appends the text @p make builds.
  template <class Make>
  void add(Make&& make) {
    rules->push_back(make());
  }
};

/// What is left of @p limit once @p met is counted (never below $0.00).
inline Money remaining(Money limit, Money met) { return max(limit - met, Money()); }

/// No limit: a room larger than any bill.
inline constexpr Money kNoLimit = Money::from_cents(std::numeric_limits<std::int64_t>::max() / 4);

/// A line's network, protection and allowed amount under one coverage (steps 2 and 3): they
/// depend on the line and the coverage only, never on the accumulators.
struct Priced {
  Date plan_year;                                     ///< the first day of the line's plan year
  NetworkStatus network = NetworkStatus::in_network;  ///< the line's network status
  std::optional<BalanceBillingProtection> protection; ///< the balance-billing protection that applies
  bool out_tier = false;  ///< out of network without protection: out-of-network cost sharing and a balance bill
  Money allowed;          ///< the allowed amount
};

/// The shares of one line.
struct LineAmounts {
  bool covered = true;                        ///< covered by the plan
  NotCovered not_covered = NotCovered::none;  ///< why not
  Money deductible;                           ///< patient's deductible
  Money copay;                                ///< patient's copay
  Money coinsurance;                          ///< patient's coinsurance
  Money balance_billed;                       ///< the charge above the allowed amount billed to the patient
  Money patient;                              ///< what the patient owes (after the secondary's payment)
  Money plan;                                 ///< the primary plan's payment
  Money secondary;                            ///< the secondary payer's payment
  Money write_off;                            ///< what the provider writes off
  const Authorization* authorization = nullptr;  ///< the authorisation that covered the day
};

/// Carries one payer's accumulators from line to line under its coverage.
class PayerAdjudicator {
 public:
  /// @param coverage a validated coverage (kept by reference: it must outlive the adjudicator)
  explicit PayerAdjudicator(const Coverage& coverage) : c_(coverage) {}

  /// Step 1: resets the accumulators when @p plan_year (the first day of the line's plan year) is new, and
  /// Medicaid's period total when the line of @p date starts a new month or quarter.
  /// @throws ValidationError naming `coverage.accumulators.as_of` for a line before the accumulators' date.
  template <class Notes>
  void start(Date plan_year, Date date, Notes& notes) {
    start_year(plan_year, date, notes);
    if (!c_.medicaid) return;
    const int key = c_.medicaid->cap_period == MedicaidCapPeriod::quarter
                        ? date.year() * 4 + (date.month().as_number() - 1) / 3
                        : date.year() * 12 + date.month().as_number() - 1;
    if (key != period_) {
      period_ = key;
      acc_.period_cost_sharing = Money();
    }
  }

  /// Steps 2 and 3: the network, the protection and the allowed amount of @p line.
  template <class Notes>
  [[nodiscard]] static Priced price(const Coverage& c, const ChargeLine& line, Notes& notes) {
    Priced p;
    p.plan_year = c.plan_year_of(line.date);
    p.network = c.network_of(line.code);
    const bool out = p.network == NetworkStatus::out_of_network;
    if (out && c.files_claims()) p.protection = balance_billing_protection(facts(c, out));
    p.out_tier = out && !p.protection;
    if (out && c.files_claims()) {
      if (c.out_of_network) {
        p.allowed = out_of_network_allowed(c, line, notes);
      } else if (p.protection) {
        p.allowed = in_network_allowed(c, line, notes);
        notes.add([&] {
          return "recognized amount taken as the in-network allowed amount " + p.allowed.to_string() +
                 " (the plan has no out-of-network benefits; its qualifying payment amount is the plan's to compute, "
                 "42 U.S.C. 300gg-111(a)(3)(H))";
        });
      } else {
        p.allowed = line.charge;
      }
      if (p.protection && c.out_of_network)
        notes.add([&] {
          return "recognized amount taken as the plan's out-of-network allowed amount " + p.allowed.to_string() +
                 " (its qualifying payment amount is the plan's to compute, 42 U.S.C. 300gg-111(a)(3)(H))";
        });
    } else {
      p.allowed = in_network_allowed(c, line, notes);
    }
    return p;
  }

  /// Steps 4 to 8 and the invariants: coverage, deductible, copay and coinsurance, the caps and the balance bill
  /// of @p line priced as @p p.
  /// @throws ValidationError naming the line's session if an invariant breaks (never expected), or
  ///         `coverage.copay` for a Medicaid copay above the line's limit.
  template <class Notes>
  [[nodiscard]] LineAmounts settle(const ChargeLine& line, const Priced& p, Notes& notes) {
    LineAmounts a;
    // 4. covered? (lines come in date order, so a day is counted when its first covered line is)
    const bool program_day = line.kind == SessionKind::program_day;
    const bool counts_a_day = program_day && line.date != last_counted_;
    const Authorization* auth = nullptr;
    if (!c_.files_claims()) {
      a.covered = false;
      a.not_covered = c_.uninsured ? NotCovered::uninsured : NotCovered::self_pay;
      notes.add([&] { return std::string(c_.uninsured ? "uninsured: the patient pays" : "self-pay: no claim is filed"); });
    } else if (p.out_tier && !c_.out_of_network) {
      a.covered = false;
      a.not_covered = NotCovered::no_out_of_network_benefits;
      notes.add([] {
        return std::string(
            "out of network and the plan has no out-of-network benefits: not covered; the patient pays the charge");
      });
    } else if (c_.visit_limit && counts_a_day && acc_.visits_used >= *c_.visit_limit) {
      a.covered = false;
      a.not_covered = NotCovered::visit_limit;
      notes.add([&] {
        return "visit limit of " + std::to_string(*c_.visit_limit) + " days a plan year reached: not covered";
      });
    } else if (!c_.authorizations.empty() && program_day) {
      auth = authorization_for(line.date);
      if (!auth) {
        a.covered = false;
        const bool dated = std::any_of(c_.authorizations.begin(), c_.authorizations.end(), [&](const Authorization& x) {
          return line.date >= x.first_day && line.date <= x.last_day;
        });
        a.not_covered = dated ? NotCovered::authorization_units_used : NotCovered::outside_authorization;
        notes.add([&] {
          return dated ? "every authorisation covering " + to_iso_string(line.date) + " has used all its units: not covered"
                       : "no prior authorisation covers " + to_iso_string(line.date) + " (" + periods_text() +
                             "): not covered";
        });
      }
    }
    if (a.covered && program_day && auth) {
      a.authorization = auth;
      if (counts_a_day) {
        const int used = ++units_used_[auth->reference];
        ++acc_.authorized_units_used;
        notes.add([&] {
          return concat("prior authorisation ", auth->reference, ": unit ", std::to_string(used), " of ",
                        std::to_string(auth->units));
        });
      }
    }
    if (counts_a_day && a.covered) {
      last_counted_ = line.date;
      day_authorization_ = auth;
      ++acc_.visits_used;
    }

    if (!a.covered) {
      settle_not_covered(a, line, p, notes);
    } else {
      settle_cost_sharing(a, line, p, notes);
      if (p.out_tier) {
        a.balance_billed = line.charge - p.allowed;
        if (a.balance_billed > Money())
          notes.add([&] {
            return balance_billing_allowed_reason(facts(c_, true)) + ": the patient owes the " +
                   a.balance_billed.to_string() + " above the allowed amount (it does not count toward the out-of-pocket maximum)";
          });
      } else if (p.protection) {
        notes.add([&] { return p.protection->rule; });
      } else if (c_.payer == PayerType::medicaid) {
        notes.add([] {
          return std::string("no balance billing: the provider accepts Medicaid's payment in full (42 CFR 447.15)");
        });
      }
      a.write_off = line.charge - p.allowed - a.balance_billed;
      a.patient = a.deductible + a.copay + a.coinsurance + a.balance_billed;
    }

    // Invariants, checked on every line.
    const Money cost_sharing = a.deductible + a.copay + a.coinsurance;
    if (a.covered && cost_sharing + a.plan != p.allowed)
      throw ValidationError("adjudication", line.session_uid, "broke plan + cost sharing = allowed", "an internal invariant");
    check_shares(line, a);
    return a;
  }

  /// Step 9: the secondary payer's part of a line the primary (this adjudicator) settled as @p a;
  /// @p secondary carries the secondary plan's own accumulators and @p own_price prices the line under it.
  template <class Notes>
  void coordinate(const ChargeLine& line, const Priced& p, LineAmounts& a, PayerAdjudicator* secondary,
                  const Priced* own_price, Notes& notes) {
    if (!c_.secondary || !a.covered) {
      if (c_.secondary && c_.files_claims())
        notes.add([&] {
          return "secondary " + c_.secondary->name + ": not coordinated on a line the primary does not cover";
        });
      return;
    }
    const auto& s = *c_.secondary;
    const Money owed = a.patient;
    Money pays;
    // The texts are built only when notes are kept; the amounts are computed either way.
    Money benefit, allowable, room, coinsurance;
    switch (s.coordination) {
      case Coordination::medigap:
        coinsurance = a.coinsurance.apply(s.medigap_coinsurance_share);
        pays = coinsurance + (s.medigap_pays_part_b_deductible ? a.deductible : Money());
        break;
      case Coordination::standard:
      case Coordination::non_duplication: {
        NoNotes silent;
        secondary->start(own_price->plan_year, line.date, silent);
        const auto own = secondary->settle(line, *own_price, silent);
        benefit = own.covered ? own.plan : Money();
        if (s.coordination == Coordination::standard) {
          // NAIC Model 120 section 3: the allowable expense is the primary's negotiated amount when the
          // provider is in its network, else the higher of the plans' allowed amounts.
          allowable = p.network == NetworkStatus::in_network ? p.allowed : max(p.allowed, own_price->allowed);
          room = remaining(allowable, a.plan);
          pays = min(benefit, room);
        } else {
          pays = remaining(benefit, a.plan);
        }
        break;
      }
    }
    pays = min(pays, owed);
    a.secondary = pays;
    a.patient = owed - pays;
    notes.add([&] {
      std::string why;
      switch (s.coordination) {
        case Coordination::medigap:
          why = "Medigap " + s.name + ": pays " + s.medigap_coinsurance_share.to_string() + " of the Part B coinsurance (" +
                coinsurance.to_string() + ")" +
                (s.medigap_pays_part_b_deductible
                     ? " and the Part B deductible (" + a.deductible.to_string() + ")"
                     : "; the Part B deductible stays with the patient (only plans C and F pay it)");
          break;
        case Coordination::standard:
          why = "secondary " + s.name + " (standard coordination, NAIC Model 120 section 7): its own benefit " +
                benefit.to_string() + ", allowable expense " + allowable.to_string() + " less the primary's " +
                a.plan.to_string() + " = " + room.to_string();
          break;
        case Coordination::non_duplication:
          why = "secondary " + s.name + " (non-duplication): its own benefit " + benefit.to_string() +
                " less the primary's " + a.plan.to_string();
          break;
      }
      return why + ": pays " + pays.to_string() + "; the patient owes " + a.patient.to_string();
    });
    check_shares(line, a);
  }

  /// The accumulators after the last line.
  [[nodiscard]] const AccumulatorState& state() const noexcept { return acc_; }

 private:
  // The tier counters: deductible and out-of-pocket met, individual and family.
  struct TierMet {
    Money deductible_individual;
    Money deductible_family;
    Money oop_individual;
    Money oop_family;
  };

  static BalanceBillingFacts facts(const Coverage& c, bool out) {
    return {c.payer, c.network == NetworkStatus::in_network, !out, c.facility.value_or(FacilityKind::clinic),
            c.regulator, c.state, c.notice_and_consent};
  }

  static void check_shares(const ChargeLine& line, const LineAmounts& a) {
    if (a.plan + a.secondary + a.patient + a.write_off != line.charge || a.patient < Money() || a.plan < Money() ||
        a.write_off < Money())
      throw ValidationError("adjudication", line.session_uid, "broke plan + secondary + patient + write-off = charge",
                            "an internal invariant");
  }

  template <class Notes>
  void start_year(Date plan_year, Date line_date, Notes& notes) {
    if (year_ && plan_year == *year_) return;
    const bool first = !year_;
    year_ = plan_year;
    const int units = acc_.authorized_units_used;
    acc_ = AccumulatorState{plan_year, Money(), Money(), Money(), Money(), 0, units, Money(), Money(), Money(), Money(),
                            acc_.period_cost_sharing};
    tier_ = c_.in_network_for(plan_year);
    last_counted_ = Date();
    if (c_.accumulators && c_.plan_year_of(c_.accumulators->as_of) == plan_year) {
      const auto& met = *c_.accumulators;
      if (line_date < met.as_of)
        throw ValidationError("coverage.accumulators.as_of", to_iso_string(met.as_of),
                              "is after the line of " + to_iso_string(line_date) + ", which it may already count",
                              "an as-of date on or before the first line adjudicated (estimate_cost leaves earlier lines "
                              "out and says so)");
      acc_.deductible_individual = met.deductible_individual;
      acc_.deductible_family = max(met.deductible_family, met.deductible_individual);
      acc_.oop_individual = met.oop_individual;
      acc_.oop_family = max(met.oop_family, met.oop_individual);
      acc_.visits_used = met.visits_used;
      acc_.oon_deductible_individual = met.oon_deductible_individual;
      acc_.oon_deductible_family = max(met.oon_deductible_family, met.oon_deductible_individual);
      acc_.oon_oop_individual = met.oon_oop_individual;
      acc_.oon_oop_family = max(met.oon_oop_family, met.oon_oop_individual);
      notes.add([&] { return "accumulators met as of " + to_iso_string(met.as_of) + " applied"; });
    } else if (c_.accumulators && first && c_.plan_year_of(c_.accumulators->as_of) < plan_year) {
      notes.add([&] {
        return "accumulators as of " + to_iso_string(c_.accumulators->as_of) + " belong to the plan year from " +
               to_iso_string(c_.plan_year_of(c_.accumulators->as_of)) + ": not applied (they reset each plan year)";
      });
    }
    if (!first) notes.add([&] { return "new plan year from " + to_iso_string(plan_year) + ": accumulators reset"; });
  }

  template <class Notes>
  static Money in_network_allowed(const Coverage& c, const ChargeLine& line, Notes& notes) {
    if (const auto it = c.allowed_amounts.find(line.code); it != c.allowed_amounts.end() && line.charge > Money()) {
      notes.add([&] { return concat("allowed: contracted ", it->second.to_string(), " for ", line.code); });
      return min(it->second * line.units, line.charge);
    }
    if (c.allowed_share != Rate::percent(100))
      notes.add([&] { return concat("allowed: ", c.allowed_share.to_string(), " of the charge"); });
    return line.charge.apply(c.allowed_share);
  }

  template <class Notes>
  static Money out_of_network_allowed(const Coverage& c, const ChargeLine& line, Notes& notes) {
    const auto& oon = *c.out_of_network;
    switch (oon.allowed_basis) {
      case AllowedBasis::fee_schedule: {
        const auto it = oon.allowed_amounts.find(line.code);
        if (it == oon.allowed_amounts.end())
          throw ValidationError("coverage.out_of_network.allowed.amounts", line.code, "has no out-of-network allowed amount",
                                "an amount for every code billed out of network");
        const Money allowed = min(it->second * line.units, line.charge);
        notes.add([&] {
          return "out-of-network allowed: " + it->second.to_string() + " for " + line.code + " (plan fee schedule)";
        });
        return allowed;
      }
      case AllowedBasis::percent_of_charge: {
        const Money allowed = line.charge.apply(oon.allowed_percent);
        notes.add([&] {
          return "out-of-network allowed: " + oon.allowed_percent.to_string() + " of the charge " + line.charge.to_string() +
                 " = " + allowed.to_string();
        });
        return allowed;
      }
      case AllowedBasis::percent_of_medicare: {
        Money medicare;
        std::string source;
        if (const auto it = oon.medicare_rates.find(line.code); it != oon.medicare_rates.end()) {
          medicare = it->second * line.units;
          source = "Medicare's " + it->second.to_string() + " for " + line.code;
        } else if (oon.medicare_iop_year && line.kind == SessionKind::program_day && line.services >= 3) {
          const auto& rate = medicare_iop_rate(*oon.medicare_iop_year, oon.medicare_iop_setting, line.services >= 4);
          medicare = *rate.rate;
          source = "Medicare's CY" + std::to_string(rate.year) + " IOP per diem " + medicare.to_string() + " (APC " +
                   rate.apc + ", " + std::string(to_string(oon.medicare_iop_setting)) + ", " + rate.status + ")";
        } else {
          throw ValidationError("coverage.out_of_network.allowed.medicare_rates", line.code, "has no Medicare rate",
                                "Medicare's amount for every code billed out of network, or medicare_iop for program days "
                                "of 3 or more services");
        }
        const Money allowed = min(medicare.apply(oon.allowed_percent), line.charge);
        notes.add([&] {
          return "out-of-network allowed: " + oon.allowed_percent.to_string() + " of " + source + " = " + allowed.to_string();
        });
        return allowed;
      }
    }
    return line.charge;
  }

  // The authorisation covering a date: the one that already took the day's unit, else the
  // one with units left that ends first.
  const Authorization* authorization_for(Date date) const {
    if (date == last_counted_ && day_authorization_) return day_authorization_;
    const Authorization* best = nullptr;
    for (const auto& a : c_.authorizations) {
      if (date < a.first_day || date > a.last_day) continue;
      const auto used = units_used_.find(a.reference);
      if (used != units_used_.end() && used->second >= a.units) continue;
      if (!best || a.last_day < best->last_day) best = &a;
    }
    return best;
  }

  std::string periods_text() const {
    std::string text;
    for (const auto& a : c_.authorizations)
      text += (text.empty() ? "" : ", ") + a.reference + " " + to_iso_string(a.first_day) + ".." + to_iso_string(a.last_day);
    return text;
  }

  template <class Notes>
  void settle_not_covered(LineAmounts& a, const ChargeLine& line, const Priced& p, Notes& notes) const {
    const bool authorization = a.not_covered == NotCovered::outside_authorization ||
                               a.not_covered == NotCovered::authorization_units_used;
    if (authorization && c_.outside_authorization == OutsideAuthorization::provider_absorbs) {
      a.write_off = line.charge;
      notes.add([&] {
        return "the contract forbids billing the patient for it: the provider absorbs " + line.charge.to_string();
      });
      return;
    }
    if (a.not_covered == NotCovered::no_out_of_network_benefits) {
      a.patient = line.charge;
      return;
    }
    if (p.out_tier) {
      // No network contract limits what a nonparticipating provider bills for a day the plan does not cover.
      a.patient = line.charge;
      notes.add([&] {
        return "out of network and not covered: no network contract limits the bill; the patient owes the charge " +
               line.charge.to_string();
      });
      return;
    }
    a.patient = p.allowed;
    a.write_off = line.charge - p.allowed;
    notes.add([&] {
      return concat("patient pays the allowed amount ", p.allowed.to_string(),
                    authorization ? " (the contract lets the provider bill the patient)" : "");
    });
  }

  TierMet met(bool out_tier) const {
    return out_tier ? TierMet{acc_.oon_deductible_individual, acc_.oon_deductible_family, acc_.oon_oop_individual,
                              acc_.oon_oop_family}
                    : TierMet{acc_.deductible_individual, acc_.deductible_family, acc_.oop_individual, acc_.oop_family};
  }

  void add(bool out_tier, Money deductible, Money share) {
    const bool joint = c_.out_of_network && c_.out_of_network->accumulation == TierAccumulation::joint;
    if (!out_tier || joint) {
      acc_.deductible_individual += deductible;
      acc_.deductible_family += deductible;
      acc_.oop_individual += share;
      acc_.oop_family += share;
    }
    if (out_tier || joint) {
      acc_.oon_deductible_individual += deductible;
      acc_.oon_deductible_family += deductible;
      acc_.oon_oop_individual += share;
      acc_.oon_oop_family += share;
    }
    acc_.period_cost_sharing += share;
  }

  template <class Notes>
  void settle_cost_sharing(LineAmounts& a, const ChargeLine& line, const Priced& p, Notes& notes) {
    const bool out_tier = p.out_tier;
    // An enrollee of an exempt group owes no Medicaid cost sharing whatever the state's copay (42 CFR 447.56(a)(1)).
    static const CostSharing kNoCostSharing{};
    const bool exempt = c_.medicaid && c_.medicaid->exempt;
    if (exempt)
      notes.add([&] {
        return concat("no cost sharing: the enrollee is exempt (",
                      c_.medicaid->exemption.empty() ? std::string("a group of 42 CFR 447.56(a)(1)")
                                                     : medicaid_exemption_citation(c_.medicaid->exemption), ")");
      });
    const CostSharing& t = exempt ? kNoCostSharing : out_tier ? c_.out_of_network->cost_sharing : tier_;
    const TierMet m = met(out_tier);
    const char* tier_name = out_tier ? "out-of-network " : (p.protection ? "in-network (protected) " : "");
    Money rest = p.allowed;
    // A copay charged first, not subject to the deductible (without a copay the flag changes nothing).
    const bool copay_first = t.copay_before_deductible && !t.copay.is_zero();
    if (copay_first) {
      a.copay = min(t.copay, rest);
      rest -= a.copay;
      notes.add([&] { return concat(tier_name, "copay ", a.copay.to_string(), " before the deductible (not subject to it)"); });
    }
    const bool deductible_applies = !copay_first || !t.coinsurance.is_zero();
    if (deductible_applies && rest > Money()) {
      Money room;
      if (t.deductible_accumulation == FamilyAccumulation::aggregate) {
        room = remaining(*t.deductible_family, m.deductible_family);
      } else {
        room = remaining(t.deductible_individual, m.deductible_individual);
        if (t.deductible_family) room = min(room, remaining(*t.deductible_family, m.deductible_family));
      }
      a.deductible = min(rest, room);
      rest -= a.deductible;
      const char* which =
          t.deductible_accumulation == FamilyAccumulation::aggregate ? "aggregate family deductible" : "deductible";
      if (a.deductible > Money())
        notes.add([&] {
          return concat(tier_name, which, " ", a.deductible.to_string(), " (", room.to_string(), " remaining)");
        });
      else if (!t.deductible_individual.is_zero() || t.deductible_family)
        notes.add([&] { return concat(tier_name, which, " already met"); });
    } else if (copay_first && !t.deductible_individual.is_zero()) {
      notes.add([&] { return concat(tier_name, "deductible not applied (copay before the deductible)"); });
    }
    if (rest > Money() && !(copay_first && t.coinsurance.is_zero())) {
      const bool has_copay = !t.copay.is_zero() && !copay_first;
      const Money copay = has_copay ? min(t.copay, rest) : Money();
      switch (t.combination) {
        case CostSharingCombination::single:
          if (has_copay) {
            a.copay = copay;
            notes.add([&] { return concat(tier_name, "copay ", a.copay.to_string()); });
          } else if (!t.coinsurance.is_zero()) {
            a.coinsurance = rest.apply(t.coinsurance);
            notes.add([&] {
              return concat(tier_name, "coinsurance ", t.coinsurance.to_string(), " of ", rest.to_string(), " = ",
                            a.coinsurance.to_string());
            });
          }
          break;
        case CostSharingCombination::copay_then_coinsurance: {
          if (has_copay) a.copay = copay;
          const Money after = rest - copay;
          a.coinsurance = after.apply(t.coinsurance);
          notes.add([&] {
            return concat(tier_name, has_copay ? concat("copay ", copay.to_string(), ", then ") : "", "coinsurance ",
                          t.coinsurance.to_string(), " of the ", after.to_string(), " left = ", a.coinsurance.to_string());
          });
          break;
        }
        case CostSharingCombination::greater_of:
        case CostSharingCombination::lesser_of: {
          const Money coins = rest.apply(t.coinsurance);
          const bool greater = t.combination == CostSharingCombination::greater_of;
          const bool copay_wins = greater ? copay >= coins : copay <= coins;
          if (copay_wins) a.copay = copay;
          else a.coinsurance = coins;
          notes.add([&] {
            return tier_name + std::string(greater ? "the greater" : "the lesser") + " of the copay " + copay.to_string() +
                   " and coinsurance " + t.coinsurance.to_string() + " of " + rest.to_string() + " (" + coins.to_string() +
                   "): " + (copay_wins ? "copay " + copay.to_string() : "coinsurance " + coins.to_string());
          });
          break;
        }
      }
    }
    // Medicaid: a copay above the band's share of what the agency pays is refused on the line.
    if (c_.medicaid) {
      if (const auto most = c_.medicaid->max_coinsurance(); most && a.copay > p.allowed.apply(*most))
        throw ValidationError("coverage.copay", a.copay.to_string(),
                              "is more than " + most->to_string() + " of the " + p.allowed.to_string() +
                                  " the agency pays on " + to_iso_string(line.date),
                              "at most " + p.allowed.apply(*most).to_string() + " (42 CFR 447.52(b))");
    }
    // Original Medicare: an OPPS day's copayment may not exceed the year's inpatient hospital deductible
    // (42 U.S.C. 1395l(t)(8)(C)(i)); the deductible itself is not part of the copayment.
    if (c_.medicare == MedicarePlan::original && line.kind == SessionKind::program_day) {
      const int year = line.date.year();
      const auto cap = medicare_inpatient_deductible(year);
      if (!cap)
        throw NotFoundError("coverage.medicare", "original (" + std::to_string(year) + ")",
                            "has no confirmed inpatient deductible in iop for " + std::to_string(year) +
                                " (it caps a day's copayment, 42 U.S.C. 1395l(t)(8)(C))",
                            "the years of data/medicare-part-b.json, or payer commercial with the plan's own figures");
      if (a.coinsurance > *cap) {
        notes.add([&] {
          return "a day's copayment " + a.coinsurance.to_string() + " capped at the CY" + std::to_string(year) +
                 " inpatient deductible " + cap->to_string() + " (42 U.S.C. 1395l(t)(8)(C)(i))";
        });
        a.coinsurance = *cap;
      }
    }
    // Out-of-pocket cap.
    const Money share = a.deductible + a.copay + a.coinsurance;
    Money room = kNoLimit;
    bool aggregate_cap = false;
    bool medicaid_cap = false;
    if (t.oop_accumulation == FamilyAccumulation::aggregate && t.oop_family) {
      room = remaining(*t.oop_family, m.oop_family);
      aggregate_cap = true;
    } else if (t.oop_individual) {
      room = remaining(*t.oop_individual, m.oop_individual);
      if (t.oop_family) room = min(room, remaining(*t.oop_family, m.oop_family));
    }
    std::optional<Money> medicaid_limit;
    if (c_.medicaid) {
      if ((medicaid_limit = c_.medicaid->period_limit())) {
        const Money period_room = remaining(*medicaid_limit, acc_.period_cost_sharing);
        if (period_room < room) {
          room = period_room;
          medicaid_cap = true;
        }
      }
    }
    const Money patient_share = min(share, room);
    if (patient_share < share) {
      notes.add([&] {
        const std::string cap_name =
            medicaid_cap ? "Medicaid's " + medicaid_aggregate_limit_share().to_string() + " aggregate limit for the " + std::string(to_string(c_.medicaid->cap_period)) +
                               " (" + medicaid_limit->to_string() + ", 42 CFR 447.56(f))"
                         : (aggregate_cap ? "aggregate family out-of-pocket maximum" : "out-of-pocket maximum");
        return tier_name + cap_name + " reached: patient share capped at " + patient_share.to_string() + " (" +
               room.to_string() + " room left)";
      });
      // The cap takes from coinsurance, then copay, then deductible.
      Money excess = share - patient_share;
      for (Money* part : {&a.coinsurance, &a.copay, &a.deductible}) {
        const Money cut = min(*part, excess);
        *part -= cut;
        excess -= cut;
      }
    }
    if (!t.has_maximum() && !c_.medicaid && share > Money())
      notes.add([&] {
        return c_.medicare == MedicarePlan::original
                   ? "Original Medicare Part B: " + t.coinsurance.to_string() +
                         " coinsurance after the deductible, with no out-of-pocket maximum (42 U.S.C. 1395l)"
                   : std::string("no out-of-pocket maximum");
      });
    a.plan = p.allowed - patient_share;
    add(out_tier, a.deductible, patient_share);
  }

  const Coverage& c_;
  CostSharing tier_;
  std::optional<Date> year_;
  int period_ = -1;
  AccumulatorState acc_{};
  Date last_counted_;  // the last day counted against a visit limit or authorisation (not-a-date: none)
  const Authorization* day_authorization_ = nullptr;  // the authorisation that took that day's unit
  std::map<std::string, int> units_used_;
};

/// Adjudicates lines under a coverage and its secondary payer, if any: the one path behind `adjudicate`,
/// `estimate_cost` and the Monte Carlo.
class Adjudicator {
 public:
  /// A line priced under the primary coverage and, when there is one, the secondary plan's own.
  struct PricedLine {
    Priced primary;                  ///< under the primary coverage
    std::optional<Priced> secondary;  ///< under the secondary plan's own coverage (standard, non-duplication)
  };

  /// @param coverage a validated coverage (kept by reference: it must outlive the adjudicator)
  explicit Adjudicator(const Coverage& coverage) : primary_(coverage) {
    if (coverage.secondary && coverage.secondary->coverage) secondary_.emplace(*coverage.secondary->coverage);
  }

  /// Step 1 for a line of @p date in the plan year starting @p plan_year (see PayerAdjudicator::start).
  template <class Notes>
  void start(Date plan_year, Date date, Notes& notes) {
    primary_.start(plan_year, date, notes);
  }

  /// Steps 2 and 3 under both payers; the notes are the primary's.
  template <class Notes>
  [[nodiscard]] static PricedLine price(const Coverage& c, const ChargeLine& line, Notes& notes) {
    PricedLine p{PayerAdjudicator::price(c, line, notes), std::nullopt};
    if (c.secondary && c.secondary->coverage) {
      NoNotes silent;
      p.secondary = PayerAdjudicator::price(*c.secondary->coverage, line, silent);
    }
    return p;
  }

  /// Steps 4 to 10 of @p line priced as @p p.
  template <class Notes>
  [[nodiscard]] LineAmounts settle(const ChargeLine& line, const PricedLine& p, Notes& notes) {
    auto a = primary_.settle(line, p.primary, notes);
    primary_.coordinate(line, p.primary, a, secondary_ ? &*secondary_ : nullptr,
                        p.secondary ? &*p.secondary : nullptr, notes);
    return a;
  }

  /// The primary's accumulators after the last line.
  [[nodiscard]] const AccumulatorState& state() const noexcept { return primary_.state(); }

 private:
  PayerAdjudicator primary_;
  std::optional<PayerAdjudicator> secondary_;
};

}  // namespace iop::detail
