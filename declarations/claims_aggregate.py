"""A claims aggregate: claims lines summed by classification, cost-sharing type and level (iop.parity's
ClaimsAggregate, which partial aggregates merge into exactly), as its to_dict() writes it."""
from declarations.benefit_design import BENEFIT_DESIGN
from declarations.dsl import Array, Integer, Object, document, required

CLASSIFICATION = BENEFIT_DESIGN.defs["classification"]
LIMIT_TYPE = BENEFIT_DESIGN.defs["classification_entry"].members["medical_surgical"].type.items.members["type"].type

CELL = Object("claims_cell", members={
    "classification": required(CLASSIFICATION),
    "type": required(LIMIT_TYPE),
    "level": required(Integer(minimum=0), "the level in its unit: cents, basis points, visits or days"),
    "payments_cents": required(Integer(minimum=0), "the plan's payments for the lines at that level, in cents"),
})

document("claims-aggregate", title="iop claims aggregate",
         description="Claims lines summed by classification, cost-sharing type and level; partial aggregates merge "
                     "into exactly the aggregate of all their lines (iop.parity.ClaimsAggregate).",
         root=Object("claims_aggregate", members={
             "rows": required(Integer(minimum=0), "the claims lines summed"),
             "cells": required(Array(items=CELL), "one cell a classification, type and level"),
         }))
