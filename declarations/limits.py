"""The limits on what a document may hold, one name for each (iop/core/limits.hpp is generated from them).

They bound what one request can cost (time, memory, output) and keep every figure inside the ranges
the arithmetic is exact in, with generous room for any real clinic's documents. Every reader applies
them while it reads, before any work is done; the schemas state them; docs/limits.md lists them.
"""

# name: (value, C++ type, what it limits)
LIMITS = {
    "max_identifier_length": (128, "std::size_t",
                              "Longest identifier or name (a plan, patient, program, track, fee schedule id; a "
                              "person's or site's name), in characters."),
    "max_text_length": (4096, "std::size_t",
                        "Longest free text (a description, a note, a reason, a goal), in characters."),
    "max_list": (100, "std::size_t",
                 "Most elements in a list of a document (tracks, locations, problems, goals, interventions, baseline "
                 "scores, diagnoses, discharge criteria, cost-sharing rows, ...)."),
    "max_long_list": (1000, "std::size_t",
                      "Most elements in the long lists of a document: events, holidays, closures, level-of-care "
                      "rules, fee schedule prices, a program's conditions."),
    "max_amount_cents": (100_000_000, "std::int64_t",
                         "Largest amount on a bill, in cents: a price, a per diem, a copay, a deductible, an "
                         "out-of-pocket maximum, an accumulator, a parity cost-sharing level ($1,000,000.00)."),
    "max_payments_cents": (10_000_000_000_000, "std::int64_t",
                           "Largest plan payments of one cost-sharing row or classification in a parity analysis, in "
                           "cents ($100,000,000,000.00): every row of a design still adds up exactly in 64 bits."),
    "max_dollar_limit_cents": (10_000_000_000, "std::int64_t",
                               "Largest aggregate lifetime or annual dollar limit in a parity analysis, in cents "
                               "($100,000,000.00): a limit times a category's payments still fits 128 bits a hundred "
                               "times over."),
    "max_income_cents": (10_000_000_000, "std::int64_t",
                         "Largest household income on a sliding scale, in cents ($100,000,000.00)."),
    "max_runs": (1000, "int",
                 "Most Monte Carlo runs of one estimate read from a document (the functions themselves take up to "
                 "1,000,000)."),
    "first_schedule_year": (1971, "int",
                            "The first year a course, an event or a session may fall in: the time-zone history runs "
                            "from 1970 (data/time-zones.json) and the holiday rules from 1971."),
}


def limit(name: str) -> int:
    return LIMITS[name][0]
