"""SQLAlchemy models. Importing this package registers every table on ``Base.metadata``."""

from app.models.base import Base, Synced, link_id, new_id
from app.models.certificates import SigningCertificate
from app.models.changes import Change, FieldHead, Setting
from app.models.evidence import Attachment, Note, NoteAttachment
from app.models.findings import Action, Finding, FindingEvidence
from app.models.frameworks import Framework, FrameworkFocusArea
from app.models.practice import PublishedStatus, ReleasedPractice, SchoolStrength
from app.models.reviews import Activity, Review, ReviewFocus, TeamMember
from app.models.rota import RotaVisit
from app.models.safeguarding import SafeguardingConcern, SafeguardingHandover
from app.models.schools import Network, NetworkMember, Person, School
from app.models.signoff import FindingComment, ReviewEvent
from app.models.sync import Batch, ReceivedPackage, SentBatch, Site

__all__ = [
    "Action",
    "Activity",
    "Attachment",
    "Base",
    "Batch",
    "Change",
    "FieldHead",
    "Finding",
    "FindingComment",
    "FindingEvidence",
    "Framework",
    "FrameworkFocusArea",
    "Network",
    "NetworkMember",
    "Note",
    "NoteAttachment",
    "Person",
    "PublishedStatus",
    "ReceivedPackage",
    "ReleasedPractice",
    "Review",
    "ReviewEvent",
    "ReviewFocus",
    "RotaVisit",
    "SafeguardingConcern",
    "SafeguardingHandover",
    "School",
    "SchoolStrength",
    "SentBatch",
    "Setting",
    "SigningCertificate",
    "Site",
    "Synced",
    "TeamMember",
    "link_id",
    "new_id",
]

SYNCED_TABLES = {
    cls.__tablename__: cls
    for cls in (
        School,
        Person,
        Network,
        NetworkMember,
        SigningCertificate,
        RotaVisit,
        ReleasedPractice,
        SchoolStrength,
        PublishedStatus,
        Review,
        ReviewFocus,
        TeamMember,
        Activity,
        Note,
        NoteAttachment,
        Finding,
        FindingEvidence,
        Action,
        FindingComment,
        ReviewEvent,
    )
}
