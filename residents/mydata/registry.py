"""The registry of personal fields: every model field holding personal data, whose data it is, where the export
shows it and what erasure does to it. tests/residents/test_mydata_registry.py walks every model of our apps and
fails on a field that looks personal but is named neither here nor in NOT_PERSONAL, so a new personal field
cannot slip past the export and the erasure.

Models are named by label ("repairs.WorkOrder"), never imported: residents may not import the apps above it.
"""

from dataclasses import dataclass
from enum import StrEnum


class Erase(StrEnum):
    """What erasing the account does to a field (residents.mydata.services.account_erase)."""

    PSEUDONYM = "pseudonym"  # replaced by "erased-<user id>" (a login name must stay unique)
    NAME = "name"  # replaced by the erased-person placeholder name
    CLEAR = "clear"  # emptied: "", None or {} as the field allows
    TEXT = "text"  # free text the person wrote (or that is about them) replaced by a placeholder
    REPLACE_NAME = "replace_name"  # the person's name replaced inside a text listing several people
    FILE = "file"  # the row and its files deleted (files after commit)
    SCRUB = "scrub"  # in every row (anyone's), the values erased elsewhere replaced where they were copied in
    LINK = "link"  # a reference kept: it now points at the anonymised account and names no one
    RETAIN = "retain"  # kept on a stated legal or security ground (PIPL Art. 47: stored, not used)


@dataclass(frozen=True)
class PersonalField:
    model: str  # "app_label.ModelName"
    field: str
    subject: str  # lookup from the model to the User whose data it is; "" for the User itself (SCRUB: every row)
    erase: Erase
    export: str = ""  # the top-level section of the export that shows it; "" when `why` says why not
    why: str = ""

    @property
    def key(self) -> str:
        return f"{self.model}.{self.field}"


def _staff(model, field, subject=None):
    """A reference to the staff member or committee member who did something: kept, not the resident's data."""
    return PersonalField(model, field, subject or field, Erase.LINK, why="who acted: a staff or committee record")


OPEN311_CONTACT = "an Open311 caller's contact, who may be someone else"

