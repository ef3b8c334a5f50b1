"""The fixed words of the practice: roles, kinds and statuses. Plain constants, no imports,
so the command line can build its help without loading the database layer."""

ROLES = (
    "headteacher",
    "deputy-headteacher",
    "assistant-headteacher",
    "subject-leader",
    "senco",
    "teacher",
    "teaching-assistant",
    "governor",
    "facilitator",
)
NETWORK_KINDS = ("triad", "group", "sig")
MIN_NETWORK_SCHOOLS = 2  # a network is a partnership
# A review's status follows what happened (app/services/status.py), in this order.
STATUSES = (
    "planned",
    "in-progress",
    "written-up",
    "accuracy-check",
    "signed",
    "countersigned",
    "shared",
)
# Who may receive the report. Confidential to the host school unless it decides otherwise.
DISTRIBUTIONS = ("host-only", "review-team", "network")
TEAM_ROLES = ("lead", "reviewer", "host-staff")
ACTIVITY_KINDS = (
    "learning-walk",
    "joint-observation",
    "interview",
    "pupil-discussion",
    "work-scrutiny",
    "meeting",
)
NOTE_KINDS = ("strength", "area", "neutral")
FINDING_KINDS = ("www", "ebi")
ACTION_STATUSES = ("open", "in-progress", "done", "dropped")
# Where a school says it is in an area: 1 starting, 2 developing, 3 embedding, 4 secure; 0 is
# its list of priorities (app/services/practice.py).
PUBLISHED_STAGES = (0, 1, 2, 3, 4)

# Sizes of record fields: an id is a UUID in its 36-character text form.
ID_LENGTH = 36
ID_PREFIX_MIN = 4  # the shortest start of an id that a person may type for the whole
SCHOOL_NAME_MAX = 300
