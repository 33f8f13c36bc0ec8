// An episode worked by hand: examples/episode.json.
//
// la-depression-iop (180-minute program days, $300 default per diem), 6 weeks x 5 days from Monday 2026-03-02,
// PHQ-9 baseline 18, reviews every 14 days; a clinic closure on Friday 2026-03-20 (skipped).
// Week 1 (03-02..06): 5 attended. Week 2 (03-09..13): 5 missed. Week 3: 03-16..19 attended, 03-20 closed.
// 03-23: extend by 2 weeks (A2 requested) -> 8 weeks, to 2026-04-26. Week 4 and 5: 5 + 5 attended.
// 03-30: step down to Monday/Wednesday/Friday from 04-06. Week 6: 04-06, 08, 10 attended.
// 04-13: planned discharge effective 04-17. Week 7: 04-13, 15, 17 attended.
// Program days: 5 + 5 + 4 + 5 + 5 + 3 + 3 = 30; attended 25, missed 5.
// Coverage: $1,000 deductible, 20% coinsurance, $3,000 out-of-pocket maximum, nothing met; every attended day
// charged $300 (authorisations A1 03-02..03-27 and A2 03-28..04-24 cover them all). The patient pays the first
// three days in full ($900), $100 + 20% x $200 = $140 on the fourth, then $60 a day.

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/episode/episode.hpp"

namespace {

using nlohmann::json;
using iop::Date;

json example() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/episode.json");
  return json::parse(in);
}

iop::EpisodeState state_on(const Date& as_of, std::optional<Date> since = std::nullopt) {
  iop::EpisodeOptions options;
  options.since = since;
  return iop::episode_state(iop::episode_from_json(example()), as_of, options);
}

std::string refusal(const json& episode) {
  try {
    (void)iop::episode_state(iop::episode_from_json(episode), Date(2026, 4, 20));
  } catch (const iop::ValidationError& e) {
    return e.field() + ": " + e.what();
  } catch (const iop::NotFoundError& e) {
    return e.field() + ": " + e.what();
  }
  return "accepted";
}

TEST(Episode, AtRemissionTheReviewProposesDischarge) {
  // 2026-04-10: the extension and the step-down are in; the discharge is not decided yet.
  const auto s = state_on(Date(2026, 4, 10));
  EXPECT_EQ(s.status, iop::EpisodeStatus::in_treatment);
  // Up to 04-10: 5 + 4 + 5 + 5 + 3 = 22 attended, 5 missed; to come: 04-13, 15, 17, 20, 22, 24.
  EXPECT_EQ(s.sessions.attended, 22);
  EXPECT_EQ(s.sessions.missed, 5);
  EXPECT_EQ(s.sessions.unrecorded, 0);
  EXPECT_EQ(s.sessions.upcoming, 6);
  EXPECT_EQ(s.sessions.next_session, Date(2026, 4, 13));
  EXPECT_EQ(s.sessions.last_session, Date(2026, 4, 24));
  EXPECT_EQ(s.sessions.weekdays.size(), 3U);
  EXPECT_TRUE(s.sessions.weeks_outside_bounds.empty());
  // PHQ-9 18 -> 4: remission; the review proposes discharge with the plan's criteria.
  EXPECT_EQ(s.review->status, iop::ReviewStatus::remission);
  EXPECT_EQ(s.review->trajectory.scores().size(), 6U);
  EXPECT_EQ(s.proposal.action, iop::EpisodeDecision::discharge);
  EXPECT_EQ(s.proposal.reasons[2], "The plan's discharge criterion: PHQ-9 below 5.");
  EXPECT_EQ(s.proposal.reasons.back(), "The plan steps down to OP.");
  // The last decision (03-30) + 14 days; A2's concurrent review (04-17) comes later.
  EXPECT_EQ(s.next_review, Date(2026, 4, 13));
  ASSERT_TRUE(s.authorization);
  EXPECT_EQ(s.authorization->authorization.reference, "A2");
  EXPECT_EQ(s.authorization->used, 8);  // 03-30..04-03 and 04-06, 08, 10
  EXPECT_EQ(s.authorization->remaining_units, 12);
  EXPECT_EQ(s.authorization->remaining_days, 14);
  EXPECT_TRUE(s.pending_requests.empty());
  // Item 9 answered 1 on 03-19: a same-day follow-up warning, kept at the top.
  ASSERT_EQ(s.warnings.size(), 1U);
  EXPECT_NE(s.warnings[0].find("item 9"), std::string::npos);
  EXPECT_NE(s.warnings[0].find("episode.events[17]"), std::string::npos);
  EXPECT_EQ(s.gad7.size(), 1U);
  // Costs: 22 days so far: $6,600 charged, the patient $900 + $140 + 18 x $60 = $2,100... plus nothing else.
  ASSERT_TRUE(s.costs);
  EXPECT_EQ(s.costs->so_far.sessions, 22);
  EXPECT_EQ(s.costs->so_far.charges, iop::Money::from_cents(660000));
  EXPECT_EQ(s.costs->so_far.patient, iop::Money::from_cents(212000));
  EXPECT_EQ(s.costs->so_far.plan, iop::Money::from_cents(448000));
  // The 6 days to come as scheduled: $1,800, the patient 6 x $60.
  EXPECT_EQ(s.costs->expected.sessions, 6);
  EXPECT_EQ(s.costs->expected.charges, iop::Money::from_cents(180000));
  EXPECT_EQ(s.costs->expected.patient, iop::Money::from_cents(36000));
  EXPECT_EQ(s.costs->total.patient, iop::Money::from_cents(248000));
  EXPECT_EQ(s.costs->total.plan, iop::Money::from_cents(592000));
}