PERSONAL_FIELDS: list[PersonalField] = [
    # --- core --------------------------------------------------------------------------------------------
    PersonalField("core.AuditEvent", "actor", "actor", Erase.LINK, why="the append-only security log keeps ids"),
    PersonalField(
        "core.AuditEvent", "ip_address", "actor", Erase.RETAIN, why="security log (ASVS 16), purged by retention"
    ),
    PersonalField(
        "core.AuditEvent", "detail", "actor", Erase.RETAIN, why="append-only; core.audit writes no personal values"
    ),
    _staff("core.LegalHold", "placed_by"),
    PersonalField("core.Notification", "recipient", "recipient", Erase.LINK, "notifications"),
    PersonalField("core.Notification", "subject", "recipient", Erase.TEXT, "notifications"),
    PersonalField("core.Notification", "body", "recipient", Erase.TEXT, "notifications"),
    PersonalField("core.OutboxMessage", "recipient", "recipient", Erase.LINK, "notifications"),
    PersonalField("core.OutboxMessage", "address", "recipient", Erase.CLEAR, why="the phone or email: in account"),
    PersonalField("core.OutboxMessage", "subject", "recipient", Erase.TEXT, "notifications"),
    PersonalField("core.OutboxMessage", "body", "recipient", Erase.TEXT, why="same text as the in-app notification"),
    # messages to other people quote what the person wrote (a handler told of a new complaint and its title)
    PersonalField("core.Notification", "subject", "", Erase.SCRUB, why="copies in other people's messages"),
    PersonalField("core.Notification", "body", "", Erase.SCRUB, why="copies in other people's messages"),
    PersonalField("core.OutboxMessage", "subject", "", Erase.SCRUB, why="copies in other people's messages"),
    PersonalField("core.OutboxMessage", "body", "", Erase.SCRUB, why="copies in other people's messages"),
    # --- residents -----------------------------------------------------------------------------------------
    PersonalField("residents.User", "username", "", Erase.PSEUDONYM, "account"),
    PersonalField("residents.User", "first_name", "", Erase.CLEAR, "account"),
    PersonalField("residents.User", "last_name", "", Erase.CLEAR, "account"),
    PersonalField("residents.User", "email", "", Erase.CLEAR, "account"),
    PersonalField("residents.User", "phone", "", Erase.CLEAR, "account"),
    PersonalField("residents.Person", "user", "user", Erase.LINK, "account"),
    PersonalField("residents.Person", "full_name", "user", Erase.NAME, "account"),
    PersonalField("residents.PrivacyConsent", "person", "person__user", Erase.LINK, "account"),
    PersonalField("residents.ContactConsent", "person", "person__user", Erase.LINK, "account"),
    PersonalField("residents.Ownership", "person", "person__user", Erase.LINK, "homes"),
    _staff("residents.Ownership", "verified_by"),
    PersonalField("residents.Occupancy", "person", "person__user", Erase.LINK, "homes"),
    PersonalField("residents.UnitClaim", "person", "person__user", Erase.LINK, "homes"),
    PersonalField("residents.UnitClaim", "note", "person__user", Erase.TEXT, "homes"),
    PersonalField("residents.UnitClaim", "reason", "person__user", Erase.TEXT, "homes"),
    _staff("residents.UnitClaim", "decided_by"),
    _staff("residents.StaffProfile", "user"),
    _staff("residents.EstateRole", "user"),
    PersonalField("residents.DeletionRequest", "person", "person__user", Erase.LINK, "account"),
    PersonalField(
        "residents.DeletionRequest",
        "refusal_reason",
        "person__user",
        Erase.RETAIN,
        "account",
        why="the company's reasons are the record PIPL Art. 50 asks for",
    ),
    _staff("residents.DeletionRequest", "decided_by"),
    # --- repairs -------------------------------------------------------------------------------------------
    PersonalField("repairs.WorkOrder", "reporter", "reporter__user", Erase.LINK, "repairs"),
    PersonalField("repairs.WorkOrder", "description", "reporter__user", Erase.TEXT, "repairs"),
    PersonalField("repairs.WorkOrder", "location_detail", "reporter__user", Erase.TEXT, "repairs"),
    PersonalField("repairs.WorkOrder", "preferred_windows", "reporter__user", Erase.CLEAR, "repairs"),
    # An Open311 caller's contact, kept when no registered resident is named: not the account holder's to
    # download (it may be someone else), cleared with the reporter's erasure all the same.
    PersonalField("repairs.WorkOrder", "contact_name", "reporter__user", Erase.CLEAR, why=OPEN311_CONTACT),
    PersonalField("repairs.WorkOrder", "contact_phone", "reporter__user", Erase.CLEAR, why=OPEN311_CONTACT),
    PersonalField("repairs.WorkOrder", "contact_email", "reporter__user", Erase.CLEAR, why=OPEN311_CONTACT),
    _staff("repairs.WorkOrder", "created_by"),
    _staff("repairs.WorkOrder", "assignee"),
    _staff("repairs.Incident", "created_by"),
    PersonalField("repairs.WorkOrderEvent", "actor", "actor", Erase.LINK, "repairs"),
    PersonalField("repairs.WorkOrderEvent", "note", "actor", Erase.TEXT, "repairs"),
    # Photos of the reporter's home, fault and finished work alike: the rows and files go.
    PersonalField("repairs.WorkOrderPhoto", "image", "order__reporter__user", Erase.FILE, "repairs"),
    PersonalField("repairs.WorkOrderPhoto", "thumbnail", "order__reporter__user", Erase.FILE, "repairs"),
    _staff("repairs.WorkOrderPhoto", "uploaded_by"),
    _staff("repairs.Quote", "sent_by"),
    _staff("repairs.MaintenancePlan", "default_assignee"),
    _staff("repairs.MaintenancePlan", "created_by"),
    _staff("repairs.WorkOrderChecklistItem", "done_by"),
    PersonalField("repairs.WorkOrderChecklistItem", "note", "done_by", Erase.TEXT, why="a technician's work note"),
    # --- feedback ------------------------------------------------------------------------------------------
    _staff("feedback.Campaign", "created_by"),
    PersonalField("feedback.CampaignHousehold", "recipient", "recipient", Erase.LINK, "feedback"),
    PersonalField("feedback.Complaint", "submitter", "submitter__user", Erase.LINK, "feedback"),
    PersonalField("feedback.Complaint", "title", "submitter__user", Erase.TEXT, "feedback"),
    PersonalField("feedback.Complaint", "body", "submitter__user", Erase.TEXT, "feedback"),
    PersonalField("feedback.Complaint", "body_digest", "submitter__user", Erase.CLEAR, why="a hash of the body"),
    _staff("feedback.Complaint", "staff_member"),
    PersonalField("feedback.ComplaintEvent", "actor", "actor", Erase.LINK, "feedback"),
    PersonalField("feedback.ComplaintEvent", "note", "actor", Erase.TEXT, "feedback"),
    PersonalField("feedback.Survey", "recipient", "recipient", Erase.LINK, "feedback"),
    PersonalField("feedback.SurveyCandidate", "recipient", "recipient", Erase.LINK, why="an internal sampling row"),
    PersonalField("feedback.SurveyDraft", "data", "survey__recipient", Erase.CLEAR, "feedback"),
    _staff("feedback.Response", "technician"),
    PersonalField("feedback.Response", "comment", "survey__recipient", Erase.TEXT, "feedback"),
    _staff("feedback.ResponseReply", "author"),
    PersonalField(
        "feedback.ResponseReply", "body", "response__survey__recipient", Erase.TEXT, why="staff's words to them"
    ),
    # --- committee -----------------------------------------------------------------------------------------
    _staff("committee.Document", "uploaded_by"),
    _staff("committee.Disclosure", "created_by"),
    _staff("committee.Disclosure", "published_by"),
    _staff("committee.DisclosureAttachment", "uploaded_by"),
    PersonalField("committee.DisclosureQuestion", "asker", "asker", Erase.LINK, "committee"),
    PersonalField("committee.DisclosureQuestion", "body", "asker", Erase.TEXT, "committee"),
    _staff("committee.DisclosureQuestion", "answered_by"),
    PersonalField("committee.Member", "person", "person__user", Erase.LINK, "committee"),
    _staff("committee.Meeting", "approved_by"),
    _staff("committee.QualityReport", "generated_by"),
    _staff("committee.QualityReport", "approved_by"),
    _staff("committee.SpotCheckDraw", "drawn_by"),
    _staff("committee.SpotCheck", "checked_by"),
    PersonalField("committee.SpotCheck", "notes", "checked_by", Erase.TEXT, why="a committee member's notes"),
    _staff("committee.SupervisionItem", "raised_by"),
    PersonalField("committee.SupervisionItem", "details", "raised_by", Erase.TEXT, why="a committee member's text"),
    _staff("committee.SupervisionEvent", "actor"),
    PersonalField("committee.SupervisionEvent", "note", "actor", Erase.TEXT, why="a committee member's text"),
    _staff("committee.Motion", "created_by"),
    PersonalField("committee.RollEntry", "persons", "persons__user", Erase.LINK, "committee"),
    PersonalField("committee.RollEntry", "names", "persons__user", Erase.REPLACE_NAME, "committee"),
    # A ballot is counted anonymously, so the link stays: the vote's heads and areas must not change.
    PersonalField("committee.Ballot", "cast_by", "cast_by", Erase.LINK, "committee"),
    PersonalField(
        "committee.Ballot",
        "proxy_name",
        "entry__persons__user",
        Erase.RETAIN,
        why="evidence of a binding owners' decision (Civil Code Art. 278-280), kept for the vote's retention",
    ),
    PersonalField(
        "committee.Ballot",
        "scan",
        "entry__persons__user",
        Erase.RETAIN,
        why="the signed paper ballot: evidence of a binding owners' decision, kept for the vote's retention",
    ),
    PersonalField("committee.BallotEvent", "actor", "actor", Erase.LINK, "committee"),
    PersonalField("committee.BallotEvent", "note", "actor", Erase.TEXT, why="staff's note on a paper ballot"),
    PersonalField("committee.VoteNotice", "person", "person__user", Erase.LINK, why="only that a notice was sent"),
    PersonalField(
        "committee.CommitteeRules", "developer", "developer__user", Erase.LINK, why="the developer, a company"
    ),
    # --- portal (Wagtail pages hold no resident data, SECURITY.md §0; these are the editors) ------------------
    _staff("portal.HomePage", "owner"),
    _staff("portal.HomePage", "locked_by"),
    *(
        _staff(f"portal.{page}", field)
        for page in ("NoticeIndexPage", "NoticePage", "EstateHomePage")
        for field in ("owner", "locked_by")
    ),
    *(
        _staff(f"portal.{page}", field)
        for page in ("ServiceGuidePage", "CommitteePage")
        for field in ("owner", "locked_by")
    ),
    PersonalField("portal.NoticeDelivery", "person", "person__user", Erase.LINK, why="only that a notice was sent"),
    PersonalField("portal.NoticeRead", "person", "person__user", Erase.LINK, why="only that a notice was opened"),
    *(
        _staff(f"portal.{page}", field)
        for page in ("ArticleIndexPage", "ArticlePage")
        for field in ("owner", "locked_by")
    ),
    # which self-help articles the person read and answered: kept linked (anonymised) so the counts stay true
    PersonalField("portal.ArticleVisit", "user", "user", Erase.LINK, "self_help"),
]

