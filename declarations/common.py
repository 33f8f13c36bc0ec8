"""Types shared by many documents, declared once: amounts, rates, dates, identifiers, codes, names.

Each says exactly what the library's readers take (iop/core/json.hpp, money.hpp, rate.hpp, date.hpp,
...): a value its pattern admits may still be refused for what a pattern cannot say (an amount past
a document's limit, February 30th), and the refusal names the field.
"""
from declarations.dsl import Array, Enum, Integer, Object, String, required
from declarations.limits import limit

# Characters no identifier or text holds: C0 and C1 controls (text allows tab, line feed and carriage
# return), and the characters that reorder or hide text (bidirectional controls, line and paragraph
# separators, the byte order mark).
_INVISIBLE = "\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u061c\\u2028\\u2029\\ufeff"
_CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f" + _INVISIBLE
_TEXT_CONTROLS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"


def Identifier(max_length: int = limit("max_identifier_length"), description=None) -> String:
    """An identifier or a name: 1..max_length characters, no controls, no leading or trailing space."""
    return String(pattern=f"^[^ {_CONTROLS}]([^{_CONTROLS}]*[^ {_CONTROLS}])?$", min_length=1, max_length=max_length,
                  description=description)


def Text(max_length: int = limit("max_text_length"), description=None) -> String:
    """Free text: at most max_length characters, no controls but tab and line breaks."""
    return String(pattern=f"^[^{_TEXT_CONTROLS}]*$", max_length=max_length, description=description)


# An amount as the readers take it: "1234.56", "$1,234.56", "-0.05" (at most two decimals; thousands
# separated by commas exactly every three digits, or not at all). A JSON number is refused: it cannot
# say whether it means dollars or cents exactly.
MONEY_PATTERN = "^ *[+-]?\\$?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.[0-9]{1,2})? *$"


def Money(description=None) -> String:
    return String(pattern=MONEY_PATTERN, description=description or "an amount in dollars as a string, e.g. 1234.56")


# An amount as iop writes it: plain digits and exactly two decimals.
MONEY_OUT_PATTERN = "^-?[0-9]+\\.[0-9]{2}$"


def MoneyOut(description=None) -> String:
    return String(pattern=MONEY_OUT_PATTERN, description=description)


RATE_PATTERN = "^ *([0-9]+(\\.[0-9]+)?%?|[0-9]+/[0-9]+) *$"


def Rate(description=None) -> String:
    """A rate: "20%", "0.2" or "1/3" (a bare number is a fraction of one: "20" is 2000 %)."""
    return String(pattern=RATE_PATTERN, description=description or 'a rate: "20%", "0.2" or "1/3"')


DATE_PATTERN = "^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def Date(description=None) -> String:
    """A calendar date YYYY-MM-DD from 1900-01-01 to 2100-12-31."""
    return String(pattern=DATE_PATTERN, format="date", description=description)


def DateTime(description=None) -> String:
    """A local date-time without an offset, YYYY-MM-DDTHH:MM[:SS]."""
    return String(pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", description=description)


def TimeOfDay(description=None) -> String:
    return String(pattern="^([01][0-9]|2[0-3]):[0-5][0-9]$", description=description)


def IcdCode(description="ICD-10-CM code, e.g. F33.1") -> String:
    return String(pattern="^[A-Za-z][0-9][0-9A-Za-z](\\.?[0-9A-Za-z]{1,4})?$", description=description)


# USPS codes of the 50 states, DC and the inhabited territories (src/plan/program.cpp's kStates, checked
# equal by tests/python/test_declarations.py).
US_STATES = ("AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID", "IL", "IN",
             "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM",
             "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI",
             "WV", "WY")


def UsState(description="USPS state code") -> Enum:
    return Enum(US_STATES, description=description)


def Npi(description=None) -> String:
    return String(pattern="^[0-9]{10}$", description=description)


def List(items, max_items=limit("max_list"), min_items=None, unique=False, description=None) -> Array:
    """A list of a document, at most max_list elements unless said otherwise."""
    return Array(items=items, max_items=max_items, min_items=min_items, unique=unique, description=description)


def LongList(items, min_items=None, description=None) -> Array:
    return List(items, max_items=limit("max_long_list"), min_items=min_items, description=description)


LEVEL_OF_CARE = Enum(("OP", "IOP", "PHP", "residential", "inpatient"), name="level_of_care")
PAYER = Enum(("commercial", "medicare", "medicaid", "self_pay"), name="payer_type")
WEEKDAY = Enum(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), name="weekday")
MEASURE = Enum(("PHQ-9", "GAD-7", "phq9", "gad7", "PHQ9", "GAD7"), name="measure")
MODALITY = Enum(("individual_therapy", "process_group", "psychoeducation", "skills_training", "cbt", "dbt", "act",
                 "motivational_interviewing", "psychodynamic_therapy", "mindfulness_and_relaxation", "family_therapy",
                 "medication_management", "psychiatric_evaluation", "case_management", "relapse_prevention",
                 "peer_support"), name="modality")
CONDITION_GROUP = Enum(("depression", "anxiety", "trauma_and_stress", "substance_use", "personality",
                        "obsessive_compulsive", "eating", "bipolar_and_mood", "psychotic"), name="condition_group")
# The IANA zones iop carries: each state's and territory's zones (zone1970.tab and the territories' links), and UTC.
TIME_ZONE = Enum(("America/New_York", "America/Detroit", "America/Kentucky/Louisville", "America/Kentucky/Monticello",
                  "America/Indiana/Indianapolis", "America/Indiana/Marengo", "America/Indiana/Vevay",
                  "America/Indiana/Vincennes", "America/Indiana/Petersburg", "America/Indiana/Winamac",
                  "America/Chicago", "America/Indiana/Tell_City", "America/Indiana/Knox", "America/Menominee",
                  "America/North_Dakota/Center", "America/North_Dakota/New_Salem", "America/North_Dakota/Beulah",
                  "America/Denver", "America/Boise", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
                  "America/Juneau", "America/Sitka", "America/Yakutat", "America/Nome", "America/Metlakatla",
                  "America/Adak", "Pacific/Honolulu", "Pacific/Johnston", "America/Puerto_Rico", "America/St_Thomas",
                  "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "Pacific/Midway", "Pacific/Wake", "UTC"),
                 name="time_zone")
HOLIDAY_PRESET = Enum(("us_federal", "private_clinic", "weekdays"), name="holiday_preset")
HOLIDAY_POLICY = Enum(("skip", "make_up_same_week", "extend"), name="holiday_policy")

# How often a session recurs: the plan's interventions and the program's individual therapy and
# medication management.
FREQUENCY = Object("frequency", members={
    "sessions": required(Integer(minimum=1, maximum=7), "sessions in each period"),
    "per_weeks": required(Integer(minimum=1, maximum=12), "the period, in weeks"),
})