TEST(Episode, AfterTheDischargeWhatChangedIsAtTheTop) {
  const auto s = state_on(Date(2026, 4, 20), Date(2026, 4, 10));
  EXPECT_EQ(s.status, iop::EpisodeStatus::discharged);
  EXPECT_EQ(s.sessions.attended, 25);
  EXPECT_EQ(s.sessions.missed, 5);
  EXPECT_EQ(s.sessions.upcoming, 0);
  EXPECT_EQ(s.sessions.last_session, Date(2026, 4, 17));
  EXPECT_EQ(s.next_review, Date(2026, 4, 27));
  // 25 days: $7,500; the patient $900 + $140 + 21 x $60 = $2,300; the plan $5,200.
  EXPECT_EQ(s.costs->total.sessions, 25);
  EXPECT_EQ(s.costs->total.charges, iop::Money::from_cents(750000));
  EXPECT_EQ(s.costs->total.patient, iop::Money::from_cents(230000));
  EXPECT_EQ(s.costs->total.plan, iop::Money::from_cents(520000));
  EXPECT_EQ(s.costs->expected.sessions, 0);
  EXPECT_EQ(s.proposal.action, iop::EpisodeDecision::discharge);
  const std::vector<std::string> changes{
      "Status: in treatment -> discharged.",
      "Program days attended 22 -> 25, missed 5 -> 5.",
      "Last program day: 2026-04-24 -> 2026-04-17.",
      "Decided: 2026-04-13 planned discharge on 2026-04-17: Remission: PHQ-9 4. (events[38]).",
      "Next review: 2026-04-13 -> 2026-04-27.",
      "The patient's expected total: $2,480.00 -> $2,300.00."};
  EXPECT_EQ(s.changes, changes);
}

TEST(Episode, AnExtensionAwaitingItsAuthorisation) {
  // 2026-03-23: extended by 2 weeks (8 weeks of 5 days, to 04-24), A2 requested; A1 in force to 03-27.
  const auto s = state_on(Date(2026, 3, 23));
  EXPECT_EQ(s.sessions.attended, 10);  // week 1, 03-16..19, and 03-23
  EXPECT_EQ(s.sessions.missed, 5);
  EXPECT_EQ(s.sessions.last_session, Date(2026, 4, 24));
  EXPECT_EQ(s.sessions.upcoming, 24);  // 03-24..27 and weeks 5 to 8
  ASSERT_TRUE(s.authorization);
  EXPECT_EQ(s.authorization->used, 15);  // 5 + 5 + 4 + 1 program days (missed ones count)
  EXPECT_EQ(s.authorization->remaining_units, 5);
  EXPECT_EQ(s.authorization->remaining_days, 4);
  // A1's concurrent review on 03-25 comes before the plan's (03-23 + 14).
  EXPECT_EQ(s.next_review, Date(2026, 3, 25));
  ASSERT_EQ(s.pending_requests.size(), 1U);
  EXPECT_EQ(s.pending_requests[0], "A2 (requested 2026-03-23, events[19])");
  // 18 -> 14: on track; A1 ends within the review cadence with 20 program days after it.
  EXPECT_EQ(s.review->status, iop::ReviewStatus::on_track);
  EXPECT_EQ(s.proposal.action, iop::EpisodeDecision::continue_course);
  EXPECT_EQ(s.proposal.reasons.back(),
            "Authorisation A1 ends on 2026-03-27, within the review cadence, with 20 program days planned after it: "
            "request an extension (review due 2026-03-25; A2 requested).");
}

