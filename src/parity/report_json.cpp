// The parity report as JSON: written with every member named through its declaration
// (declarations/parity_report.py) and read back by the same names.
#include <string>

#include <nlohmann/json.hpp>

#include "analysis.hpp"
#include "data.hpp"
#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/parity/report.hpp"

namespace iop::parity {

using nlohmann::json;

namespace {

using decl::key;

// One type test of a classification: its levels, the predominant level's steps and each check.
json test_json(const TypeTest& t) {
  namespace T = decl::parity_report_test;
  namespace LV = decl::parity_report_test_level;
  namespace CI = decl::parity_report_test_combination_item;
  namespace CK = decl::parity_report_test_check;
  json levels = json::array();
  for (const auto& l : t.levels)
    levels.push_back({{key(LV::level), l.level}, {key(LV::display), format_level(t.type, l.level)},
                      {key(LV::payments), l.payments}, {key(LV::share), l.share.to_string()}});
  json steps = json::array();
  for (const auto& s : t.combination)
    steps.push_back({{key(CI::level), s.level}, {key(CI::cumulative), s.cumulative},
                     {key(CI::cumulative_share), s.cumulative_share.to_string()}});
  json checks = json::array();
  for (const auto& c : t.checks) {
    json j{{key(CK::benefit), c.benefit}, {key(CK::level), c.level}, {key(CK::pass), c.pass}, {key(CK::reason), c.reason}};
    j[key(CK::permitted)] = c.permitted ? json(*c.permitted) : json(nullptr);
    checks.push_back(std::move(j));
  }
  json j{{key(T::coverage_unit), t.coverage_unit},
         {key(T::classification), to_string(t.key.classification)},
         {key(T::subclassification), to_string(t.key.subclassification)},
         {key(T::tier), t.key.tier},
         {key(T::type), to_string(t.type)},
         {key(T::period), to_string(t.period)},
         {key(T::total_payments), t.total_payments},
         {key(T::subject_payments), t.subject_payments},
         {key(T::subject_share), t.subject_share.to_string()},
         {key(T::threshold), "2/3"},
         {key(T::substantially_all), t.substantially_all},
         {key(T::levels), levels},
         {key(T::combined), t.combined},
         {key(T::combination), steps},
         {key(T::rule), t.rule},
         {key(T::checks), checks}};
  j[key(T::predominant)] = t.predominant ? json(*t.predominant) : json(nullptr);
  j[key(T::predominant_display)] = t.predominant ? json(format_level(t.type, *t.predominant)) : json(nullptr);
  return j;
}

// One dollar-limit test (aggregate lifetime or annual).
json dollar_limit_json(const DollarLimitTest& t) {
  namespace DL = decl::parity_report_dollar_limit_test;
  namespace MH = decl::parity_report_dollar_limit_test_mental_health;
  json mh{{key(MH::application), to_string(t.mental_health.application)}};
  mh[key(MH::limit)] = t.mental_health.limit ? json(*t.mental_health.limit) : json(nullptr);
  json j{{key(DL::kind), to_string(t.kind)},
         {key(DL::total_payments), t.total_payments},
         {key(DL::limited_payments), t.limited_payments},
         {key(DL::limited_share), t.limited_share.to_string()},
         {key(DL::test), t.test},
         {key(DL::average_exact), t.average_exact},
         {key(DL::mental_health), mh},
         {key(DL::pass), t.pass},
         {key(DL::reason), t.reason},
         {key(DL::rule), t.rule}};
  j[key(DL::medical_surgical_limit)] = t.medical_surgical_limit ? json(*t.medical_surgical_limit) : json(nullptr);
  return j;
}

}  // namespace

json to_json(const ParityReport& r) {
  namespace R = decl::parity_report;
  namespace FI = decl::parity_report_finding;
  namespace RS = decl::parity_rule_set;
  json tests = json::array();
  for (const auto& t : r.tests) tests.push_back(test_json(t));
  json findings = json::array();
  for (const auto& f : r.findings) {
    json finding{{key(FI::severity), f.severity}, {key(FI::topic), f.topic}, {key(FI::message), f.message},
                 {key(FI::rule), f.rule}};
    if (f.new_in_2024_rule) finding[key(FI::new_in_2024_rule)] = true;
    findings.push_back(std::move(finding));
  }
  json dollar = json::array();
  for (const auto& t : r.dollar_limit_tests) dollar.push_back(dollar_limit_json(t));
  return {{key(R::plan), r.plan},
          {key(R::coverage_unit), r.coverage_unit},
          {key(R::coverage_units), r.coverage_units},
          {key(R::plan_year_start), to_iso_string(r.plan_year_start)},
          {key(R::subject_to_parity), r.subject_to_parity},
          {key(R::passes), r.passes()},
          {key(R::tests), tests},
          {key(R::dollar_limit_tests), dollar},
          {key(R::findings), findings},
          {key(R::provisions), to_json(r.provisions)},
          {key(R::rule_set),
           {{key(RS::id), to_string(r.rule_set.id)},
            {key(RS::name), r.rule_set.name},
            {key(RS::as_of), to_iso_string(r.rule_set.as_of)},
            {key(RS::source), r.rule_set.source}}},
          {key(R::untested_classifications), r.untested}};
}

json to_json(const std::vector<Provision>& provisions) {
  namespace PV = decl::parity_report_provision;
  json out = json::array();
  for (const auto& p : provisions)
    out.push_back({{key(PV::name), p.name}, {key(PV::applies_from), to_iso_string(p.applies_from)},
                   {key(PV::applies), p.applies}, {key(PV::enforced), p.enforced}, {key(PV::in_rule_set), p.in_rule_set},
                   {key(PV::source), p.source}});
  return out;
}

namespace {

// One test of a quantitative treatment limitation type (a member of `tests`), read back as iop wrote it.
TypeTest read_type_test(const JsonReader& t) {
  t.expect_only(decl::parity_report_test::members);
  TypeTest test;
  test.coverage_unit = t.at(decl::parity_report_test::coverage_unit).as_string();
  const auto cls = t.at(decl::parity_report_test::classification);
  test.key.classification = parse_classification(cls.as_string(), cls.path());
  const auto sub = t.at(decl::parity_report_test::subclassification);
  test.key.subclassification = parse_subclassification(sub.as_string(), sub.path());
  test.key.tier = t.at(decl::parity_report_test::tier).as_string();
  const auto type = t.at(decl::parity_report_test::type);
  test.type = parse_limit_type(type.as_string(), type.path());
  const auto period = t.at(decl::parity_report_test::period);
  if (period.as_string() != "none") test.period = parse_limit_period(period.as_string(), period.path());
  test.total_payments = t.at(decl::parity_report_test::total_payments).as_money();
  test.subject_payments = t.at(decl::parity_report_test::subject_payments).as_money();
  test.subject_share = t.at(decl::parity_report_test::subject_share).as_rate();
  test.substantially_all = t.at(decl::parity_report_test::substantially_all).as_bool();
  const auto levels = t.at(decl::parity_report_test::levels);
  for (std::size_t k = 0; k < levels.array_size(); ++k) {
    const auto l = levels.at(k);
    l.expect_only(decl::parity_report_test_level::members);
    test.levels.push_back({l.at(decl::parity_report_test_level::level).as_int(INT64_MIN + 1, INT64_MAX),
                           l.at(decl::parity_report_test_level::payments).as_money(),
                           l.at(decl::parity_report_test_level::share).as_rate()});
  }
  if (auto p = t.find(decl::parity_report_test::predominant)) test.predominant = p->as_int(INT64_MIN + 1, INT64_MAX);
  test.combined = t.at(decl::parity_report_test::combined).as_bool();
  const auto steps = t.at(decl::parity_report_test::combination);
  for (std::size_t k = 0; k < steps.array_size(); ++k) {
    namespace D = decl::parity_report_test_combination_item;
    const auto step = steps.at(k);
    step.expect_only(D::members);
    test.combination.push_back({step.at(D::level).as_int(INT64_MIN + 1, INT64_MAX), step.at(D::cumulative).as_money(),
                                step.at(D::cumulative_share).as_rate()});
  }
  test.rule = t.at(decl::parity_report_test::rule).as_string();
  const auto checks = t.at(decl::parity_report_test::checks);
  for (std::size_t k = 0; k < checks.array_size(); ++k) {
    const auto c = checks.at(k);
    c.expect_only(decl::parity_report_test_check::members);
    MhSudCheck check{c.at(decl::parity_report_test_check::benefit).as_string(), c.at(decl::parity_report_test_check::level).as_int(INT64_MIN + 1, INT64_MAX), std::nullopt,
                     c.at(decl::parity_report_test_check::pass).as_bool(), c.at(decl::parity_report_test_check::reason).as_string()};
    if (auto p = c.find(decl::parity_report_test_check::permitted)) check.permitted = p->as_int(INT64_MIN + 1, INT64_MAX);
    test.checks.push_back(std::move(check));
  }
  return test;
}

// One test of an aggregate lifetime or annual dollar limit (a member of `dollar_limit_tests`).
DollarLimitTest read_dollar_limit_test(const JsonReader& t) {
  t.expect_only(decl::parity_report_dollar_limit_test::members);
  DollarLimitTest test;
  const auto kind = t.at(decl::parity_report_dollar_limit_test::kind).as_string();
  test.kind = kind == "lifetime" ? DollarLimitKind::lifetime : DollarLimitKind::annual;
  if (kind != "lifetime" && kind != "annual")
    throw NotFoundError(t.at(decl::parity_report_dollar_limit_test::kind).path(), iop::quoted(kind), "is not a dollar limit kind", "lifetime, annual");
  test.total_payments = t.at(decl::parity_report_dollar_limit_test::total_payments).as_money();
  test.limited_payments = t.at(decl::parity_report_dollar_limit_test::limited_payments).as_money();
  test.limited_share = t.at(decl::parity_report_dollar_limit_test::limited_share).as_rate();
  test.test = t.at(decl::parity_report_dollar_limit_test::test).as_string();
  if (auto v = t.find(decl::parity_report_dollar_limit_test::medical_surgical_limit)) test.medical_surgical_limit = v->as_money();
  test.average_exact = t.at(decl::parity_report_dollar_limit_test::average_exact).as_bool();
  const auto mh = t.at(decl::parity_report_dollar_limit_test::mental_health);
  mh.expect_only(decl::parity_report_dollar_limit_test_mental_health::members);
  const auto application = mh.at(decl::parity_report_dollar_limit_test_mental_health::application).as_string();
  using A = MhSudDollarLimit::Application;
  test.mental_health.application = application == "joint" ? A::joint : application == "separate" ? A::separate : A::none;
  if (application != "none" && application != "joint" && application != "separate")
    throw NotFoundError(mh.at(decl::parity_report_dollar_limit_test_mental_health::application).path(), iop::quoted(application), "is not an application",
                        "none, joint, separate");
  if (auto v = mh.find(decl::parity_report_dollar_limit_test_mental_health::limit)) test.mental_health.limit = v->as_money();
  test.pass = t.at(decl::parity_report_dollar_limit_test::pass).as_bool();
  test.reason = t.at(decl::parity_report_dollar_limit_test::reason).as_string();
  test.rule = t.at(decl::parity_report_dollar_limit_test::rule).as_string();
  return test;
}

}  // namespace

ParityReport report_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  // Members iop writes from the others (passes, threshold, the display forms) are declared, so read back they
  // are taken as written by iop; any other member is refused.
  in.expect_only(decl::parity_report::members);
  ParityReport r;
  r.plan = in.at(decl::parity_report::plan).as_string();
  r.coverage_unit = in.at(decl::parity_report::coverage_unit).as_string();
  const auto units = in.at(decl::parity_report::coverage_units);
  for (std::size_t i = 0; i < units.array_size(); ++i) r.coverage_units.push_back(units.at(i).as_string());
  r.plan_year_start = in.at(decl::parity_report::plan_year_start).as_date();
  r.subject_to_parity = in.at(decl::parity_report::subject_to_parity).as_bool();
  const auto tests = in.at(decl::parity_report::tests);
  for (std::size_t i = 0; i < tests.array_size(); ++i) r.tests.push_back(read_type_test(tests.at(i)));
  const auto dollar = in.at(decl::parity_report::dollar_limit_tests);
  for (std::size_t i = 0; i < dollar.array_size(); ++i) r.dollar_limit_tests.push_back(read_dollar_limit_test(dollar.at(i)));
  const auto findings = in.at(decl::parity_report::findings);
  for (std::size_t i = 0; i < findings.array_size(); ++i) {
    const auto f = findings.at(i);
    f.expect_only(decl::parity_report_finding::members);
    Finding finding{f.at(decl::parity_report_finding::severity).as_string(), f.at(decl::parity_report_finding::topic).as_string(),
                    f.at(decl::parity_report_finding::message).as_string(), f.at(decl::parity_report_finding::rule).as_string()};
    if (auto v = f.find(decl::parity_report_finding::new_in_2024_rule)) finding.new_in_2024_rule = v->as_bool();
    r.findings.push_back(std::move(finding));
  }
  const auto provisions = in.at(decl::parity_report::provisions);
  for (std::size_t i = 0; i < provisions.array_size(); ++i) {
    const auto p = provisions.at(i);
    namespace D = decl::parity_report_provision;
    p.expect_only(D::members);
    Provision provision{p.at(D::name).as_string(), p.at(D::applies_from).as_date(), p.at(D::applies).as_bool(),
                        p.at(D::enforced).as_bool(), p.at(D::source).as_string()};
    if (auto v = p.find(D::in_rule_set)) provision.in_rule_set = v->as_bool();
    r.provisions.push_back(std::move(provision));
  }
  if (auto v = in.find(decl::parity_report::rule_set)) {
    namespace R = decl::parity_rule_set;
    v->expect_only(R::members);
    const auto id = v->at(R::id);
    r.rule_set = {parse_rule_set(id.as_string(), id.path()), v->at(R::name).as_string(), v->at(R::as_of).as_date(),
                  v->at(R::source).as_string()};
  }
  if (auto v = in.find(decl::parity_report::untested_classifications))
    for (std::size_t i = 0; i < v->array_size(); ++i) r.untested.push_back(v->at(i).as_string());
  return r;
}

}  // namespace iop::parity