# Fields whose names look personal but hold none, each with the reason.
NOT_PERSONAL: dict[str, str] = {
    "residents.Estate.name": "an estate's name",
    "residents.Estate.address": "an estate's street address",
    "residents.Building.name": "a building's name",
    "residents.CommonArea.name": "a shared area's name",
    "residents.Trade.name_zh": "a trade's name",
    "residents.Trade.name_en": "a trade's name",
    # The erasure ledger: bare ids and a time, the minimum a restore needs to re-apply an erasure (ledger.py).
    "residents.ErasureLedgerEntry.user_id": "an erased account's bare id: what a restore must erase again",
    "residents.ErasureLedgerEntry.person_id": "an erased person's bare id: what a restore must erase again",
    "residents.ErasureLedgerEntry.actor_id": "the bare id of the staff account that carried out the erasure",
    "repairs.Incident.description": "an outage notice written by staff for many homes",
    "repairs.Incident.resolution_note": "an outage notice written by staff for many homes",
    "repairs.Quote.note": "what the price covers, about the work",
    "repairs.MaintenancePlan.description": "planned work on common areas",
    "repairs.Open311Client.name": "an application's name",
    "feedback.Instrument.name_zh": "a questionnaire's name",
    "feedback.Instrument.name_en": "a questionnaire's name",
    "feedback.Campaign.name": "a survey campaign's name",
    "committee.Document.name": "a committee document's file name",
    "committee.Disclosure.body": "a public disclosure by the company",
    "committee.DisclosureAttachment.name": "a disclosure file's name",
    "portal.HomePage.search_description": "public page content (no resident data in Wagtail, SECURITY.md §0)",
    "portal.NoticeIndexPage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.EstateHomePage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.NoticePage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.NoticePage.body": "a notice written by staff for a building or the estate (SECURITY.md §0)",
    "portal.ServiceGuidePage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.CommitteePage.search_description": "page content written by staff; members' names are never stored in it",
    "portal.ArticleIndexPage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.ArticlePage.search_description": "page content written by staff (SECURITY.md §0)",
    "portal.ArticlePage.body": "a self-help article written by staff, about a common problem (SECURITY.md §0)",
}


def entries_for(erase: Erase | None = None) -> list[PersonalField]:
    return [entry for entry in PERSONAL_FIELDS if erase is None or entry.erase == erase]
