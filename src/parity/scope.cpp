// Scope and exemptions: whether the parity tests apply to the plan at all.

#include <string>
#include <vector>

#include "analysis.hpp"
#include "iop/core/date.hpp"

namespace iop::parity::analysis {
namespace {

constexpr const char* kSmallEmployer =
    "29 U.S.C. 1185a(c)(1) (small employer: an average of at least 2, or 1 where the state permits one-person small "
    "groups, and at most 50 employees on business days in the preceding calendar year; 26 U.S.C. 414(b), (c), (m), (o) "
    "aggregation; a new employer's reasonably expected size)";
constexpr const char* kEhbParity =
    "45 CFR 156.115(a)(3) (essential health benefits must comply with MHPAEA in non-grandfathered individual and "
    "small-group insured coverage)";
constexpr const char* kCostExemption =
    "29 U.S.C. 1185a(c)(2) (increase over 2% in the first plan year of compliance, 1% later; determined after the "
    "first 6 months, certified in writing by a member of the American Academy of Actuaries; notice to the Secretary, "
    "state agencies and participants; exemption for the following plan year only)";

// The same day @p months later, clamped to the month's last day (no end-of-month snapping).
Date add_months(Date d, int months) {
  const int index = static_cast<int>(d.year()) * 12 + static_cast<int>(d.month()) - 1 + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                          static_cast<unsigned short>(month));
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(std::min(static_cast<int>(d.day()), last)));
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

void sponsor_finding(const BenefitDesign& d, ParityReport& report) {
  switch (d.status.sponsor) {
    case Sponsor::unstated:
      report.findings.push_back({"info", "scope",
                                 "The design does not state the plan's sponsor, so iop applies the rules for a private "
                                 "employer's group health plan.",
                                 "29 U.S.C. 1185a; 26 U.S.C. 9812; 42 U.S.C. 300gg-26"});
      break;
    case Sponsor::private_employer: break;
    case Sponsor::church:
      report.findings.push_back({"info", "scope",
                                 "A church plan is outside ERISA, and MHPAEA reaches it through the Internal Revenue "
                                 "Code instead.",
                                 "29 U.S.C. 1003(b)(2); 26 U.S.C. 9812; 26 CFR 54.9812-1"});
      break;
    case Sponsor::non_federal_governmental:
      report.findings.push_back(
          {"info", "scope",
           "A non-federal governmental plan is outside ERISA and the Internal Revenue Code's group health plan rules, "
           "and MHPAEA reaches it through the Public Health Service Act; the election that let self-funded "
           "non-federal governmental plans opt out was ended for MHPAEA by the Consolidated Appropriations Act, 2023 "
           "(the dates for elections already made are unconfirmed).",
           "29 U.S.C. 1003(b)(1); 26 U.S.C. 9831(a)(1); 42 U.S.C. 300gg-26; 45 CFR 146.136"});
      break;
    case Sponsor::federal_governmental:
      report.subject_to_parity = false;
      report.findings.push_back({"info", "scope",
                                 "A federal governmental plan is outside ERISA, the Internal Revenue Code's group health "
                                 "plan rules and the Public Health Service Act's rules for non-federal governmental "
                                 "plans, so these MHPAEA tests do not apply to it.",
                                 "29 U.S.C. 1003(b)(1); 26 U.S.C. 9831(a)(1); 42 U.S.C. 300gg-26"});
      break;
  }
}

// The employer's size with its derivation, e.g. "30 employees ... plus 15 at Sister Co ...: 45 in all".
std::string size_text(const EmployerSize& e, int& total) {
  const bool prior = e.average_employees_prior_year.has_value();
  total = prior ? *e.average_employees_prior_year : *e.expected_employees_current_year;
  std::string text = prior ? "The employer averaged " + plural(total, "employee", "employees") +
                                 " on business days in the preceding calendar year"
                           : "The employer, not in existence throughout the preceding calendar year, is reasonably "
                             "expected to average " +
                                 plural(total, "employee", "employees") + " on business days in the current calendar year";
  if (!e.controlled_group.empty()) {
    std::vector<std::string> members;
    for (const auto& m : e.controlled_group) {
      members.push_back(std::to_string(m.employees) + " at " + m.name);
      total += m.employees;
    }
    text += ", plus " + join_and(members) + ", treated as one employer under 26 U.S.C. 414(b), (c), (m) or (o): " +
            std::to_string(total) + " in all";
  }
  return text;
}

void small_employer(const BenefitDesign& d, ParityReport& report) {
  if (!d.employer) return;
  if (d.status.sponsor == Sponsor::non_federal_governmental || d.status.sponsor == Sponsor::federal_governmental) {
    report.findings.push_back(
        {"finding", "small employer exemption",
         "iop does not conclude a small-employer exemption for a governmental plan: the Public Health Service Act's "
         "threshold for such plans (given as 100 employees by a secondary source) is unconfirmed.",
         "42 U.S.C. 300gg-26(c)(1) (threshold unconfirmed)"});
    return;
  }
  int total = 0;
  const std::string size = size_text(*d.employer, total);
  const int floor = d.employer->state_permits_one_person_small_group ? 1 : 2;
  if (total < floor || total > 50) {
    report.findings.push_back({"info", "small employer exemption",
                               size + ", " + (total > 50 ? "more than 50" : "fewer than the floor of " + std::to_string(floor)) +
                                   ", so it is not a small employer and the exemption does not apply.",
                               kSmallEmployer});
    return;
  }
  const std::string small = size + ", at least " + std::to_string(floor) + " and at most 50, so it is a small employer";
  const auto& s = d.status;
  const bool insured_small_market =
      s.funding == Funding::fully_insured && (s.market == Market::small_group || s.market == Market::individual);
  if (insured_small_market && s.grandfathered != true) {
    if (s.grandfathered == false) {
      report.findings.push_back({"info", "small employer exemption",
                                 small + ", but its non-grandfathered insured " + std::string(to_string(s.market)) +
                                     " coverage must still meet parity as an essential health benefit, so the tests "
                                     "apply.",
                                 std::string(kSmallEmployer) + "; " + kEhbParity});
    } else {
      report.findings.push_back({"finding", "small employer exemption",
                                 small + ", but the design does not say whether its insured " +
                                     std::string(to_string(s.market)) +
                                     " coverage is grandfathered; non-grandfathered coverage must meet parity as an "
                                     "essential health benefit, so iop runs the tests until the status is recorded.",
                                 std::string(kSmallEmployer) + "; " + kEhbParity});
    }
    return;
  }
  if (s.funding == Funding::unstated || (s.funding == Funding::fully_insured && s.market == Market::unstated)) {
    report.findings.push_back({"finding", "small employer exemption",
                               small + ", but the design does not state the plan's funding and market; insured "
                                       "small-group or individual coverage that is not grandfathered must meet parity as "
                                       "an essential health benefit, so iop runs the tests until these are recorded.",
                               std::string(kSmallEmployer) + "; " + kEhbParity});
    return;
  }
  report.subject_to_parity = false;
  report.findings.push_back({"info", "small employer exemption",
                             small + " and the plan is exempt for this plan year" +
                                 (insured_small_market ? " (its grandfathered coverage is not held to the essential "
                                                         "health benefit rules)"
                                                       : "") +
                                 ".",
                             insured_small_market ? std::string(kSmallEmployer) + "; " + kEhbParity : kSmallEmployer});
}

void cost_exemption(const BenefitDesign& d, ParityReport& report) {
  if (!d.cost_exemption) return;
  const auto& e = *d.cost_exemption;
  const Rate threshold = e.compliance_year == 1 ? Rate::percent(2) : Rate::percent(1);
  const std::string measured = to_iso_string(e.measured_plan_year_start);
  const Date following = add_months(e.measured_plan_year_start, 12);
  const std::string increase = "complying raised actual total costs of coverage by " + e.cost_increase.to_string() +
                               " in the plan year starting " + measured + " (plan year " +
                               std::to_string(e.compliance_year) + " of compliance, threshold more than " +
                               threshold.to_string() + ")";
  std::vector<std::string> missing;
  if (!(e.cost_increase > threshold)) missing.push_back("the increase is not more than " + threshold.to_string());
  const Date six_months = add_months(e.measured_plan_year_start, 6);
  if (!e.determined_on)
    missing.push_back("the date of the determination is not recorded");
  else if (*e.determined_on < six_months)
    missing.push_back("it was determined on " + to_iso_string(*e.determined_on) + ", before the first six months ended on " +
                      to_iso_string(six_months));
  if (!e.certification)
    missing.push_back("no actuary's written certification is recorded");
  else if (!e.certification->american_academy_of_actuaries_member)
    missing.push_back("the certifying actuary, " + e.certification->actuary +
                      ", is not recorded as a member of the American Academy of Actuaries");
  std::vector<std::string> absent;
  if (!e.notice_to_secretary) absent.push_back("the Secretary");
  if (!e.notice_to_state) absent.push_back("the state agencies");
  if (!e.notice_to_participants) absent.push_back("the participants and beneficiaries");
  if (!absent.empty()) missing.push_back("no notice to " + join_and(absent) + " is recorded");

  if (d.plan_year_start == e.measured_plan_year_start) {
    report.findings.push_back({"info", "increased cost exemption",
                               "In this plan year " + increase + "; " +
                                   (missing.empty() ? "it qualifies" : "it does not yet qualify (" + join_and(missing) + ")") +
                                   ", and an exemption could cover only the following plan year, starting " +
                                   to_iso_string(following) + ".",
                               kCostExemption});
    return;
  }
  if (d.plan_year_start != following) {
    report.findings.push_back({"info", "increased cost exemption",
                               "The increase measured in the plan year starting " + measured +
                                   " can exempt only the plan year starting " + to_iso_string(following) +
                                   ", not the plan year analysed, which starts " + to_iso_string(d.plan_year_start) + ".",
                               kCostExemption});
    return;
  }
  if (!missing.empty()) {
    report.findings.push_back({"finding", "increased cost exemption",
                               "Not exempt for the plan year starting " + to_iso_string(d.plan_year_start) + ": " +
                                   increase + ", but " + join_and(missing) + ".",
                               kCostExemption});
    return;
  }
  report.subject_to_parity = false;
  const auto& c = *e.certification;
  report.findings.push_back(
      {"info", "increased cost exemption",
       "Exempt for the plan year starting " + to_iso_string(d.plan_year_start) + " only: " + increase +
           "; the increase was determined on " + to_iso_string(*e.determined_on) +
           ", after the first six months, certified in writing by " + c.actuary +
           ", a member of the American Academy of Actuaries, on " + to_iso_string(c.certified_on) +
           ", and the election was notified to the Secretary on " + to_iso_string(*e.notice_to_secretary) +
           ", the state agencies on " + to_iso_string(*e.notice_to_state) + " and the participants on " +
           to_iso_string(*e.notice_to_participants) + ".",
       kCostExemption});
}

}  // namespace