TEST(Episode, ASelfPayChangeOfScopeDueANewGoodFaithEstimate) {
  auto doc = example();
  doc["coverage"] = {{"payer", "self_pay"}, {"uninsured", true}};
  doc["events"].erase(doc["events"].begin());  // no authorisations for a self-pay course
  for (auto it = doc["events"].begin(); it != doc["events"].end();)
    it = it->at("kind") == "authorization" ? doc["events"].erase(it) : it + 1;
  const auto s = iop::episode_state(iop::episode_from_json(doc), Date(2026, 3, 30));
  // The extension adds weeks 7 and 8 from 04-13 (due the open day before: Friday 04-10); the step-down changes the
  // days from 04-06 (due Friday 04-03).
  std::vector<std::string> due;
  for (const auto& w : s.warnings)
    if (w.rfind("A new Good Faith Estimate is due by ", 0) == 0) due.push_back(w.substr(36, 10));
  EXPECT_EQ(due, (std::vector<std::string>{"2026-04-10", "2026-04-03"}));
  EXPECT_TRUE(s.good_faith_estimates.empty());  // no gfe (patient and provider): due, not produced
}

TEST(Episode, WithItsGfeASelfPayChangeOfScopeProducesTheNewEstimate) {
  // The same course with the patient and the provider of examples/gfe-case.json. As of 03-30:
  // - the extension (03-23): issued 03-23 for the added weeks as re-planned that day, 04-13..04-24 at 5 days a
  //   week: 10 program days x $300 = $3,000.00 (and a medication visit inside the per diem, $0.00); due 04-10;
  // - the step-down (03-30): issued 03-30 for 04-06..04-24 on Monday, Wednesday and Friday: 9 x $300 =
  //   $2,700.00; due 04-03.
  auto doc = example();
  doc["coverage"] = {{"payer", "self_pay"}, {"uninsured", true}};
  for (auto it = doc["events"].begin(); it != doc["events"].end();)
    it = it->at("kind") == "authorization" ? doc["events"].erase(it) : it + 1;
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/gfe-case.json");
  const auto gfe_case = json::parse(in);
  doc["gfe"] = {{"patient", gfe_case.at("patient")}, {"provider", gfe_case.at("provider")}};
  const auto s = iop::episode_state(iop::episode_from_json(doc), Date(2026, 3, 30));
  ASSERT_EQ(s.good_faith_estimates.size(), 2U);
  const auto& extension = s.good_faith_estimates[0];
  EXPECT_EQ(extension.issued_on, Date(2026, 3, 23));
  EXPECT_EQ(extension.total, iop::Money::from_cents(300000));
  EXPECT_EQ(extension.recurrence.sessions, 10);
  EXPECT_EQ(extension.recurrence.first_date, Date(2026, 4, 13));
  EXPECT_EQ(extension.recurrence.last_date, Date(2026, 4, 24));
  EXPECT_EQ(extension.recurrence.frequency, "5 days a week, 3 hours a day");
  EXPECT_EQ(extension.issue_by, Date(2026, 4, 10));
  const auto& step_down = s.good_faith_estimates[1];
  EXPECT_EQ(step_down.issued_on, Date(2026, 3, 30));
  EXPECT_EQ(step_down.total, iop::Money::from_cents(270000));
  EXPECT_EQ(step_down.recurrence.frequency, "3 days a week, 3 hours a day");
  EXPECT_EQ(step_down.issue_by, Date(2026, 4, 3));
  EXPECT_EQ(step_down.patient_name, "Alex Example");
  for (const auto& estimate : s.good_faith_estimates) EXPECT_NO_THROW(iop::validate_good_faith_estimate(estimate));

  // The step-down decided on Saturday 04-04 for Monday 04-06: its deadline, the open day before 04-06, is Friday
  // 04-03, a day before the decision: the estimate says it is late.
  auto late = doc;
  auto& events = late["events"];
  auto decided = std::find_if(events.begin(), events.end(), [](const json& e) { return e.value("decision", "") == "step_down"; });
  json moved = *decided;
  events.erase(decided);
  moved["date"] = "2026-04-04";
  events.insert(std::find_if(events.begin(), events.end(), [](const json& e) { return e.at("date") > "2026-04-04"; }), moved);
  const auto late_state = iop::episode_state(iop::episode_from_json(late), Date(2026, 4, 4));
  ASSERT_EQ(late_state.good_faith_estimates.size(), 2U);
  const auto& late_estimate = late_state.good_faith_estimates[1];
  EXPECT_EQ(late_estimate.issue_by, Date(2026, 4, 3));
  ASSERT_EQ(late_estimate.warnings.size(), 1U);
  EXPECT_EQ(late_estimate.warnings[0].rfind("Issued 2026-04-04, after its deadline 2026-04-03", 0), 0U) << late_estimate.warnings[0];

  auto declined = doc;  // Medicaid, which the program does not accept: the course is self-pay, the gfe taken
  declined["coverage"] = {{"payer", "medicaid"}, {"medicaid", {{"income", "above_150_percent_fpl"}, {"exempt", true}}}};
  EXPECT_EQ(iop::episode_state(iop::episode_from_json(declined), Date(2026, 3, 30)).good_faith_estimates.size(), 2U);
  auto insured = doc;  // a gfe for a course a plan pays is refused, not dropped
  insured["coverage"] = example().at("coverage");
  try {
    (void)iop::episode_from_json(insured);
    ADD_FAILURE() << "accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "episode.gfe");
  }
}

