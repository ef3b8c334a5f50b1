"""Writes resources/demo/demo.json: the demo network a new user sees first.

Kept as a script so the demo's content is reviewable as code and easy to extend; the JSON it
writes is what the app loads (app/services/demo.py). Run: python scripts/make_demo.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo" / "demo.json"

GROUND_RULES_ENGLAND = "\n".join(
    (
        "We are responsible to each other, not for each other.",
        "The receiving school chooses the focus; the visit serves the school's own improvement.",
        "This is developmental peer review, not a mock inspection: no grades, no lesson "
        "judgements.",
        "What we see is confidential to the receiving school; the report goes to its "
        "leadership and the school decides what is shared.",
        "Challenge is expected: every 'even better if' rests on evidence from the day.",
        "Host staff take part as partners: joint observations are done with, not to, colleagues.",
        "Good practice is shared with the network only when the school agrees.",
    )
)

GROUND_RULES_WALES = "\n".join(
    (
        "Rydym yn gyfrifol i'n gilydd, nid dros ein gilydd — we are responsible to each "
        "other, not for each other.",
        "Each school chooses the focus of its own visit; visits support self-evaluation and "
        "the school development plan.",
        "Reports are confidential to the receiving school; the challenge adviser sees only "
        "what the school chooses to share.",
        "Evidence before opinion: every area for development is backed by what we saw and heard.",
        "Visits are conducted in Welsh or English as the host school prefers.",
    )
)

schools = [
    # Essex-style secondary triad
    {
        "id": "137450",
        "name": "Blackwater Academy",
        "phase": "Secondary",
        "type": "Academy converter",
        "local_authority": "Essex",
        "welsh_medium": False,
    },
    {
        "id": "137451",
        "name": "Colne Valley High School",
        "phase": "Secondary",
        "type": "Foundation school",
        "local_authority": "Essex",
        "welsh_medium": False,
    },
    {
        "id": "137452",
        "name": "Stour Vale Academy",
        "phase": "Secondary",
        "type": "Academy sponsor led",
        "local_authority": "Essex",
        "welsh_medium": False,
    },
    # Manchester-style group of four with a special school
    {
        "id": "105520",
        "name": "Irwell Bank Primary School",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Manchester",
        "welsh_medium": False,
    },
    {
        "id": "105521",
        "name": "Medlock Primary School",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Manchester",
        "welsh_medium": False,
    },
    {
        "id": "105522",
        "name": "St Aidan's RC Primary School",
        "phase": "Primary",
        "type": "Voluntary aided school",
        "local_authority": "Manchester",
        "welsh_medium": False,
    },
    {
        "id": "105523",
        "name": "Rodney House Special School",
        "phase": "Special",
        "type": "Community special school",
        "local_authority": "Manchester",
        "welsh_medium": False,
    },
    # Welsh school improvement group
    {
        "id": "6702345",
        "name": "Ysgol Gymraeg Bro Ŵyr",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Swansea",
        "welsh_medium": True,
    },
    {
        "id": "6612210",
        "name": "Ysgol Gynradd Tŷ Coch",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Gwynedd",
        "welsh_medium": True,
    },
    {
        "id": "6672031",
        "name": "Ysgol Bro Teifi",
        "phase": "All-through",
        "type": "Community school",
        "local_authority": "Ceredigion",
        "welsh_medium": True,
    },
    {
        "id": "6702170",
        "name": "Townhill Primary School",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Swansea",
        "welsh_medium": False,
    },
    {
        "id": "6614005",
        "name": "Ysgol Llanrug",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Gwynedd",
        "welsh_medium": True,
    },
    {
        "id": "6674012",
        "name": "Ysgol Gynradd Aberaeron",
        "phase": "Primary",
        "type": "Community school",
        "local_authority": "Ceredigion",
        "welsh_medium": True,
    },
]


def _email_for(name, school):
    first, last = name.split()[0].lower(), name.split()[-1].lower()
    return f"{first}.{last}@{(school or 'network')}.example".replace("ŵ", "w").replace("ŷ", "y")


def person(key, name, role, school, email=None):
    return {
        "key": key,
        "name": name,
        "role": role,
        "school": school,
        "email": email or _email_for(name, school),
    }


people = [
    person("claire", "Claire Goodwin", "headteacher", "137451"),
    person("rob", "Rob Ellis", "headteacher", "137450"),
    person("trevor", "Trevor Mayhew", "headteacher", "137452"),
    person("jess", "Jess Lucas", "subject-leader", "137451"),
    person("amir", "Amir Haddad", "teacher", "137451"),
    person("kate", "Kate Oduya", "teacher", "137451"),
    person("sam", "Sam Whitlock", "deputy-headteacher", "137451"),
    person("linda", "Linda Marsh", "governor", "137451"),
    person("facil-essex", "Helen Frost", "facilitator", None, "helen.frost@essexheads.example"),
    person("nadia", "Nadia Rahman", "headteacher", "105520"),
    person("owen", "Owen Kelly", "headteacher", "105521"),
    person("bernadette", "Bernadette Quinn", "headteacher", "105522"),
    person("marcus", "Marcus Lowe", "headteacher", "105523"),
    person("priya", "Priya Nair", "senco", "105523"),
    person("gail", "Gail Hopkins", "deputy-headteacher", "105521"),
    person("tom", "Tom Ashworth", "teaching-assistant", "105521"),
    person("facil-mcr", "Dev Patel", "facilitator", None, "dev.patel@mcrschools.example"),
    person("sian", "Siân Llywelyn", "headteacher", "6702345"),
    person("gwenllian", "Gwenllian Ŵyn Roberts", "headteacher", "6612210"),
    person("emyr", "Emyr Huws", "headteacher", "6672031"),
    person("rhian", "Rhian Davies", "headteacher", "6702170"),
    person("dafydd", "Dafydd ap Siôn", "headteacher", "6614005"),
    person("nia", "Nia Jenkins", "headteacher", "6674012"),
    person("meinir", "Meinir Tŷ-Gwyn Evans", "subject-leader", "6702345"),
    person("huw", "Huw Morgan", "deputy-headteacher", "6702345"),
    person("facil-wales", "Carys Powell", "facilitator", None, "carys.powell@partneriaeth.example"),
]

networks = [
    {
        "name": "Essex Secondary Triad",
        "kind": "triad",
        "schools": ["137450", "137451", "137452"],
        "ground_rules": GROUND_RULES_ENGLAND,
    },
    {
        "name": "Manchester Primary and Special Group",
        "kind": "group",
        "schools": ["105520", "105521", "105522", "105523"],
        "ground_rules": GROUND_RULES_ENGLAND,
    },
    {
        "name": "Partneriaeth Bae a Glannau SIG",
        "kind": "sig",
        "schools": ["6702345", "6612210", "6672031", "6702170", "6614005", "6674012"],
        "ground_rules": GROUND_RULES_WALES,
    },
]

TQ = (
    "Quality of teaching, learning and assessment, including the level of challenge, in "
    "Technology subjects"
)
NI = "Impact of new initiatives"

tech_review = {
    "key": "tech",
    "host": "137451",
    "network": "Essex Secondary Triad",
    "framework": "developmental",
    "start_date": "2026-11-12",
    "end_date": "2026-11-12",
    "title": "Technology review: Colne Valley High School",
    "status": "written-up",
    "distribution": "host-only",
    "context": (
        "Colne Valley is an 11–18 foundation school of 1,150 students. The Technology faculty "
        "(Design and technology, Food, Textiles) "
        "has introduced a new feedback approach this year, in which students are told whether "
        "they are below, at or above target and "
        "what they need to do next, and a Year 8 and 9 project curriculum built around open "
        "design problems. The school asked the triad "
        "to look at the quality of teaching and the level of challenge in Technology, and at the "
        "impact of these new initiatives. "
        "Staff were anxious before the visit; the day was run with them, not to them."
    ),
    "focus": [TQ, NI],
    "team": [{"person": "rob", "role": "lead"}, {"person": "trevor", "role": "reviewer"}],
    "writer": "rob",
    "host_staff": ["jess", "amir", "kate", "sam"],
    "activities": [
        {
            "key": "a1",
            "kind": "meeting",
            "starts": "08:30",
            "ends": "09:00",
            "place": "Head's office",
            "subject": None,
            "year_group": None,
            "reviewer": "rob",
            "host_colleague": "claire",
            "title": "Opening meeting: focus and agenda",
        },
        {
            "key": "a2",
            "kind": "learning-walk",
            "starts": "09:00",
            "ends": "09:50",
            "place": "Technology block",
            "subject": "Design and technology",
            "year_group": None,
            "reviewer": "trevor",
            "host_colleague": "jess",
            "title": "Learning walk: Technology block",
        },
        {
            "key": "a3",
            "kind": "joint-observation",
            "starts": "10:00",
            "ends": "10:50",
            "place": "D3 workshop",
            "subject": "Design and technology",
            "year_group": "Year 9",
            "reviewer": "rob",
            "host_colleague": "amir",
            "title": "Joint observation: Y9 product design",
        },
        {
            "key": "a4",
            "kind": "joint-observation",
            "starts": "11:10",
            "ends": "12:00",
            "place": "F1 food room",
            "subject": "Food preparation and nutrition",
            "year_group": "Year 8",
            "reviewer": "trevor",
            "host_colleague": "kate",
            "title": "Joint observation: Y8 food",
        },
        {
            "key": "a5",
            "kind": "interview",
            "starts": "12:00",
            "ends": "12:30",
            "place": "Faculty office",
            "subject": "Technology",
            "year_group": None,
            "reviewer": "rob",
            "host_colleague": None,
            "title": "Interview: Head of Technology",
        },
        {
            "key": "a6",
            "kind": "pupil-discussion",
            "starts": "13:15",
            "ends": "13:45",
            "place": "Library",
            "subject": "Technology",
            "year_group": "Years 8–10",
            "reviewer": "trevor",
            "host_colleague": None,
            "title": "Student discussion (8 students)",
        },
        {
            "key": "a7",
            "kind": "work-scrutiny",
            "starts": "13:45",
            "ends": "14:30",
            "place": "Library",
            "subject": "Technology",
            "year_group": "Years 7–9",
            "reviewer": "rob",
            "host_colleague": "jess",
            "title": "Book and portfolio look",
        },
        {
            "key": "a8",
            "kind": "meeting",
            "starts": "15:00",
            "ends": "15:45",
            "place": "Head's office",
            "subject": None,
            "year_group": None,
            "reviewer": "rob",
            "host_colleague": "claire",
            "title": "Feedback meeting",
        },
    ],
    "notes": [
        {
            "key": "n1",
            "activity": "a2",
            "focus": TQ,
            "kind": "strength",
            "text": "Every room calm and purposeful; students on task at benches without "
            "prompting.",
            "author": "trevor",
            "at": "2026-11-12T09:12",
        },
        {
            "key": "n2",
            "activity": "a2",
            "focus": NI,
            "kind": "strength",
            "text": "Target-and-next-step stickers visible in all Y7–9 folders seen; students "
            "could point to them.",
            "author": "trevor",
            "at": "2026-11-12T09:25",
        },
        {
            "key": "n3",
            "activity": "a2",
            "focus": TQ,
            "kind": "area",
            "text": "Textiles Y10: task sheets identical for all; two students finished early and "
            "waited.",
            "author": "trevor",
            "at": "2026-11-12T09:40",
        },
        {
            "key": "n4",
            "activity": "a3",
            "focus": TQ,
            "kind": "strength",
            "text": "Y9 product design: students explained design choices confidently and "
            "justified material trade-offs (cost vs durability).",
            "author": "rob",
            "at": "2026-11-12T10:14",
        },
        {
            "key": "n5",
            "activity": "a3",
            "focus": TQ,
            "kind": "strength",
            "text": "Open problem ('design a phone stand for someone with limited grip') — "
            "genuinely thought-provoking; students had to research users first.",
            "author": "rob",
            "at": "2026-11-12T10:22",
        },
        {
            "key": "n6",
            "activity": "a3",
            "focus": TQ,
            "kind": "area",
            "text": "Questioning mostly closed and directed at volunteers; higher attainers not "
            "pushed to evaluate alternatives.",
            "author": "rob",
            "at": "2026-11-12T10:35",
        },
        {
            "key": "n7",
            "activity": "a3",
            "focus": TQ,
            "kind": "neutral",
            "text": "The stretch task was on the board but I didn't point anyone to it; next time "
            "I'll build it into the main task.",
            "author": "amir",
            "at": "2026-11-12T10:48",
        },
        {
            "key": "n7b",
            "activity": "a3",
            "focus": TQ,
            "kind": "strength",
            "text": "Group 3 tested two prototypes against the user profile before choosing: real "
            "evaluation, unprompted.",
            "author": "amir",
            "at": "2026-11-12T10:40",
        },
        {
            "key": "n8b",
            "activity": "a4",
            "focus": TQ,
            "kind": "area",
            "text": "Plenary ran short; I didn't get to check every group's understanding of the "
            "nutrient task.",
            "author": "kate",
            "at": "2026-11-12T11:55",
        },
        {
            "key": "n8",
            "activity": "a4",
            "focus": TQ,
            "kind": "strength",
            "text": "Y8 food: 'student becomes the teacher' — groups researched a nutrient and "
            "taught it back; strong recall in the plenary.",
            "author": "trevor",
            "at": "2026-11-12T11:25",
        },
        {
            "key": "n9",
            "activity": "a4",
            "focus": NI,
            "kind": "strength",
            "text": "Kate used the next-step language live: 'you're at target — what would take "
            "you above?'",
            "author": "trevor",
            "at": "2026-11-12T11:40",
        },
        {
            "key": "n10",
            "activity": "a4",
            "focus": TQ,
            "kind": "area",
            "text": "Some Y8 had no Food experience before this year; confidence with knives/hob "
            "varied widely.",
            "author": "trevor",
            "at": "2026-11-12T11:52",
        },
        {
            "key": "n11",
            "activity": "a5",
            "focus": NI,
            "kind": "neutral",
            "text": "Jess: feedback approach launched September; no cross-faculty moderation yet "
            "— planned for spring.",
            "author": "rob",
            "at": "2026-11-12T12:10",
        },
        {
            "key": "n12",
            "activity": "a5",
            "focus": NI,
            "kind": "area",
            "text": "Uptake of Food and Textiles at GCSE falling (Food 38 → 24 over two years); "
            "Jess links it to late first experience in Y9.",
            "author": "rob",
            "at": "2026-11-12T12:20",
        },
        {
            "key": "n13",
            "activity": "a6",
            "focus": NI,
            "kind": "strength",
            "text": "Students: 'It's about what I need to do next, not what step I'm on.' All 8 "
            "could say their next step.",
            "author": "trevor",
            "at": "2026-11-12T13:25",
        },
        {
            "key": "n14",
            "activity": "a6",
            "focus": TQ,
            "kind": "strength",
            "text": "Y9 students enjoy the projects because 'there isn't one right answer'.",
            "author": "trevor",
            "at": "2026-11-12T13:32",
        },
        {
            "key": "n15",
            "activity": "a6",
            "focus": TQ,
            "kind": "area",
            "text": "Two Y10 students said they 'coast' in practical lessons once the making "
            "starts.",
            "author": "trevor",
            "at": "2026-11-12T13:40",
        },
        {
            "key": "n16",
            "activity": "a7",
            "focus": TQ,
            "kind": "strength",
            "text": "Books show knowledge building Y7 → Y9: materials vocabulary introduced in Y7 "
            "reused accurately in Y9 evaluations.",
            "author": "rob",
            "at": "2026-11-12T13:58",
        },
        {
            "key": "n17",
            "activity": "a7",
            "focus": NI,
            "kind": "area",
            "text": "Quality of written feedback varies between teachers; same grade boundary "
            "applied differently in two Y9 groups.",
            "author": "rob",
            "at": "2026-11-12T14:10",
        },
        {
            "key": "n18",
            "activity": "a7",
            "focus": TQ,
            "kind": "neutral",
            "text": "Portfolios: research pages strong; evaluation pages thinner, often "
            "descriptive rather than critical.",
            "author": "rob",
            "at": "2026-11-12T14:20",
        },
        {
            "key": "n19",
            "activity": "a8",
            "focus": NI,
            "kind": "neutral",
            "text": "Claire and Jess accepted the moderation point; keen to use the triad for "
            "cross-school standardisation.",
            "author": "rob",
            "at": "2026-11-12T15:30",
        },
    ],
    "findings": [
        {
            "focus": TQ,
            "kind": "www",
            "text": "Teachers plan and build on knowledge and progress across Years 7 to 9: this "
            "was evident in students' books, in observations and in discussion with students.",
            "evidence": ["n16", "n4", "n14"],
            "good_practice": False,
        },
        {
            "focus": TQ,
            "kind": "www",
            "text": "Year 8 and 9 projects are thought-provoking and challenging, encouraging "
            "students to solve problems and think hard.",
            "evidence": ["n5", "n4", "n14"],
            "good_practice": False,
        },
        {
            "focus": TQ,
            "kind": "www",
            "text": "Students are given time to research and then report back to each other ('the "
            "student becomes the teacher'), which deepened recall.",
            "evidence": ["n8"],
            "good_practice": True,
        },
        {
            "focus": TQ,
            "kind": "ebi",
            "text": "Develop further the ways to stretch and challenge students, particularly "
            "through questioning that asks higher attainers to evaluate alternatives, and in "
            "practical phases of Year 10.",
            "evidence": ["n6", "n7", "n3", "n15"],
            "good_practice": False,
        },
        {
            "focus": NI,
            "kind": "www",
            "text": "The new feedback approach is understood by students: the emphasis is on "
            "'What do I need to do next to improve?' rather than 'What step am I on?', and every "
            "student we spoke to could say their next step.",
            "evidence": ["n2", "n9", "n13"],
            "good_practice": False,
        },
        {
            "focus": NI,
            "kind": "ebi",
            "text": "Develop more opportunities to cross-standardise students' work and share "
            "good practice in constructive feedback, within the faculty and across the triad.",
            "evidence": ["n17", "n11", "n19"],
            "good_practice": False,
        },
        {
            "focus": NI,
            "kind": "ebi",
            "text": "Many students enjoy their Food lessons, but some had no experience of Food "
            "until Year 9: look at ways to maintain the popularity of Food and Textiles at GCSE.",
            "evidence": ["n10", "n12"],
            "good_practice": False,
        },
    ],
    "actions": [
        {
            "text": "Triad moderation afternoon for Year 9 Technology portfolios (all three "
            "schools).",
            "owner": "jess",
            "due": "2027-02-05",
            "finding": 5,
        },
        {
            "text": "Department CPD on questioning for challenge; revisit in spring learning walk.",
            "owner": "sam",
            "due": "2027-01-20",
            "finding": 3,
        },
        {
            "text": "Review the KS3 rotation so every student has Food and Textiles in Year 7 or "
            "8.",
            "owner": "jess",
            "due": "2027-03-31",
            "finding": 6,
        },
        {
            "text": "Share the 'student becomes the teacher' model at the triad middle leaders' "
            "meeting.",
            "owner": "kate",
            "due": "2027-01-15",
            "finding": 2,
        },
    ],
    "safeguarding": [
        {
            "text": "Fire door between D3 workshop and corridor propped open with a stool during "
            "period 2; mentioned to the site manager at once.",
            "raised_by": "rob",
        },
    ],
}

MCR_F1 = "Adaptive teaching for pupils with SEND in mainstream classes"
MCR_F2 = "Early reading and phonics"
mcr_planned = {
    "key": "mcr-plan",
    "host": "105521",
    "network": "Manchester Primary and Special Group",
    "framework": "developmental",
    "start_date": "2026-12-09",
    "end_date": "2026-12-09",
    "title": "Reciprocal visit: Medlock Primary School",
    "status": "planned",
    "distribution": "review-team",
    "context": "Medlock asked the group, including colleagues from Rodney House special school, "
    "to look at how well everyday teaching adapts for pupils with SEND, and at early reading in "
    "Reception and Year 1.",
    "focus": [MCR_F1, MCR_F2],
    "team": [
        {"person": "marcus", "role": "lead"},
        {"person": "nadia", "role": "reviewer"},
        {"person": "priya", "role": "reviewer"},
    ],
    "writer": "nadia",
    "host_staff": ["gail", "tom"],
    "activities": [
        {
            "key": "b1",
            "kind": "meeting",
            "starts": "08:45",
            "ends": "09:05",
            "place": "Staff room",
            "subject": None,
            "year_group": None,
            "reviewer": "marcus",
            "host_colleague": "owen",
            "title": "Welcome and agenda",
        },
        {
            "key": "b2",
            "kind": "joint-observation",
            "starts": "09:10",
            "ends": "09:40",
            "place": "Reception",
            "subject": "Phonics",
            "year_group": "Reception",
            "reviewer": "nadia",
            "host_colleague": "gail",
            "title": "Joint observation: Reception phonics",
        },
        {
            "key": "b3",
            "kind": "learning-walk",
            "starts": "09:45",
            "ends": "10:30",
            "place": "KS2 classrooms",
            "subject": None,
            "year_group": "Years 3–6",
            "reviewer": "priya",
            "host_colleague": "tom",
            "title": "Learning walk: adaptations in KS2",
        },
        {
            "key": "b4",
            "kind": "interview",
            "starts": "11:00",
            "ends": "11:30",
            "place": "SENCo office",
            "subject": None,
            "year_group": None,
            "reviewer": "priya",
            "host_colleague": None,
            "title": "Interview: SENCo",
        },
        {
            "key": "b5",
            "kind": "pupil-discussion",
            "starts": "13:15",
            "ends": "13:45",
            "place": "Library",
            "subject": "Reading",
            "year_group": "Year 2",
            "reviewer": "nadia",
            "host_colleague": None,
            "title": "Reading with Year 2 pupils",
        },
        {
            "key": "b6",
            "kind": "meeting",
            "starts": "14:45",
            "ends": "15:30",
            "place": "Head's office",
            "subject": None,
            "year_group": None,
            "reviewer": "marcus",
            "host_colleague": "owen",
            "title": "Feedback meeting",
        },
    ],
    "notes": [],
    "findings": [],
    "actions": [],
    "safeguarding": [],
}

MCR2_F = "Communication and interaction: using visual supports consistently"
mcr_progress = {
    "key": "mcr-rodney",
    "host": "105523",
    "network": "Manchester Primary and Special Group",
    "framework": "developmental",
    "start_date": "2026-11-20",
    "end_date": "2026-11-20",
    "title": "Self-evaluation visit: Rodney House Special School",
    "status": "in-progress",
    "distribution": "host-only",
    "context": "Rodney House (an all-age special school for pupils with severe learning "
    "difficulties and autism) asked mainstream colleagues to look at how consistently visual "
    "supports are used, as part of its own self-evaluation.",
    "focus": [MCR2_F],
    "team": [{"person": "bernadette", "role": "lead"}, {"person": "owen", "role": "reviewer"}],
    "writer": "bernadette",
    "host_staff": ["priya"],
    "activities": [
        {
            "key": "c1",
            "kind": "learning-walk",
            "starts": "09:30",
            "ends": "10:30",
            "place": "Primary department",
            "subject": None,
            "year_group": None,
            "reviewer": "bernadette",
            "host_colleague": "priya",
            "title": "Learning walk: primary department",
        },
        {
            "key": "c2",
            "kind": "joint-observation",
            "starts": "10:45",
            "ends": "11:30",
            "place": "Class 6",
            "subject": "Communication",
            "year_group": "KS3",
            "reviewer": "owen",
            "host_colleague": "priya",
            "title": "Joint observation: KS3 communication group",
        },
    ],
    "notes": [
        {
            "key": "m1",
            "activity": "c1",
            "focus": MCR2_F,
            "kind": "strength",
            "text": "Now-and-next boards in every primary class; pupils went to them "
            "independently at transitions.",
            "author": "bernadette",
            "at": "2026-11-20T09:48",
        },
        {
            "key": "m2",
            "activity": "c1",
            "focus": MCR2_F,
            "kind": "area",
            "text": "Symbols differ between classes (two symbol sets in use); one pupil moving "
            "rooms hesitated.",
            "author": "bernadette",
            "at": "2026-11-20T10:05",
        },
        {
            "key": "m3",
            "activity": "c2",
            "focus": MCR2_F,
            "kind": "strength",
            "text": "TA modelled aided language on the communication board throughout; pupil made "
            "a three-symbol request unprompted.",
            "author": "owen",
            "at": "2026-11-20T11:02",
        },
        {
            "key": "m4",
            "activity": "c2",
            "focus": MCR2_F,
            "kind": "neutral",
            "text": "Priya: whole-school symbol audit planned for January — idea worth sharing "
            "with mainstream schools in the group.",
            "author": "owen",
            "at": "2026-11-20T11:25",
        },
    ],
    "findings": [],
    "actions": [],
    "safeguarding": [],
}

W1 = "IA3 Teaching and learning experiences: oracy in Welsh across the curriculum"
W2 = "IA5 Leadership and management: the impact of the new assessment approach"
wales_review = {
    "key": "bro-wyr",
    "host": "6702345",
    "network": "Partneriaeth Bae a Glannau SIG",
    "framework": "estyn",
    "start_date": "2026-10-15",
    "end_date": "2026-10-15",
    "title": "Adolygiad cymheiriaid / Peer review: Ysgol Gymraeg Bro Ŵyr",
    "status": "signed",
    "distribution": "network",
    "context": "Ysgol Gymraeg Bro Ŵyr is a Welsh-medium primary school of 310 pupils; most pupils "
    "come from English-speaking homes. The school chose oracy in Welsh across the curriculum and "
    "the impact of its new approach to assessment for learning, both priorities in its development "
    "plan.",
    "focus": [W1, W2],
    "team": [{"person": "gwenllian", "role": "lead"}, {"person": "emyr", "role": "reviewer"}],
    "writer": "gwenllian",
    "host_staff": ["meinir", "huw"],
    "activities": [
        {
            "key": "w1",
            "kind": "learning-walk",
            "starts": "09:00",
            "ends": "10:00",
            "place": "Foundation Learning classes",
            "subject": "Cymraeg",
            "year_group": "Meithrin–Blwyddyn 2",
            "reviewer": "gwenllian",
            "host_colleague": "meinir",
            "title": "Taith ddysgu / Learning walk",
        },
        {
            "key": "w2",
            "kind": "joint-observation",
            "starts": "10:15",
            "ends": "11:00",
            "place": "Dosbarth 5",
            "subject": "Mathemateg",
            "year_group": "Blwyddyn 5",
            "reviewer": "emyr",
            "host_colleague": "huw",
            "title": "Joint observation: Year 5 mathematics",
        },
        {
            "key": "w3",
            "kind": "pupil-discussion",
            "starts": "11:15",
            "ends": "11:45",
            "place": "Llyfrgell",
            "subject": None,
            "year_group": "Blwyddyn 6",
            "reviewer": "gwenllian",
            "host_colleague": None,
            "title": "Trafodaeth disgyblion / Pupil voice",
        },
        {
            "key": "w4",
            "kind": "work-scrutiny",
            "starts": "13:15",
            "ends": "14:00",
            "place": "Staff room",
            "subject": None,
            "year_group": "Blynyddoedd 3–6",
            "reviewer": "emyr",
            "host_colleague": "meinir",
            "title": "Craffu ar waith / Book look",
        },
    ],
    "notes": [
        {
            "key": "x1",
            "activity": "w1",
            "focus": W1,
            "kind": "strength",
            "text": "Patrymau iaith displayed and used: Year 1 pupils used 'achos' and 'ond' to "
            "extend answers.",
            "author": "gwenllian",
            "at": "2026-10-15T09:20",
        },
        {
            "key": "x2",
            "activity": "w2",
            "focus": W1,
            "kind": "strength",
            "text": "Year 5 reasoning talk in Welsh sustained in pairs for several minutes; roedd "
            "y disgyblion yn hyderus.",
            "author": "emyr",
            "at": "2026-10-15T10:30",
        },
        {
            "key": "x3",
            "activity": "w3",
            "focus": W1,
            "kind": "area",
            "text": "Year 6: pupils switch to English in the yard and on the tablets; they say "
            "Welsh is 'for lessons'.",
            "author": "gwenllian",
            "at": "2026-10-15T11:30",
        },
        {
            "key": "x4",
            "activity": "w4",
            "focus": W2,
            "kind": "strength",
            "text": "Success criteria co-constructed and referred to in pupils' self-assessment "
            "in most books.",
            "author": "emyr",
            "at": "2026-10-15T13:30",
        },
        {
            "key": "x5",
            "activity": "w4",
            "focus": W2,
            "kind": "area",
            "text": "Next steps written but rarely acted on in the following piece of work.",
            "author": "emyr",
            "at": "2026-10-15T13:45",
        },
    ],
    "findings": [
        {
            "focus": W1,
            "kind": "www",
            "text": "Language patterns are taught systematically from the Foundation Learning "
            "years, and pupils use them to extend their spoken answers.",
            "evidence": ["x1", "x2"],
            "good_practice": True,
        },
        {
            "focus": W1,
            "kind": "ebi",
            "text": "Extend the use of Welsh beyond lessons — in the yard, clubs and digital work "
            "— so that older pupils see it as their language, not only the language of lessons.",
            "evidence": ["x3"],
            "good_practice": False,
        },
        {
            "focus": W2,
            "kind": "www",
            "text": "Pupils understand and use co-constructed success criteria when assessing "
            "their own work.",
            "evidence": ["x4"],
            "good_practice": False,
        },
        {
            "focus": W2,
            "kind": "ebi",
            "text": "Build in time for pupils to act on their next steps, so that feedback leads "
            "to improvement in the next piece of work.",
            "evidence": ["x5"],
            "good_practice": False,
        },
    ],
    "actions": [
        {
            "text": "Criw Cymraeg pupil leaders to run yard games and a weekly Welsh digital "
            "challenge.",
            "owner": "meinir",
            "due": "2027-01-31",
            "finding": 1,
        },
        {
            "text": "'Amser ymateb' (response time) at the start of each English and maths "
            "lesson; review in a book look.",
            "owner": "huw",
            "due": "2027-02-28",
            "finding": 3,
        },
    ],
    "safeguarding": [],
}

wales_planned = {
    "key": "ty-coch",
    "host": "6612210",
    "network": "Partneriaeth Bae a Glannau SIG",
    "framework": "estyn",
    "start_date": "2027-01-21",
    "end_date": "2027-01-21",
    "title": "Peer review: Ysgol Gynradd Tŷ Coch",
    "status": "planned",
    "distribution": "host-only",
    "context": "Tŷ Coch chose wellbeing and attitudes to learning after a rise in persistent "
    "absence.",
    "focus": ["Wellbeing and attitudes to learning"],
    "team": [{"person": "sian", "role": "lead"}, {"person": "dafydd", "role": "reviewer"}],
    "writer": "sian",
    "host_staff": [],
    "activities": [
        {
            "key": "t1",
            "kind": "learning-walk",
            "starts": "09:15",
            "ends": "10:00",
            "place": "Whole school",
            "subject": None,
            "year_group": None,
            "reviewer": "sian",
            "host_colleague": None,
            "title": "Learning walk",
        },
        {
            "key": "t2",
            "kind": "pupil-discussion",
            "starts": "10:30",
            "ends": "11:00",
            "place": "Neuadd",
            "subject": None,
            "year_group": "Blwyddyn 4–6",
            "reviewer": "dafydd",
            "host_colleague": None,
            "title": "Pupil voice: belonging and attendance",
        },
    ],
    "notes": [],
    "findings": [],
    "actions": [],
    "safeguarding": [],
}

demo = {
    "format": 1,
    "schools": schools,
    "people": people,
    "networks": networks,
    "reviews": [tech_review, mcr_planned, mcr_progress, wales_review, wales_planned],
}

if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(demo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT}: {len(schools)} schools, {len(people)} people, {len(demo['reviews'])} reviews"
    )
