"""A clinic's fee schedule: a per diem, prices by code, or Medicare's IOP per diem of a year."""
from declarations.common import Identifier, Money, Text
from declarations.coverage import MEDICARE_IOP
from declarations.dsl import Enum, Object, document, member, required
from declarations.limits import limit

FEE_SCHEDULE = Object("fee_schedule", members={
    "id": required(Identifier()),
    "basis": required(Enum(("per_diem", "itemized", "medicare_iop"), name="fee_basis"),
                      "per_diem: one price a program day; itemized: each block at its code's price; medicare_iop: "
                      "Medicare's IOP per diem of a year and setting (data/medicare-iop-rates.json)"),
    "per_diem": member(Money(), "the price of a program day (per_diem; itemized: the days billed as a whole)"),
    "prices": member(Object("prices_by_code", values=Money(), extra={"maxProperties": limit("max_long_list")}),
                     '{"code": "price"}: each CPT/HCPCS code\'s price'),
    "revenue_code": member(Identifier(), "the UB-04 revenue code of institutional claims (e.g. 0905)"),
    "medicare": member(MEDICARE_IOP, "basis medicare_iop: the year and setting"),
    "source": member(Text(), "where the prices come from"),
})

document("fee-schedule", title="iop fee schedule",
         description="A fee schedule as read by iop::fee_schedule_from_json: what each program day or code costs.",
         root=FEE_SCHEDULE)