void scope(const BenefitDesign& d, ParityReport& report) {
  if (!d.has_mental_health_benefits) {
    report.subject_to_parity = false;
    report.findings.push_back({"info", "scope",
                               "The plan provides no mental health or substance use disorder benefits, so MHPAEA's "
                               "tests do not apply; the law does not require such benefits.",
                               "29 U.S.C. 1185a(b)"});
  }
  sponsor_finding(d, report);
  if (d.participants_current_employees && *d.participants_current_employees < 2) {
    report.subject_to_parity = false;
    report.findings.push_back(
        {"info", "scope",
         "On the first day of the plan year the plan had " +
             plural(*d.participants_current_employees, "participant who is a current employee",
                    "participants who are current employees") +
             ", fewer than two, so the group health plan rules, parity among them, do not apply.",
         "26 U.S.C. 9831(a)(2) (its ERISA counterpart, 29 U.S.C. 1191a(a), not retrieved)"});
  }
  if (d.status.grandfathered == true)
    report.findings.push_back({"info", "scope",
                               "Grandfathered status does not exempt a plan from MHPAEA, which has no grandfather rule; "
                               "it matters only for the ACA's essential health benefit rules.",
                               "29 U.S.C. 1185a; 45 CFR 147.140"});
  small_employer(d, report);
  cost_exemption(d, report);
}

}  // namespace iop::parity::analysis
