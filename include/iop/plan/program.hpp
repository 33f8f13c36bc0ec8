#pragma once
/// @file
/// @brief `ProgramTemplate`: what an intensive outpatient program is made of.
///
/// A program template says who a program is for (conditions, age group,
/// level of care), how intense it is (minutes a day, days a week, weeks),
/// when and where it meets (tracks with local start times in an IANA zone;
/// in person at a site, or telehealth in listed states), what a day is made
/// of (timed blocks of modalities with billing codes), how often individual
/// therapy and medication management happen, which payers it accepts, and
/// how it tapers, its phases (an assessment week, core weeks, a step-down,
/// each with its own blocks and billing), and which holidays it closes on
/// (`holiday_preset()`; `private_clinic` when it states none, see
/// holiday_preset.hpp). Every template is validated when it is read, and each
/// carries its `provenance`: which figures were published and which are
/// iop's defaults.
///
/// Templates load from and save to JSON (schema:
/// the `program` schema (declarations/program.py)), so a clinic defines its own program
/// exactly as iop defines its built-in catalog (see `program_catalog()`).
///
/// @code
/// const auto& la = iop::find_program("la-depression-iop");
/// la.minutes_per_day;            // 180
/// la.days_per_week.min;          // 3
/// la.payer_acceptance(iop::PayerType::medicare);   // PayerAcceptance::declined
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/clinical/icd_code.hpp"
#include "iop/clinical/level_of_care.hpp"
#include "iop/clinical/modality.hpp"
#include "iop/core/money.hpp"
#include "iop/core/time_of_day.hpp"
#include "iop/core/time_zone.hpp"
#include "iop/plan/holiday_preset.hpp"

namespace iop {

/// @brief Who pays.
enum class PayerType {
  commercial,  ///< private or employer insurance
  medicare,    ///< Medicare
  medicaid,    ///< Medicaid
  self_pay,    ///< the patient pays (including the uninsured)
};
/// @brief `commercial`, `medicare`, `medicaid` or `self_pay`.
[[nodiscard]] std::string_view to_string(PayerType payer) noexcept;
/// @brief Parses a payer type.
/// @throws NotFoundError naming @p field.
[[nodiscard]] PayerType parse_payer_type(std::string_view text, std::string_view field = "payer");

/// @brief Whether a program takes a payer type.
enum class PayerAcceptance {
  accepted,    ///< published as accepted
  declined,    ///< published as not accepted
  not_stated,  ///< the program does not say: verify benefits
};
/// @brief `accepted`, `declined` or `not stated`.
[[nodiscard]] std::string_view to_string(PayerAcceptance acceptance) noexcept;

/// @brief Morning, afternoon or evening.
enum class PartOfDay { morning, afternoon, evening };
/// @brief `morning`, `afternoon` or `evening`.
[[nodiscard]] std::string_view to_string(PartOfDay part) noexcept;
/// @brief Parses a part of day.
/// @throws NotFoundError naming @p field.
[[nodiscard]] PartOfDay parse_part_of_day(std::string_view text, std::string_view field = "part_of_day");

/// @brief A track: the same program day at a set local time.
struct Track {
  std::string name;       ///< unique within the program, e.g. `evening`
  PartOfDay part_of_day;  ///< morning, afternoon or evening
  TimeOfDay start;        ///< local start time
  TimeZone zone;          ///< the zone the start time is in
};

/// @brief In person or by live video.
enum class DeliveryKind { in_person, telehealth };
/// @brief `in_person` or `telehealth`.
[[nodiscard]] std::string_view to_string(DeliveryKind kind) noexcept;
/// @brief Parses a delivery kind.
/// @throws NotFoundError naming @p field.
[[nodiscard]] DeliveryKind parse_delivery_kind(std::string_view text, std::string_view field = "mode");

/// @brief Where an in-person program meets.
struct Site {
  std::string name;   ///< site name
  std::string city;   ///< city
  std::string state;  ///< USPS state code, e.g. `CA`
};

/// @brief One way the program is delivered.
struct DeliveryMode {
  DeliveryKind kind;                         ///< in person or telehealth
  std::optional<Site> site;                  ///< for in person
  std::vector<std::string> telehealth_states;  ///< for telehealth: where the patient may be located
};

/// @brief One timed block of the program day.
struct Block {
  Modality modality;         ///< what happens
  int minutes;               ///< how long
  std::string billing_code;  ///< CPT/HCPCS (the catalog default unless overridden)
};

/// @brief `sessions` sessions every `per_weeks` weeks, e.g. 1 every 2 weeks.
struct SessionFrequency {
  int sessions;   ///< sessions in each period (1..7)
  int per_weeks;  ///< the period in weeks (1..12)
  /// Same frequency.
  friend bool operator==(const SessionFrequency&, const SessionFrequency&) = default;
};

/// @brief An inclusive range of days a week.
struct DaysPerWeek {
  int min;  ///< fewest days a week
  int max;  ///< most days a week
};

/// @brief Allowed and default course length in weeks.
struct DurationBounds {
  int min_weeks;      ///< shortest course
  int max_weeks;      ///< longest course without an extension
  int default_weeks;  ///< the usual course
  /// `min..max`, e.g. `6..12`.
  [[nodiscard]] std::string describe() const;
};

/// @brief Tapering: the last `final_weeks` weeks at `days_per_week` days.
struct TaperRule {
  int final_weeks;    ///< how many weeks at the end are tapered
  int days_per_week;  ///< days a week while tapering
  /// Same rule.
  friend bool operator==(const TaperRule&, const TaperRule&) = default;
};

/// @brief How a phase's program days are billed under a per-diem fee schedule.
enum class PhaseBilling {
  per_diem,  ///< like every program day: one per diem
  itemized,  ///< by the codes of the phase's blocks (e.g. an assessment week's evaluations)
};
/// @brief `per_diem` or `itemized`.
[[nodiscard]] std::string_view to_string(PhaseBilling billing) noexcept;

/// @brief A phase of the course: an assessment week, core weeks, a step-down.
///
/// Phases follow one another in the order listed. Every phase but one lasts a
/// fixed number of weeks; the one without `weeks` takes the rest of the course
/// (so a longer course or an extension lengthens it). A phase's blocks replace
/// the program's daily blocks during the phase and add up to the same day
/// length (`minutes_per_day`): a phase changes what a day is made of, not how
/// long it is.
struct ProgramPhase {
  std::string name;                ///< unique within the program, e.g. `assessment`
  std::string description;         ///< what happens in the phase
  std::optional<int> weeks;        ///< fixed length in weeks; none: the rest of the course
  std::vector<Block> daily_blocks; ///< the day's blocks during the phase (empty: the program's)
  PhaseBilling billing = PhaseBilling::per_diem;  ///< how its days are billed under a per diem
};

/// @brief A published price range.
struct MoneyRange {
  Money low;   ///< lower end
  Money high;  ///< upper end
};

/// @brief A validated program template.
struct ProgramTemplate {
  std::string id;                                  ///< stable identifier, e.g. `la-depression-iop`
  std::string name;                                ///< display name
  std::string description;                         ///< one paragraph
  std::string source;                              ///< the publication it is based on
  LevelOfCare level_of_care = LevelOfCare::intensive_outpatient;  ///< the level it provides
  AgeGroup age_group = AgeGroup::adult;            ///< whom it serves
  std::vector<ConditionGroup> condition_groups;    ///< target condition families
  std::vector<IcdCode> conditions;                 ///< target ICD-10-CM codes (may be empty)
  int minutes_per_day = 180;                       ///< clinical programming a day
  DaysPerWeek days_per_week{3, 5};                 ///< allowed days a week
  DurationBounds duration{6, 12, 8};               ///< weeks
  std::vector<Track> tracks;                       ///< at least one
  std::vector<DeliveryMode> delivery;              ///< at least one
  std::vector<Block> daily_blocks;                 ///< the day, summing to minutes_per_day
  std::optional<SessionFrequency> individual_therapy;     ///< separate individual sessions
  std::optional<SessionFrequency> medication_management;  ///< psychiatric medication visits
  std::vector<PayerType> accepted_payers;          ///< published as accepted
  std::vector<PayerType> declined_payers;          ///< published as not accepted
  std::optional<TaperRule> taper;                  ///< tapering near the end
  std::optional<MoneyRange> published_monthly_cost;  ///< a published cost range a month
  std::optional<Money> default_per_diem;           ///< the price of a program day when a clinic gives none
  std::vector<ProgramPhase> phases;                ///< phases in order (empty: every week alike)
  std::optional<HolidayPreset> holidays;           ///< the holidays it closes on, when stated
  std::vector<std::string> provenance;             ///< which figures are published, which are defaults

