#pragma once
/// @file
/// @brief The arithmetic of `adjudicate`, one claim line at a time (internal).
///
/// `adjudicate` explains every line (each rule as text); a Monte Carlo run
/// needs only the amounts, thousands of times. Both go through this one
/// implementation: the `Notes` parameter either records the rule texts
/// (`RuleNotes`) or compiles them away (`NoNotes`), so the figures cannot drift
/// apart. Lines must be given in date order.

#include <string>
#include <vector>

#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"

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

/// The patient's and the plan's shares of one line.
struct LineAmounts {
  bool covered = true;  ///< covered by the plan
  Money deductible;     ///< patient's deductible
  Money copay;          ///< patient's copay
  Money coinsurance;    ///< patient's coinsurance
  Money patient;        ///< patient's share (after the out-of-pocket cap)
  Money plan;           ///< plan's share
};

/// Carries the accumulators from line to line under one coverage.
class Adjudicator {
 public:
  /// @param coverage a validated coverage (kept by reference: it must outlive the adjudicator)
  explicit Adjudicator(const Coverage& coverage)
      : c_(coverage),
        family_deductible_(coverage.deductible_family.value_or(coverage.deductible_individual)),
        family_oop_(coverage.oop_family.value_or(coverage.oop_individual)) {}

  /// Step 1: resets the accumulators when @p plan_year (the first day of the line's plan year) is new.
  template <class Notes>
  void start(Date plan_year, Notes& notes) {
    if (year_ && plan_year == *year_) return;
    const bool first = !year_;
    year_ = plan_year;
    acc_ = AccumulatorState{plan_year, Money(), Money(), Money(), Money(), 0, first ? 0 : acc_.authorized_units_used};
    last_counted_ = Date();
    if (c_.accumulators && c_.plan_year_of(c_.accumulators->as_of) == plan_year) {
      const auto& met = *c_.accumulators;
      acc_.deductible_individual = met.deductible_individual;
      acc_.deductible_family = max(met.deductible_family, met.deductible_individual);
      acc_.oop_individual = met.oop_individual;
      acc_.oop_family = max(met.oop_family, met.oop_individual);
      acc_.visits_used = met.visits_used;
      notes.add([&] { return "accumulators met as of " + to_iso_string(met.as_of) + " applied"; });
    }
    if (!first) notes.add([&] { return "new plan year from " + to_iso_string(plan_year) + ": accumulators reset"; });
  }

  /// Step 2: the allowed amount of a charge.
  template <class Notes>
  [[nodiscard]] static Money allowed(const Coverage& c, const ChargeLine& line, Notes& notes) {
    if (const auto it = c.allowed_amounts.find(line.code); it != c.allowed_amounts.end() && line.charge > Money()) {
      notes.add([&] { return "allowed: contracted " + it->second.to_string() + " for " + line.code; });
      return min(it->second * line.units, line.charge);
    }
    if (c.allowed_share != Rate::percent(100))
      notes.add([&] { return "allowed: " + c.allowed_share.to_string() + " of the charge"; });
    return line.charge.apply(c.allowed_share);
  }

