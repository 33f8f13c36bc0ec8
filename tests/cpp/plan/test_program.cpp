#include "iop/plan/program.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using iop::PayerAcceptance;
using iop::PayerType;

TEST(ProgramCatalog, HasTheFiveReferencePrograms) {
  const auto& catalog = iop::program_catalog();
  ASSERT_EQ(catalog.size(), 5u);
  for (const auto& id : {"la-depression-iop", "az-depression-iop", "depression-iop-guide", "iop-benefits-blog",
                         "la-sud-mh-iop"})
    EXPECT_EQ(iop::find_program(id).id, id);
  for (const auto& p : catalog) {
    EXPECT_EQ(p.level_of_care, iop::LevelOfCare::intensive_outpatient) << p.id;
    EXPECT_FALSE(p.provenance.empty()) << p.id;
    EXPECT_FALSE(p.source.empty()) << p.id;
  }
  EXPECT_THROW((void)iop::find_program("nope"), iop::NotFoundError);
}

// Reference program A: 3 hours a day, 3 to 5 days a week; morning, afternoon and
// evening tracks; in person in Los Angeles or telehealth anywhere in California;
// commercial plans accepted, Medicare and Medicaid not.
TEST(ProgramCatalog, ReferenceProgramA) {
  const auto& a = iop::find_program("la-depression-iop");
  EXPECT_EQ(a.minutes_per_day, 180);
  EXPECT_EQ(a.days_per_week.min, 3);
  EXPECT_EQ(a.days_per_week.max, 5);
  EXPECT_EQ(a.duration.describe(), "6..12");
  ASSERT_EQ(a.tracks.size(), 3u);
  EXPECT_EQ(a.tracks[0].part_of_day, iop::PartOfDay::morning);
  EXPECT_EQ(a.tracks[1].part_of_day, iop::PartOfDay::afternoon);
  EXPECT_EQ(a.tracks[2].part_of_day, iop::PartOfDay::evening);
  EXPECT_EQ(a.track("evening").start.to_string(), "18:00");
  for (const auto& t : a.tracks) EXPECT_EQ(t.zone.name(), "America/Los_Angeles");
  EXPECT_TRUE(a.offers_telehealth_in("CA"));
  EXPECT_FALSE(a.offers_telehealth_in("NV"));
  EXPECT_EQ(a.payer_acceptance(PayerType::commercial), PayerAcceptance::accepted);
  EXPECT_EQ(a.payer_acceptance(PayerType::medicare), PayerAcceptance::declined);
  EXPECT_EQ(a.payer_acceptance(PayerType::medicaid), PayerAcceptance::declined);
  // Each day: individual therapy, process group, psychoeducation, skills development.
  ASSERT_EQ(a.daily_blocks.size(), 4u);
  EXPECT_EQ(a.daily_blocks[0].modality, iop::Modality::individual_therapy);
  EXPECT_EQ(a.daily_blocks[0].billing_code, "90832");  // 30 minutes: the 16-37 minute code
  EXPECT_EQ(a.daily_blocks[1].modality, iop::Modality::process_group);
  EXPECT_EQ(a.daily_blocks[2].modality, iop::Modality::psychoeducation);
  EXPECT_EQ(a.daily_blocks[3].modality, iop::Modality::skills_training);
  // 3 to 5 days at 3 hours: 9 to 15 hours a week, inside adult IOP's 9-19.
  EXPECT_EQ(a.weekly_minutes(3), 540);
  EXPECT_EQ(a.weekly_minutes(5), 900);
}

TEST(ProgramCatalog, ReferenceProgramsBToE) {
  const auto& b = iop::find_program("az-depression-iop");
  EXPECT_EQ(b.tracks[0].zone.name(), "America/Phoenix");
  EXPECT_FALSE(b.tracks[0].zone.observes_dst());
  EXPECT_EQ(b.days_per_week.min, 3);
  EXPECT_EQ(b.days_per_week.max, 5);
  EXPECT_EQ(b.payer_acceptance(PayerType::medicare), PayerAcceptance::not_stated);

  const auto& c = iop::find_program("depression-iop-guide");  // 8 to 12 weeks, 3 to 5 days, 3 hours
  EXPECT_EQ(c.duration.min_weeks, 8);
  EXPECT_EQ(c.duration.max_weeks, 12);
  EXPECT_EQ(c.minutes_per_day, 180);
  EXPECT_EQ(c.days_per_week.min, 3);
  EXPECT_EQ(c.days_per_week.max, 5);

  const auto& d = iop::find_program("iop-benefits-blog");
  ASSERT_TRUE(d.medication_management);
  EXPECT_EQ(d.medication_management->per_weeks, 2);

  const auto& e = iop::find_program("la-sud-mh-iop");  // 3 to 5 days, 6 to 12 weeks, tapering, $3,000-$10,000 a month
  EXPECT_EQ(e.duration.describe(), "6..12");
  EXPECT_EQ(e.days_per_week.min, 3);
  EXPECT_EQ(e.days_per_week.max, 5);
  ASSERT_TRUE(e.taper);
  EXPECT_EQ(e.taper->days_per_week, 3);
  ASSERT_TRUE(e.published_monthly_cost);
  EXPECT_EQ(e.published_monthly_cost->low.to_string(), "$3,000.00");
  EXPECT_EQ(e.published_monthly_cost->high.to_string(), "$10,000.00");
  EXPECT_EQ(e.condition_groups.size(), 9u);
}

TEST(ProgramTemplate, EveryCatalogProgramRoundTripsThroughJson) {
  for (const auto& p : iop::program_catalog()) {
    const auto j = iop::to_json(p);
    const auto again = iop::program_from_json(j);
    EXPECT_EQ(iop::to_json(again), j) << p.id;
  }
}

TEST(ProgramTemplate, ValidationNamesTheField) {
  auto j = iop::to_json(iop::find_program("la-depression-iop"));
  auto broken = j;
  broken["daily_blocks"][1]["minutes"] = 45;  // 165 minutes instead of 180
  try {
    (void)iop::program_from_json(broken);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.daily_blocks");
    EXPECT_EQ(e.value(), "165 minutes");
  }
  broken = j;
  broken["days_per_week"] = {{"min", 5}, {"max", 3}};
  EXPECT_THROW((void)iop::program_from_json(broken), iop::ValidationError);
  broken = j;
  broken["daily_blocks"][0]["modality"] = "yoga";
  try {
    (void)iop::program_from_json(broken);
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "program.daily_blocks[0].modality");
  }
  broken = j;
  broken["delivery"][1]["states"] = {"CA", "XX"};
  try {
    (void)iop::program_from_json(broken);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.delivery[1].states[1]");
  }
  broken = j;
  broken["tracks"][2]["zone"] = "Europe/Paris";
  EXPECT_THROW((void)iop::program_from_json(broken), iop::NotFoundError);
  broken = j;
  broken["accepted_payers"] = {"medicare"};
  EXPECT_THROW((void)iop::program_from_json(broken), iop::ValidationError);  // also declined
  broken = j;
  broken["duration_weeks"]["default"] = 14;
  EXPECT_THROW((void)iop::program_from_json(broken), iop::ValidationError);
}

}  // namespace