TEST(Episode, BadEventsAreRefusedByIndexAndField) {
  auto with = [](auto change) {
    auto doc = example();
    change(doc);
    return refusal(doc);
  };
  EXPECT_EQ(refusal(example()), "accepted");
  // Out of order.
  EXPECT_EQ(with([](json& d) { d["events"][2]["date"] = "2026-03-01"; }).substr(0, 24), "episode.events[2].date: ");
  // A decision before the plan starts.
  EXPECT_NE(with([](json& d) { d["events"][0] = {{"kind", "decision"}, {"date", "2026-02-27"}, {"decision", "continue"}}; })
                .find("is before the plan starts"),
            std::string::npos);
  // Two decisions on one day.
  EXPECT_NE(with([](json& d) {
              d["events"].insert(d["events"].begin() + 13, json::parse(R"({"kind": "decision", "date": "2026-03-16", "decision": "continue"})"));
            }).find("is the day of another decision (events[12])"),
            std::string::npos);
  // A decision after the discharge.
  EXPECT_NE(with([](json& d) {
              d["events"].push_back({{"kind", "decision"}, {"date", "2026-04-18"}, {"decision", "continue"}});
            }).find("comes after the course ended"),
            std::string::npos);
  // A step-down to more days than the program allows, and one that is not a step down.
  EXPECT_NE(with([](json& d) { d["events"][27]["weekdays"] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}; })
                .find("episode.events[27].weekdays"),
            std::string::npos);
  EXPECT_NE(with([](json& d) { d["events"][27]["weekdays"] = {"monday", "tuesday", "wednesday", "thursday", "friday"}; })
                .find("is not a step down"),
            std::string::npos);
  // Overlapping authorisations.
  EXPECT_NE(with([](json& d) { d["events"][22]["authorization"]["first_day"] = "2026-03-27"; })
                .find("overlaps A1 (events[0], 2026-03-02..2026-03-27)"),
            std::string::npos);
  // A score out of range, a missing item, a measure of another kind's members.
  EXPECT_EQ(with([](json& d) { d["events"][11]["total"] = 28; }).substr(0, 25), "episode.events[11].total:");
  EXPECT_NE(with([](json& d) { d["events"][17]["items"] = {2, 2, 2, 1, 2, 1, 2, 1}; }).find("is not a whole PHQ-9"),
            std::string::npos);
  EXPECT_EQ(with([](json& d) { d["events"][1]["weeks"] = 2; }).substr(0, 24), "episode.events[1].weeks:");
  // An attendance after the discharge; a session that does not exist (the calendar's error, named by episode event).
  EXPECT_NE(with([](json& d) { d["events"].push_back({{"kind", "attendance"}, {"date", "2026-04-20"}, {"status", "attended"}}); })
                .find("is after the course ended on 2026-04-17"),
            std::string::npos);
  EXPECT_EQ(with([](json& d) { d["events"][34]["date"] = "2026-04-07"; }).substr(0, 23), "episode.events[34].date");
}

