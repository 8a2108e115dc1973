"""How long personal data is kept, and why: the one place retention periods are decided (PIPL Art. 19: the
shortest time the purpose needs; Art. 47: delete when it is over). Next to the personal-field registry
(registry.py): tests/residents/test_retention_registry.py fails when a model holding a personal field has no
decision here.

PURGES are carried out nightly by residents.mydata.purge; KEPT says, per model, why its rows (or the rows a purge
leaves) stay. Rows pointing at an object under a legal hold (core.holds) are never purged, whatever their age.
Models are named by label, never imported (residents may not import the apps above it).
"""

from dataclasses import dataclass, field
from datetime import timedelta

# China's Cybersecurity Law Art. 21(3) makes network operators keep network (security) logs for at least six
# months. The audit table's trigger (core/migrations, retention) refuses to delete a younger row, whatever the
# application asks, so a misconfigured period or a compromised web process cannot cut the log short.
SECURITY_LOG_FLOOR = timedelta(days=180)
# Civil Code Art. 188: the general limitation period for a civil claim is three years.
LIMITATION_PERIOD = timedelta(days=3 * 365)

ESTATE, ACCOUNT, ORDER = "residents.estate", "residents.user", "repairs.workorder"  # what a legal hold can name


@dataclass(frozen=True)
class Purge:
    """One class of rows deleted `period` after the time in `after`, with the files in `files`."""

    name: str  # names the class in the purge's audit row
    model: str  # "app_label.ModelName"
    after: str  # the lookup of the time the period counts from
    period: timedelta
    why: str
    where: dict = field(default_factory=dict)  # which rows the class covers (filter kwargs); {}: all
    files: tuple[str, ...] = ()  # file fields whose files go with the row
    holds: dict[str, str] = field(default_factory=dict)  # held object label → lookup of its id from this model


FINAL_ORDER = ["closed", "cancelled", "rejected", "merged", "joined"]  # repairs.workflow.FINAL_STATUSES

PURGES: list[Purge] = [
    Purge(
        "audit_log",
        "core.AuditEvent",
        "at",
        timedelta(days=365),
        "security log (ASVS 16): a year covers the yearly security review; the law asks for six months",
        holds={ACCOUNT: "actor_id", ESTATE: "estate_id"},
    ),
    Purge(
        "login_log",
        "axes.AccessLog",
        "attempt_time",
        timedelta(days=365),
        "successful sign-ins with address and browser: a security log, kept like the audit log",
    ),
    Purge(
        "login_failure_log",
        "axes.AccessFailureLog",
        "attempt_time",
        timedelta(days=365),
        "failed sign-ins with address and browser: a security log, kept like the audit log",
    ),
    Purge(
        "lockout_counters",
        "axes.AccessAttempt",
        "attempt_time",
        timedelta(days=30),
        "lockout counters are spent after the hour's cool-off; a month lets staff look into a burst of failures",
    ),
    Purge(
        "expired_sessions",
        "sessions.Session",
        "expire_date",
        timedelta(0),
        "an expired session can never be used again (what `clearsessions` does)",
    ),
    Purge(
        "delivered_messages",
        "core.OutboxMessage",
        "created_at",
        timedelta(days=90),
        "proof a message went out, for questions about it; a delivered or given-up message is never retried",
        where={"status__in": ["sent", "failed"]},
        holds={ACCOUNT: "recipient_id"},
    ),
    Purge(
        "notifications",
        "core.Notification",
        "created_at",
        timedelta(days=365),
        "the in-app inbox: a year of messages about one's repairs, surveys and notices",
        holds={ACCOUNT: "recipient_id"},
    ),
    Purge(
        "decided_deletion_requests",
        "residents.DeletionRequest",
        "decided_at",
        LIMITATION_PERIOD,
        "the record that a request was carried out or refused, with reasons (PIPL Art. 50), for as long as a claim "
        "about it can be brought",
        where={"status__in": ["erased", "refused"]},
        holds={ACCOUNT: "person__user_id"},
    ),
    Purge(
        "rejected_unit_claims",
        "residents.UnitClaim",
        "decided_at",
        timedelta(days=365),
        "a refused claim to a home, with its note: a year to settle a dispute about it",
        where={"status": "rejected"},
        holds={ACCOUNT: "person__user_id", ESTATE: "unit__building__estate_id"},
    ),
    Purge(
        "repair_photos",
        "repairs.WorkOrderPhoto",
        "order__closed_at",
        timedelta(days=365),
        "photos inside homes are sensitive (SECURITY.md §3): kept a year after the order ends, for warranty and "
        "complaints about the work; the order itself stays as the home's repair history",
        where={"order__status__in": FINAL_ORDER},
        files=("image", "thumbnail"),
        holds={ORDER: "order_id", ESTATE: "order__estate_id", ACCOUNT: "order__reporter__user_id"},
    ),
    Purge(
        "survey_drafts",
        "feedback.SurveyDraft",
        "survey__expires_at",
        timedelta(0),
        "half-typed answers are never counted; once the invitation is over they serve nothing",
        where={"survey__status__in": ["expired", "withdrawn"]},
        holds={ACCOUNT: "survey__recipient_id", ESTATE: "survey__estate_id"},
    ),
    Purge(
        "unanswered_surveys",
        "feedback.Survey",
        "expires_at",
        timedelta(days=2 * 365),
        "an invitation never answered only tells that a household was asked: kept two yearly survey rounds, for "
        "response rates compared year on year",
        where={"status__in": ["expired", "withdrawn"]},
        holds={ACCOUNT: "recipient_id", ESTATE: "estate_id"},
    ),
    Purge(
        "unasked_survey_candidates",
        "feedback.SurveyCandidate",
        "decided_at",
        timedelta(days=2 * 365),
        "repairs the fatigue cap left unasked: kept as long as the response rates they explain",
        where={"status__in": ["skipped", "withdrawn"]},
        holds={ACCOUNT: "recipient_id", ESTATE: "estate_id", ORDER: "work_order_id"},
    ),
    Purge(
        "self_help_visits",
        "portal.ArticleVisit",
        "created_at",
        timedelta(days=2 * 365),
        "which self-help article a resident read and whether it helped: counted for two years of comparisons",
        holds={ACCOUNT: "user_id", ESTATE: "estate_id"},
    ),
]

