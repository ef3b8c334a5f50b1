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
