#include "iop/clinical/icd_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "iop/core/error.hpp"

namespace {

using iop::IcdCode;

TEST(IcdCode, ParsesToCanonicalForm) {
  EXPECT_EQ(IcdCode::parse("F32.A").str(), "F32.A");
  EXPECT_EQ(IcdCode::parse("f329").str(), "F32.9");
  EXPECT_EQ(IcdCode::parse("F3341").str(), "F33.41");
  EXPECT_EQ(IcdCode::parse("F39").str(), "F39");
  EXPECT_EQ(IcdCode::parse("F50.819").str(), "F50.819");
  EXPECT_EQ(IcdCode::parse("S72.001A").str(), "S72.001A");  // seven characters with an extension
  EXPECT_EQ(IcdCode::parse("F33.41").category(), "F33");
  EXPECT_EQ(IcdCode::parse("f32.a"), IcdCode::parse("F32.A"));
}

TEST(IcdCode, MalformedCodesNameTheValue) {
  for (const char* bad : {"F3", "Z99.999999", "F32.", "3F2.1", "F32..1", "F3.21", "", "F32-9", "FF2.1", "F32.9 "}) {
    try {
      (void)IcdCode::parse(bad, "plan.diagnoses.primary");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "plan.diagnoses.primary");
      EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(IcdCode, TableHasTheDepressionFamilyWithDescriptors) {
  const auto f331 = iop::find_condition(IcdCode::parse("F33.1"));
  ASSERT_TRUE(f331);
  EXPECT_EQ(f331->description, "Major depressive disorder, recurrent, moderate");
  EXPECT_EQ(f331->group, iop::ConditionGroup::depression);
  EXPECT_EQ(iop::find_condition(IcdCode::parse("F32.A"))->description, "Depression, unspecified");
  EXPECT_EQ(iop::find_condition(IcdCode::parse("F34.1"))->description, "Dysthymic disorder");
  EXPECT_EQ(iop::find_condition(IcdCode::parse("F33.3"))->description,
            "Major depressive disorder, recurrent, severe with psychotic symptoms");
  // F32.0-F32.5, F32.81, F32.89, F32.9, F32.A, F33.0-F33.3, F33.40-F33.42, F33.8, F33.9, F34.1, F53.0.
  for (const char* code : {"F32.0", "F32.1", "F32.2", "F32.3", "F32.4", "F32.5", "F32.81", "F32.89", "F32.9", "F32.A",
                           "F33.0", "F33.1", "F33.2", "F33.3", "F33.40", "F33.41", "F33.42", "F33.8", "F33.9", "F34.1"})
    EXPECT_EQ(iop::find_condition(IcdCode::parse(code))->group, iop::ConditionGroup::depression) << code;
}

TEST(IcdCode, CoOccurringConditionsOfTheReferencePrograms) {
  using G = iop::ConditionGroup;
  const std::pair<const char*, G> expected[] = {
      {"F41.1", G::anxiety},          {"F43.10", G::trauma_and_stress}, {"F10.20", G::substance_use},
      {"F60.3", G::personality},      {"F42.2", G::obsessive_compulsive}, {"F50.00", G::eating},
      {"F31.9", G::bipolar_and_mood}, {"F20.9", G::psychotic}};
  for (const auto& [code, group] : expected) EXPECT_EQ(iop::find_condition(IcdCode::parse(code))->group, group) << code;
}

TEST(IcdCode, WellFormedCodesOutsideTheTableAreAllowedButNotFound) {
  EXPECT_FALSE(iop::find_condition(IcdCode::parse("Z99.89")));
  // Bulimia nervosa F50.2 is a header since FY2025 (billable: F50.20-F50.25).
  EXPECT_FALSE(iop::find_condition(IcdCode::parse("F50.2")));
  EXPECT_EQ(iop::find_condition(IcdCode::parse("F50.20"))->description, "Bulimia nervosa, unspecified");
}

TEST(IcdCode, SubstanceUse) {
  EXPECT_TRUE(iop::is_substance_use(IcdCode::parse("F10.20")));   // in the table
  EXPECT_TRUE(iop::is_substance_use(IcdCode::parse("F19.20")));   // outside it, category F19
  EXPECT_FALSE(iop::is_substance_use(IcdCode::parse("F33.1")));
  EXPECT_FALSE(iop::is_substance_use(IcdCode::parse("F20.9")));
}

TEST(IcdCode, GroupsParseAndPrint) {
  EXPECT_EQ(iop::parse_condition_group("substance_use"), iop::ConditionGroup::substance_use);
  EXPECT_EQ(iop::to_string(iop::ConditionGroup::eating), "eating");
  EXPECT_THROW((void)iop::parse_condition_group("sadness"), iop::NotFoundError);
}

}  // namespace