TEST(Episode, TheDocumentApiAnswersAsTheLibrary) {
  const json request{{"api_version", 1}, {"episode", example()}, {"as_of", "2026-04-10"}};
  const auto answer = iop::api::call("episode.state", request.dump());
  ASSERT_EQ(answer.status, iop::api::Status::ok) << answer.body;
  const auto response = json::parse(answer.body);
  EXPECT_EQ(response.at("result"), iop::to_json(state_on(Date(2026, 4, 10))));
  EXPECT_EQ(response.at("result").at("costs").at("total").at("patient"), "2480.00");
}

}  // namespace

namespace {

TEST(Episode, EachReviewShowsTheProposalBesideTheDecision) {
  // Reviews every 14 days: 03-16 (continue), 03-23 (extend), 03-30 (step down), 04-13 (discharge), each proposal from
  // that day's state before its decision. 03-16: 18 -> 17, on track: continue. 03-23: 18 -> 14, on track, the course
  // (still 6 weeks, to 04-10) ends after the next review (A1's, 03-25): continue. 03-30: 18 -> 11: continue.
  // 04-13: 18 -> 4, remission: discharge.
  const auto reviews = iop::episode_reviews(iop::episode_from_json(example()), Date(2026, 4, 20));
  ASSERT_EQ(reviews.size(), 4U);
  std::vector<std::string> days, proposed, decided;
  for (const auto& r : reviews) {
    days.push_back(iop::to_iso_string(r.date));
    proposed.emplace_back(iop::to_string(r.proposal.action));
    decided.emplace_back(iop::to_string(*r.decided));
  }
  EXPECT_EQ(days, (std::vector<std::string>{"2026-03-16", "2026-03-23", "2026-03-30", "2026-04-13"}));
  EXPECT_EQ(proposed, (std::vector<std::string>{"continue", "continue", "continue", "discharge"}));
  EXPECT_EQ(decided, (std::vector<std::string>{"continue", "extend", "step_down", "discharge"}));
  EXPECT_EQ(reviews[3].status, iop::ReviewStatus::remission);
  EXPECT_EQ(reviews[1].decision,
            "2026-03-23 extend by 2 weeks (authorisation A2 requested): A missed week; improving, not yet a response. "
            "(events[19])");
}

TEST(Episode, AReviewDueWithNoDecisionIsListed) {
  // Without the decision of 03-16, the review due then (2026-03-02 + 14) has none recorded; the next due date runs
  // from it, and the extension of 03-23 comes before it.
  auto doc = example();
  doc["events"].erase(doc["events"].begin() + 12);
  const auto reviews = iop::episode_reviews(iop::episode_from_json(doc), Date(2026, 3, 24));
  ASSERT_EQ(reviews.size(), 2U);
  EXPECT_EQ(reviews[0].date, Date(2026, 3, 16));
  EXPECT_FALSE(reviews[0].decided);
  EXPECT_EQ(reviews[0].why, "due (every 14 days since 2026-03-02); no decision recorded");
  EXPECT_EQ(reviews[1].date, Date(2026, 3, 23));
  EXPECT_EQ(reviews[1].decided, iop::EpisodeDecision::extend);
}

}  // namespace

namespace {

TEST(Episode, AMeasureBuiltInCppWhoseTotalIsNotItsItemsSumIsRefused) {
  // The JSON reader derives the total from the items; an episode built in C++ states both, and they must agree:
  // events[17]'s items 2 2 2 1 2 1 2 1 1 sum to 14, not 15.
  auto episode = iop::episode_from_json(example());
  episode.events[17].measure.total = 15;
  try {
    iop::validate_episode(episode);
    FAIL() << "accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "episode.events[17].total");
  }
}

}  // namespace
