"""A Good Faith Estimate's case: a self-pay or uninsured course and who it is for."""
from declarations.case import COURSE, COURSE_CALENDAR, FEE_SCHEDULE
from declarations.dsl import Object, Ref, document, member
from declarations.gfe_request import REQUEST_MEMBERS

GFE_CASE = Object("gfe_case", members={
    **COURSE,
    "fee_schedule": FEE_SCHEDULE,
    **COURSE_CALENDAR,
    "sliding_scale": member(Ref("case#/$defs/sliding_scale")),
    **{k: REQUEST_MEMBERS[k] for k in ("patient", "provider", "co_providers", "scheduled_on", "on_request", "issued_on",
                                       "separately_scheduled", "business_days")},
})

document("gfe-case", title="iop Good Faith Estimate case",
         description="A self-pay or uninsured course and who it is for: the `case` of a `gfe` request (`iop gfe "
                     "--input`). The diagnoses come from the plan.",
         root=GFE_CASE)
