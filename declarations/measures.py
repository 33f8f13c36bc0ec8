"""Measures as clinic systems send them: a PHQ-9 or GAD-7 as a FHIR R4 QuestionnaireResponse (item by item, each
question and answer coded in LOINC) or an Observation (a total), as read by iop::measures_from_fhir. Only the
elements iop reads are declared; a resource's other elements (id, meta, subject, ...) are the EHR's and are left
as they are."""
from declarations.common import Identifier, List, Text
from declarations.dsl import *  # noqa: F401,F403

# A FHIR date or dateTime that names a day (a measure is dated by its day: "2026-03" is refused).
FHIR_DAY = String(pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?$",
                  description='A FHIR date or dateTime with its day: the measure is dated by the day as written (in its own offset).')

CODING = Object('fhir_coding',
    members={
        'system': member(Identifier(200), 'http://loinc.org for the codes iop reads.'),
        'code': member(Identifier(64)),
        'display': member(Text()),
    },
    closed=False)

FHIR_MEASURE = document(
    'fhir-measure',
    title='iop FHIR measure',
    description='A PHQ-9 or GAD-7 from a clinic system: a FHIR R4 QuestionnaireResponse answered item by item (linkId the LOINC code of the question, answers LOINC answer codes or their scores; the PHQ-9 difficulty question 69722-7 kept, not scored) or an Observation of the total (LOINC 44261-6 or 70274-6).',
    root=Object('fhir_measure',
        members={
            'resourceType': required(Enum(('QuestionnaireResponse', 'Observation'))),
            'status': required(Identifier(32), 'completed or amended (QuestionnaireResponse); final, amended or corrected (Observation).'),
            'authored': member(FHIR_DAY, "A QuestionnaireResponse's date."),
            'effectiveDateTime': member(FHIR_DAY, "An Observation's date."),
            'questionnaire': member(Identifier(200), 'The questionnaire answered (not needed: the items say which).'),
            'item': member(List(Object('fhir_measure_item',
                members={
                    'linkId': required(Identifier(200), 'The LOINC code of the question, alone or at the end of a path (/44249-1/44250-9).'),
                    'text': member(Text()),
                    'answer': member(List(Object('fhir_measure_answer',
                        members={
                            'valueCoding': member(CODING, 'A LOINC answer code (LA6568-5 Not at all = 0 .. LA6571-9 Nearly every day = 3).'),
                            'valueInteger': member(Integer(minimum=0, maximum=27), "The item's score (0-3), or the total's."),
                            'valueDecimal': member(Number(minimum=0, maximum=27), "The total item's score (US Core sends it so), a whole number."),
                        },
                        closed=False), min_items=1, max_items=1)),
                },
                closed=False), max_items=20), 'The questions and their answers (QuestionnaireResponse).'),
            'code': member(Object('fhir_measure_code',
                members={'coding': required(List(CODING, min_items=1, max_items=10)), 'text': member(Text())},
                closed=False), "An Observation's code: LOINC 44261-6 (PHQ-9 total) or 70274-6 (GAD-7 total)."),
            'valueInteger': member(Integer(minimum=0, maximum=27), "An Observation's total."),
            'valueQuantity': member(Object('fhir_measure_quantity',
                members={'value': required(Number(minimum=0, maximum=27), 'A whole number.')},
                closed=False), "An Observation's total as a Quantity ({score})."),
            'valueString': member(String(pattern='^[0-9]{1,2}$'), "An Observation's total as text (US Core's example sends \"12\")."),
        },
        closed=False,
        extra={'allOf': [
            {'if': {'properties': {'resourceType': {'const': 'QuestionnaireResponse'}}},
             'then': {'required': ['authored', 'item']}},
            {'if': {'properties': {'resourceType': {'const': 'Observation'}}},
             'then': {'required': ['effectiveDateTime', 'code'],
                      'oneOf': [{'required': ['valueInteger']}, {'required': ['valueQuantity']}, {'required': ['valueString']}]}},
        ]}),
)