  /// Steps 3 to 7 for a line of @p allowed on @p date (@p program_day: the line belongs to a program day).
  /// @throws ValidationError naming @p uid if an invariant breaks (never expected).
  template <class Notes>
  [[nodiscard]] LineAmounts settle(Date date, bool program_day, Money allowed, const std::string& uid, Notes& notes) {
    LineAmounts a;
    // 3. covered? (lines come in date order, so a day is counted when its first covered line is)
    const bool counts_a_day = program_day && date != last_counted_;
    if (!c_.files_claims()) {
      a.covered = false;
      notes.add([&] { return std::string(c_.uninsured ? "uninsured: the patient pays" : "self-pay: no claim is filed"); });
    } else if (c_.visit_limit && counts_a_day && acc_.visits_used >= *c_.visit_limit) {
      a.covered = false;
      notes.add([&] {
        return "visit limit of " + std::to_string(*c_.visit_limit) + " days a plan year reached: not covered";
      });
    } else if (c_.authorization && program_day &&
               (date < c_.authorization->first_day || date > c_.authorization->last_day)) {
      a.covered = false;
      notes.add([&] {
        return "outside prior authorisation " + c_.authorization->reference + " (" +
               to_iso_string(c_.authorization->first_day) + ".." + to_iso_string(c_.authorization->last_day) +
               "): not covered";
      });
    } else if (c_.authorization && counts_a_day && acc_.authorized_units_used >= c_.authorization->units) {
      a.covered = false;
      notes.add([&] {
        return "prior authorisation " + c_.authorization->reference + ": all " +
               std::to_string(c_.authorization->units) + " units used: not covered";
      });
    }
    if (counts_a_day && a.covered) {
      last_counted_ = date;
      ++acc_.visits_used;
      if (c_.authorization) ++acc_.authorized_units_used;
    }

    if (!a.covered) {
      a.patient = allowed;
      notes.add([&] { return "patient pays the allowed amount " + allowed.to_string(); });
    } else {
      // 4. deductible, 5. copay or coinsurance
      Money rest = allowed;
      if (c_.copay_before_deductible && c_.copay > Money()) {
        a.copay = min(c_.copay, rest);
        notes.add([&] { return "copay " + c_.copay.to_string() + " before the deductible (deductible not applied)"; });
      } else {
        const Money deductible_room = min(remaining(c_.deductible_individual, acc_.deductible_individual),
                                          remaining(family_deductible_, acc_.deductible_family));
        a.deductible = min(rest, deductible_room);
        rest -= a.deductible;
        if (a.deductible > Money())
          notes.add([&] {
            return "deductible " + a.deductible.to_string() + " (" + deductible_room.to_string() + " remaining)";
          });
        else if (c_.deductible_individual > Money())
          notes.add([] { return std::string("deductible already met"); });
        if (rest > Money()) {
          if (c_.copay > Money()) {
            a.copay = min(c_.copay, rest);
            notes.add([&] { return "copay " + a.copay.to_string(); });
          } else if (!c_.coinsurance.is_zero()) {
            a.coinsurance = rest.apply(c_.coinsurance);
            notes.add([&] {
              return "coinsurance " + c_.coinsurance.to_string() + " of " + rest.to_string() + " = " +
                     a.coinsurance.to_string();
            });
          }
        }
      }
      // 6. out-of-pocket cap
      const Money share = a.deductible + a.copay + a.coinsurance;
      const Money room = min(remaining(c_.oop_individual, acc_.oop_individual), remaining(family_oop_, acc_.oop_family));
      a.patient = min(share, room);
      if (a.patient < share) {
        notes.add([&] {
          return "out-of-pocket maximum reached: patient share capped at " + a.patient.to_string() + " (" +
                 room.to_string() + " room left)";
        });
        // The cap takes from coinsurance, then copay, then deductible.
        Money excess = share - a.patient;
        for (Money* part : {&a.coinsurance, &a.copay, &a.deductible}) {
          const Money cut = min(*part, excess);
          *part -= cut;
          excess -= cut;
        }
      }
      a.plan = allowed - a.patient;
      acc_.deductible_individual += a.deductible;
      acc_.deductible_family += a.deductible;
      acc_.oop_individual += a.patient;
      acc_.oop_family += a.patient;
    }

    // 7. invariants, checked on every line.
    if (a.patient + a.plan != allowed || a.patient < Money() || a.plan < Money())
      throw ValidationError("adjudication", uid, "broke patient + plan = allowed", "an internal invariant");
    if (a.covered && acc_.oop_individual > c_.oop_individual)
      throw ValidationError("adjudication", uid, "broke the out-of-pocket maximum", "an internal invariant");
    return a;
  }

  /// The accumulators after the last line.
  [[nodiscard]] const AccumulatorState& state() const noexcept { return acc_; }

 private:
  static Money remaining(Money limit, Money met) { return max(limit - met, Money()); }

  const Coverage& c_;
  Money family_deductible_;
  Money family_oop_;
  std::optional<Date> year_;
  AccumulatorState acc_{};
  Date last_counted_;  // the last day counted against a visit limit or authorisation (not-a-date: none)
};

}  // namespace iop::detail
