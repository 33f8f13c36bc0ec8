#pragma once
/// @file
/// @brief Fee schedules and the charge lines a session calendar produces.
///
/// Three ways an IOP is priced:
/// - **per diem**: one charge per program day (HCPCS S9480 for a mental-health
///   IOP, H0015 for a substance-use IOP; UB-04 revenue code 0905), with the
///   separate individual and medication sessions charged at their own prices
///   when the schedule lists them, or included in the per diem when it does not;
/// - **itemized**: one charge per block or session at the price of its CPT/HCPCS
///   code (90853 group, 90832/90834/90837 individual by minutes, 90847 family,
///   90792 evaluation, 99214 medication management, ...);
/// - **Medicare IOP**: the per diem for the calendar year, setting (hospital,
///   community mental health centre, or a non-excepted off-campus hospital
///   department, which is paid the CMHC per diems) and band (3 services that
///   day, or 4 or more), from `data/medicare-iop-rates.json`, where every figure
///   carries its evidence and unconfirmed cells are refused by name. Each line
///   says which APC, year, setting, rate and evidence priced it.
///
/// @code
/// auto fees = iop::FeeSchedule::per_diem_schedule("clinic-2026", iop::Money::parse("$300"));
/// auto lines = iop::charges_for(calendar, fees, iop::ChargeBasis::scheduled);
/// @endcode

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/calendar/session_calendar.hpp"
#include "iop/core/money.hpp"

namespace iop {

/// @brief How a schedule prices the program.
enum class FeeBasis {
  per_diem,      ///< one charge per program day
  itemized,      ///< one charge per block or session, by code
  medicare_iop,  ///< Medicare's IOP per diem by year, setting and services that day
};
/// @brief `per_diem`, `itemized` or `medicare_iop`.
[[nodiscard]] std::string_view to_string(FeeBasis basis) noexcept;

/// @brief Medicare IOP provider setting.
enum class MedicareSetting {
  hospital,                 ///< hospital outpatient department (on campus, or an excepted off-campus department)
  cmhc,                     ///< community mental health centre
  off_campus_non_excepted,  ///< a non-excepted off-campus hospital department: paid the CMHC per diems
};
/// @brief `hospital`, `cmhc` or `off_campus_non_excepted`.
[[nodiscard]] std::string_view to_string(MedicareSetting setting) noexcept;

/// @brief One cell of the Medicare IOP rate table.
struct MedicareIopRate {
  int year;                   ///< calendar year
  MedicareSetting setting;    ///< the setting whose APCs the row is (hospital or CMHC)
  bool four_or_more;          ///< the 4-or-more services band (else 3 services)
  std::string apc;            ///< APC number
  std::optional<Money> rate;  ///< national unadjusted per diem, when confirmed or secondary
  std::string status;         ///< `confirmed`, `secondary` or `unconfirmed`
  std::string source;         ///< the evidence: status, citation and (unless confirmed) where it was read
};

/// @brief The Medicare IOP rate table shipped with iop (`data/medicare-iop-rates.json`).
[[nodiscard]] const std::vector<MedicareIopRate>& medicare_iop_rates();
/// @brief The rate of one cell (a non-excepted off-campus department's is the CMHC cell).
/// @throws NotFoundError when the cell is not in the table; ValidationError when
///         its figure is unconfirmed (the message says so and names the source to check).
[[nodiscard]] const MedicareIopRate& medicare_iop_rate(int year, MedicareSetting setting, bool four_or_more);
/// @brief Why @p setting is paid the rows it is paid (the evidence of data/medicare-iop-rates.json's settings).
[[nodiscard]] std::string medicare_setting_basis(MedicareSetting setting);

/// @brief A fee schedule.
struct FeeSchedule {
  std::string id;                              ///< identifier
  FeeBasis basis = FeeBasis::per_diem;         ///< pricing basis
  Money per_diem;                              ///< per-diem price (per_diem basis)
  std::map<std::string, Money> prices;         ///< price per code (itemized, or separate sessions under a per diem)
  std::string revenue_code = "0905";           ///< UB-04 revenue code of the per diem
  int medicare_year = 2024;                    ///< for medicare_iop
  MedicareSetting medicare_setting = MedicareSetting::hospital;  ///< for medicare_iop
  std::string source;                          ///< where the prices come from

  /// @brief A per-diem schedule.
  [[nodiscard]] static FeeSchedule per_diem_schedule(std::string id, Money per_diem);
  /// @brief An itemized schedule.
  [[nodiscard]] static FeeSchedule itemized_schedule(std::string id, std::map<std::string, Money> prices);
  /// @brief Medicare's IOP per diem for a year and setting.
  [[nodiscard]] static FeeSchedule medicare(int year, MedicareSetting setting);
  /// @brief Checks prices are positive (at most $1,000,000.00, docs/limits.md) and the basis has what it needs.
  /// @param path the schedule's path in its document, e.g. `case.fee_schedule`.
  /// @throws ValidationError naming `<path>.<field>`.
  void validate(const std::string& path = "fee_schedule") const;
};

/// @brief Which sessions produce charges.
///
/// The attended basis reads attendance up to a cut-off date (`as_of`): a session
/// before it is charged when attended or made up; a session on or after it has
/// not happened yet and is priced as scheduled (unless the clinic cancelled it or
/// it is already marked missed). Without a cut-off every session is read as past.
enum class ChargeBasis {
  scheduled,  ///< every session not cancelled by the clinic (an estimate before treatment)
  attended,   ///< attended and made-up sessions before the cut-off, scheduled ones after it (what is billed)
};

/// @brief Whether @p session produces charges under @p basis with attendance recorded before @p as_of.
[[nodiscard]] bool is_charged(const Session& session, ChargeBasis basis, std::optional<Date> as_of = std::nullopt);

/// @brief One charge.
struct ChargeLine {
  Date date;                 ///< date of service
  std::string session_uid;   ///< the session it comes from
  SessionKind kind;          ///< program day or separate session
  std::string code;          ///< HCPCS/CPT code
  std::string revenue_code;  ///< UB-04 revenue code (per diem lines)
  int units;                 ///< units (1 per day or session)
  int services;              ///< services that day (for Medicare's bands)
  Money charge;              ///< the charge
  std::string rule;          ///< which rule priced it
};

/// @brief The charge lines of a calendar under a fee schedule, in date order.
/// @param calendar the sessions
/// @param fees the fee schedule
/// @param basis scheduled or attended sessions
/// @param primary_substance_use the plan's primary diagnosis is a substance use
///        disorder, so per-diem lines use H0015 instead of S9480
/// @param as_of the attended basis's cut-off (see `ChargeBasis`)
/// @throws ValidationError when an itemized code has no price, or a Medicare cell is unconfirmed.
[[nodiscard]] std::vector<ChargeLine> charges_for(const SessionCalendar& calendar, const FeeSchedule& fees,
                                                  ChargeBasis basis, bool primary_substance_use = false,
                                                  std::optional<Date> as_of = std::nullopt);

/// @brief Reads a fee schedule: `{"id", "basis", "per_diem", "prices": {"90853": "75.00"}, "revenue_code",
///        "medicare": {"year", "setting"}, "source"}`.
[[nodiscard]] FeeSchedule fee_schedule_from_json(const nlohmann::json& document, std::string path = "fee_schedule");
/// @brief The JSON of a fee schedule.
[[nodiscard]] nlohmann::json to_json(const FeeSchedule& fees);

}  // namespace iop