VOTE_EVIDENCE = (
    "evidence of a binding owners' decision (Civil Code Art. 278-280; a court may be asked to revoke it, SPC "
    "interpretation Art. 12): archived as long as the decision stands, never purged by age"
)
WITH_ACCOUNT = "the account itself: kept while it exists, erased on request (PIPL Art. 47, mydata.services)"
WITH_HOME = "who owns or lives in a home: kept while that lasts, it is the owners' register votes count on"
STAFF = "staff and committee records: kept while the person works for the estate; links name no resident"
SERVICE_RECORD = (
    "the estate's service record (Civil Code Art. 943 disclosure, committee supervision): kept; the resident's "
    "own words are erased on request"
)
COMMITTEE = "committee records the owners may inspect (SPC interpretation Art. 13): kept with the committee's files"
PAGES = "Wagtail page editors: staff, no resident data (SECURITY.md §0)"

KEPT: dict[str, str] = {
    "core.OutboxMessage": "pending messages are still to be delivered",
    "core.LegalHold": "who placed a hold: kept with the hold, the record of why data outlived its period",
    "residents.User": WITH_ACCOUNT,
    "residents.Person": WITH_ACCOUNT,
    "residents.PrivacyConsent": "proof of the privacy notice and consent (PIPL Art. 14, 17), kept with the account",
    "residents.ContactConsent": "proof of consent to a contact channel (PIPL Art. 14), kept with the account",
    "residents.Ownership": WITH_HOME,
    "residents.Occupancy": WITH_HOME,
    "residents.UnitClaim": "pending claims wait for staff; an approved claim is the evidence behind an ownership",
    "residents.StaffProfile": STAFF,
    "residents.EstateRole": STAFF,
    "residents.DeletionRequest": "an open request waits for staff (≤ 15 working days)",
    "repairs.WorkOrder": SERVICE_RECORD,
    "repairs.WorkOrderEvent": SERVICE_RECORD,
    "repairs.WorkOrderPhoto": "photos of orders still open are the work to do",
    "repairs.Incident": SERVICE_RECORD,
    "repairs.Quote": "a price the household accepted: a contract record (Civil Code Art. 188 applies)",
    "repairs.MaintenancePlan": STAFF,
    "repairs.WorkOrderChecklistItem": SERVICE_RECORD,
    "feedback.Campaign": STAFF,
    "feedback.CampaignHousehold": "the campaign's sample: which households were drawn, for its response rate",
    "feedback.Complaint": SERVICE_RECORD,
    "feedback.ComplaintEvent": SERVICE_RECORD,
    "feedback.Survey": "answered surveys carry the counted answer; open invitations wait for one",
    "feedback.SurveyCandidate": "pending and invited candidates are still in use",
    "feedback.SurveyDraft": "a draft of an open invitation is the resident's work in progress",
    "feedback.Response": "counted answers: the scores and committee reports are built on them",
    "feedback.ResponseReply": "the company's reply to a counted answer, kept with it",
    "committee.Document": COMMITTEE,
    "committee.Disclosure": COMMITTEE,
    "committee.DisclosureAttachment": COMMITTEE,
    "committee.DisclosureQuestion": COMMITTEE,
    "committee.Member": COMMITTEE,
    "committee.Meeting": COMMITTEE,
    "committee.QualityReport": COMMITTEE,
    "committee.SpotCheckDraw": COMMITTEE,
    "committee.SpotCheck": COMMITTEE,
    "committee.SupervisionItem": COMMITTEE,
    "committee.SupervisionEvent": COMMITTEE,
    "committee.Motion": VOTE_EVIDENCE,
    "committee.RollEntry": VOTE_EVIDENCE,
    "committee.Ballot": VOTE_EVIDENCE,
    "committee.BallotEvent": VOTE_EVIDENCE,
    "committee.VoteNotice": VOTE_EVIDENCE + " (the notice period was honoured)",
    "committee.CommitteeRules": COMMITTEE,
    "portal.NoticeDelivery": "kept with its notice page (deleting it would tell the person again on republishing)",
    "portal.NoticeRead": "kept with its notice page (deleting it would show the notice as unread again)",
    **{
        f"portal.{page}": PAGES
        for page in ("HomePage", "NoticeIndexPage", "NoticePage", "EstateHomePage", "ServiceGuidePage")
        + ("CommitteePage", "ArticleIndexPage", "ArticlePage")
    },
}
# Vote evidence is never purged by age; the purge refuses a rule that would touch it.
NEVER_PURGED = frozenset(label for label, why in KEPT.items() if why.startswith(VOTE_EVIDENCE))
