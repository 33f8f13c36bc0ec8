#include "iop/clinical/modality.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::Modality;

TEST(Modality, CatalogCoversEveryModalityWithCodes) {
  EXPECT_EQ(iop::modality_catalog().size(), 16u);
  for (const auto& m : iop::modality_catalog()) {
    EXPECT_EQ(iop::parse_modality(m.id), m.modality);
    EXPECT_GT(m.default_minutes, 0);
    EXPECT_FALSE(m.default_code.empty());
  }
  EXPECT_EQ(iop::modality_info(Modality::process_group).default_code, "90853");
  EXPECT_EQ(iop::modality_info(Modality::family_therapy).default_code, "90847");
  EXPECT_EQ(iop::modality_info(Modality::psychiatric_evaluation).default_code, "90792");
  EXPECT_EQ(iop::modality_info(Modality::medication_management).default_code, "99214");
  EXPECT_EQ(iop::modality_info(Modality::peer_support).default_code, "H0038");
  EXPECT_EQ(iop::modality_info(Modality::peer_support).code_system, "HCPCS");
  EXPECT_EQ(iop::modality_info(Modality::case_management).default_code, "T1016");
  EXPECT_THROW((void)iop::parse_modality("yoga"), iop::NotFoundError);
}

TEST(Modality, PsychotherapyCodeByMinutes) {
  // CPT time bands: 90832 16-37, 90834 38-52, 90837 53+.
  EXPECT_FALSE(iop::psychotherapy_code_for_minutes(15));
  EXPECT_EQ(*iop::psychotherapy_code_for_minutes(16), "90832");
  EXPECT_EQ(*iop::psychotherapy_code_for_minutes(37), "90832");
  EXPECT_EQ(*iop::psychotherapy_code_for_minutes(38), "90834");
  EXPECT_EQ(*iop::psychotherapy_code_for_minutes(52), "90834");
  EXPECT_EQ(*iop::psychotherapy_code_for_minutes(53), "90837");
}

}  // namespace