  /// @brief Checks every field; the path of an error starts with @p path.
  /// @throws ValidationError naming the field and the allowed range.
  void validate(const std::string& path = "program") const;
  /// @brief Whether the program takes @p payer.
  [[nodiscard]] PayerAcceptance payer_acceptance(PayerType payer) const noexcept;
  /// @brief The track named @p name.
  /// @throws NotFoundError naming @p field and listing the tracks.
  [[nodiscard]] const Track& track(std::string_view name, std::string_view field = "track") const;
  /// @brief Whether telehealth is offered to a patient located in @p state.
  [[nodiscard]] bool offers_telehealth_in(std::string_view state) const noexcept;
  /// @brief Weekly clinical minutes at @p days a week.
  [[nodiscard]] int weekly_minutes(int days) const noexcept { return minutes_per_day * days; }
  /// @brief The holidays the program closes on: the stated preset, else `kDefaultHolidayPreset`.
  [[nodiscard]] HolidayPreset holiday_preset() const noexcept { return holidays.value_or(kDefaultHolidayPreset); }
  /// @brief The phase of program week @p week (0-based) in a course of @p course_weeks weeks, if the program has phases.
  [[nodiscard]] const ProgramPhase* phase_of_week(int week, int course_weeks) const noexcept;
  /// @brief The weeks the fixed-length phases take together.
  [[nodiscard]] int fixed_phase_weeks() const noexcept;
};

/// @brief Reads and validates a program template.
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] ProgramTemplate program_from_json(const nlohmann::json& document, std::string path = "program");
/// @brief The JSON of a program template (round-trips through `program_from_json`).
[[nodiscard]] nlohmann::json to_json(const ProgramTemplate& program);

/// @brief Whether @p code is a USPS code of a state, DC or a territory.
[[nodiscard]] bool is_us_state_code(std::string_view code) noexcept;

/// @brief iop's built-in catalog: the five reference programs (from `data/programs.json`).
[[nodiscard]] const std::vector<ProgramTemplate>& program_catalog();
/// @brief The catalog program with @p id.
/// @throws NotFoundError naming @p field and listing the catalog's ids.
[[nodiscard]] const ProgramTemplate& find_program(std::string_view id, std::string_view field = "program");

}  // namespace iop
