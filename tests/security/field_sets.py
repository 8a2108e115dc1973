"""The fields each role class receives from every API operation that returns objects (SECURITY.md §5.3).

This is the documented answer to "who sees what": tests/security/test_response_fields.py requests every API row
of the authorisation matrix (tests/test_permission_matrix.py) as every role allowed to call it and fails when a
response holds a key not listed here, lacks a listed top-level key, or when the OpenAPI schema lists a field
not documented here. So a new operation or a new serializer field fails the suite until it is added below.

How to read and extend it:
- RESPONSE_FIELDS["<METHOD> <url name>"]["<role class>"]: the keys of each object the operation returns to that
  class. Role classes (tests/security/shapes.py ROLE_CLASSES): anonymous; resident (owner, tenant, another
  household, newcomer); staff (dispatcher, technician, manager, estate B's manager, the admin); committee
  (members of estate A and of estate B); open311_client (a caller with an Open311 api_key, which no matrix role
  has: documented from the schema).
- A path names a key inside an object: `unit.number` for a nested object, `photos[].url` for objects in a list.
  A paginated or bare list is described by its items. Keys that are data (ids, dates) appear as `*`.
- An operation returning objects of several kinds lists each shape in one_of(...).
- Operations that return nothing (204, a file) have no entry. Shapes shared by several operations are named
  constants; before widening one, check every operation that uses it.
"""


def fields(paths: str = "") -> frozenset:
    """A documented set, written as whitespace-separated key paths."""
    return frozenset(paths.split())


def one_of(*shapes: frozenset) -> tuple:
    """An operation returning objects of several kinds: each object must match one of the shapes."""
    return shapes


TOKEN = fields("token")
DOCUMENT = fields("access category category_label created_at id kind name size title url")
MEETING_SUMMARY = fields("held_on id place published_at scheduled_at status title")
MEETING = fields(
    "actions agenda agenda[].id agenda[].needs_decision agenda[].passed agenda[].position agenda[].resolution "
    "agenda[].title agenda[].votes agenda[].votes[].choice agenda[].votes[].full_name agenda[].votes[].member_id "
    "agenda[].votes_abstain agenda[].votes_against agenda[].votes_for approved_at held_on id minutes place present "
    "publish_by published_at quorate scheduled_at status title version voting_members"
)
COMMITTEE_MEMBER = fields("end ended_on full_name id role start")
QUALITY_REPORT_SUMMARY = fields("approved_at generated_at id month published_at status version")
QUALITY_REPORT = fields(
    "actions approved_at figures figures.complaints figures.complaints.by_kind figures.complaints.by_kind.complaint "
    "figures.complaints.by_kind.praise figures.complaints.by_kind.suggestion figures.complaints.months "
    "figures.month figures.reopen figures.reopen.met figures.reopen.n figures.reopen.percent "
    "figures.reopen.suppressed figures.schema figures.servqual figures.servqual.dimensions "
    "figures.servqual.dimensions[].gap figures.servqual.dimensions[].key figures.servqual.dimensions[].n "
    "figures.servqual.dimensions[].name_en figures.servqual.dimensions[].name_zh "
    "figures.servqual.dimensions[].perceived figures.servqual.dimensions[].suppressed figures.servqual.instrument "
    "figures.servqual.overall figures.servqual.overall.gap figures.servqual.overall.n "
    "figures.servqual.overall.perceived figures.servqual.overall.suppressed figures.servqual.respondents "
    "figures.sla figures.sla.arrival figures.sla.arrival.met figures.sla.arrival.n figures.sla.arrival.percent "
    "figures.sla.arrival.suppressed figures.sla.resolution figures.sla.resolution.met figures.sla.resolution.n "
    "figures.sla.resolution.percent figures.sla.resolution.suppressed figures.sla.response figures.sla.response.met "
    "figures.sla.response.n figures.sla.response.percent figures.sla.response.suppressed figures.spot_checks "
    "figures.spot_checks.checked figures.spot_checks.counts figures.spot_checks.suppressed generated_at id month "
    "published_at schema_version status version"
)
COMMITTEE_RULES = fields(
    "filing_days members_max members_min members_odd notice_days publish_days spot_check_size "
    "supervision_answer_days term_years_max voting_days_max voting_days_min"
)
SPOT_CHECK_DRAW = fields(
    "candidates checks checks[].checked_at checks[].id checks[].method checks[].notes checks[].order "
    "checks[].order.closed_at checks[].order.completed_at checks[].order.confirmed_at checks[].order.created_at "
    "checks[].order.id checks[].order.location checks[].order.place checks[].order.priority checks[].order.status "
    "checks[].order.technician checks[].order.trade checks[].position checks[].verdict drawn_at id month seed size"
)
SPOT_CHECK = fields(
    "checked_at id method notes order order.closed_at order.completed_at order.confirmed_at order.created_at "
    "order.id order.location order.place order.priority order.status order.technician order.trade position verdict"
)
COMMITTEE_TERM = fields("elected_on filed_on id term_end term_start voting_members warnings")
COMMITTEE_DASHBOARD = fields(
    "complaints complaints.escalated complaints.escalated_count complaints.volumes complaints.volumes[].count "
    "complaints.volumes[].kind complaints.volumes[].kind_label complaints.volumes[].month end repairs "
    "repairs.breaches repairs.breaches[].count repairs.breaches[].month repairs.overdue repairs.overdue[].due "
    "repairs.overdue[].number repairs.overdue[].priority repairs.overdue[].priority_label repairs.overdue[].trade "
    "repairs.overdue[].where repairs.overdue_count scores scores.dimensions scores.dimensions[].gap "
    "scores.dimensions[].key scores.dimensions[].name scores.dimensions[].perceived scores.overall "
    "scores.overall_gap scores.respondents scores.trend scores.trend[].dimensions scores.trend[].dimensions.access "
    "scores.trend[].dimensions.communication scores.trend[].dimensions.competence "
    "scores.trend[].dimensions.courtesy scores.trend[].dimensions.credibility scores.trend[].dimensions.reliability "
    "scores.trend[].dimensions.responsiveness scores.trend[].dimensions.security "
    "scores.trend[].dimensions.tangibles scores.trend[].dimensions.understanding scores.trend[].month "
    "scores.trend[].overall scores.trend[].respondents start"
)
SUPERVISION_ITEM_SUMMARY = fields(
    "about answer answer_due answered_at closed_at complaint created_at details escalated estate id overdue "
    "published_at status subject work_order"
)
SUPERVISION_ITEM = fields(
    "about actions answer answer_due answered_at closed_at complaint created_at details escalated estate id overdue "
    "published_at status subject timeline timeline[].action timeline[].at timeline[].by timeline[].from_status "
    "timeline[].id timeline[].note timeline[].to_status work_order"
)
HANDLER_COMPLAINT = fields(
    "acknowledge_breached_at acknowledge_due acknowledged_at addressee anonymous_to_staff answer_breached_at "
    "answer_due answered_at body closed_at created_at dimensions estate forwarded_at id kind manager_answer_due "
    "manager_answered_at manager_breached_at received_at route staff_member status submitter title unit version "
    "work_order"
)
HANDLER_COMPLAINT_DETAIL = fields(
    "acknowledge_breached_at acknowledge_due acknowledged_at actions addressee anonymous_to_staff "
    "answer_breached_at answer_due answered_at body closed_at created_at dimensions estate forwarded_at id kind "
    "manager_answer_due manager_answered_at manager_breached_at received_at route staff_member status submitter "
    "timeline timeline[].action timeline[].actor timeline[].at timeline[].by timeline[].from_status timeline[].id "
    "timeline[].note timeline[].to_status timeline[].visibility title unit version work_order"
)
MOTION_SUMMARY = fields(
    "agenda agenda_digest announced_at closed_at closes_at estate id matter opens_at roll_date status title"
)
MOTION = fields(
    "agenda agenda_digest announced_at closed_at closes_at estate id matter opens_at roll_date status tally "
    "tally.approval_area tally.approval_heads tally.area tally.area.abstain tally.area.no tally.area.participating "
    "tally.area.total tally.area.yes tally.heads tally.heads.abstain tally.heads.no tally.heads.participating "
    "tally.heads.total tally.heads.yes tally.item tally.participation_area tally.participation_heads tally.passed "
    "tally.quorate tally.supermajority title"
)
BALLOT_CSV = fields("cast_at channel choice last_changed_at proxy_name voter")
PAPER_BALLOT = fields("channel choice created_at id proxy_name updated_at voter")
KB_ARTICLE_SUMMARY = fields("estate id summary title trade url")
KB_ARTICLE = fields("body estate id keywords summary title trade url")
ME = fields("channels email full_name id language marketing phone roles")
RESIDENT_CLAIM = fields(
    "created_at decided_at id note reason relation status unit unit.area unit.building unit.estate unit.floor "
    "unit.id unit.number unit.use"
)
DISCLOSURE_SUMMARY = fields(
    "id kind kind_label period_end period_start published_at status superseded_by supersedes title"
)
DISCLOSURE_FOR_READERS = fields(
    "attachments attachments[].id attachments[].kind attachments[].name attachments[].size attachments[].url body "
    "id kind kind_label period_end period_start published_at questions questions[].answer questions[].answered_at "
    "questions[].asked_at questions[].asked_by questions[].body questions[].id questions[].mine status "
    "superseded_by supersedes title"
)
DISCLOSURE_QUESTION = fields("answer answered_at asked_at asked_by body id mine")
RESIDENT_COMPLAINT = fields(
    "acknowledge_due acknowledged_at addressee anonymous_to_staff answer_due answered_at body closed_at created_at "
    "dimensions estate id kind manager_answer_due manager_answered_at received_at route staff_member status title "
    "unit version work_order"
)
DELETION_REQUEST = fields("created_at decided_at id refusal_reason status")
RESIDENT_WORK_ORDER = fields(
    "accepted_at arrival_due arrived_at auto_confirmed common_area completed_at confirmed_at created_at description "
    "estate hold_reason id incident incident.ended_at incident.expected_end incident.id incident.kind "
    "incident.resolution_note incident.status incident.title location_detail on_hold_since permission_to_enter "
    "preferred_windows priority rating reopen_count resolution_due response_due scheduled_for status trade unit "
    "version"
)
PHOTO = fields("height id kind thumbnail_url url width")
UNIT = fields("area building estate floor id number use")
MOTION_FOR_VOTER = fields(
    "agenda agenda_digest announced_at closed_at closes_at estate id matter my_channel my_choice on_roll opens_at "
    "roll_date status tally tally.approval_area tally.approval_heads tally.area tally.area.abstain tally.area.no "
    "tally.area.participating tally.area.total tally.area.yes tally.heads tally.heads.abstain tally.heads.no "
    "tally.heads.participating tally.heads.total tally.heads.yes tally.item tally.participation_area "
    "tally.participation_heads tally.passed tally.quorate tally.supermajority title"
)
CAMPAIGN = fields(
    "answered closed_at closes_at confidence created_at created_by estate id instrument_id instrument_name invited "
    "launched_at margin mode name opens_at population sample_size seed status updated_at"
)
STAFF_CLAIM = fields(
    "created_at decided_at id note person person.full_name person.id person.phone reason relation status unit "
    "unit.area unit.building unit.estate unit.floor unit.id unit.number unit.use"
)
ESTATE = fields("address city id name slug")
STAFF_WORK_ORDER = fields(
    "accepted_at arrival_due arrived_at assignee auto_confirmed channel common_area completed_at confirmed_at "
    "contact_email contact_name contact_phone created_at description escalation_level estate hold_reason id "
    "incident incident.ended_at incident.expected_end incident.id incident.kind incident.resolution_note "
    "incident.status incident.title location_detail master on_hold_since permission_to_enter preferred_windows "
    "priority rating reopen_count reporter_name reporter_phone resolution_due response_due scheduled_for status "
    "trade unit version"
)
INCIDENT = fields(
    "buildings buildings[].id buildings[].name common_areas common_areas[].id common_areas[].name created_at "
    "description ended_at estate expected_end id joined_orders kind master_order priority resolution_note "
    "started_at status title trade"
)
INSTRUMENT = fields(
    "asks_csat asks_nps asks_weights created_at estate format id items items[].dimension items[].id "
    "items[].position items[].text_en items[].text_zh key name_en name_zh publish_problems published_at purpose "
    "status updated_at version"
)
MAINTENANCE_PLAN = fields(
    "active checklist checklist[].position checklist[].requires_value checklist[].text common_area_id "
    "common_area_name created_at default_assignee default_assignee_id description estate first_due id interval "
    "last_due last_order_id lead_days next_due priority title trade unit updated_at"
)
REVEALED_PHONE = fields("phone")
SCORES = fields(
    "csat csat.n csat.reason csat.suppressed csat.value dimensions dimensions[].alpha dimensions[].alpha_gap "
    "dimensions[].figures dimensions[].figures.desired dimensions[].figures.expected dimensions[].figures.gap "
    "dimensions[].figures.high dimensions[].figures.low dimensions[].figures.minimum dimensions[].figures.msa "
    "dimensions[].figures.mss dimensions[].figures.n dimensions[].figures.perceived dimensions[].figures.reason "
    "dimensions[].figures.suppressed dimensions[].figures.weighted_gap dimensions[].figures.weighted_perceived "
    "dimensions[].figures.zone dimensions[].figures.zone_position dimensions[].importance dimensions[].key "
    "dimensions[].name_en dimensions[].name_zh estate facet facet_id instrument instrument.format instrument.id "
    "instrument.name_en instrument.name_zh instrument.responses instrument.version instruments instruments[].format "
    "instruments[].id instruments[].name_en instruments[].name_zh instruments[].responses instruments[].version "
    "items items[].alpha_if_deleted items[].dimension items[].figures items[].figures.desired "
    "items[].figures.expected items[].figures.gap items[].figures.high items[].figures.low items[].figures.minimum "
    "items[].figures.msa items[].figures.mss items[].figures.n items[].figures.perceived items[].figures.reason "
    "items[].figures.suppressed items[].figures.weighted_gap items[].figures.weighted_perceived "
    "items[].figures.zone items[].figures.zone_position items[].item_id items[].item_total_r items[].position "
    "items[].text_en items[].text_zh level n nps nps.n nps.reason nps.suppressed nps.value overall overall.desired "
    "overall.expected overall.gap overall.high overall.low overall.minimum overall.msa overall.mss overall.n "
    "overall.perceived overall.reason overall.suppressed overall.weighted_gap overall.weighted_perceived "
    "overall.zone overall.zone_position period_from period_to priorities priorities[].dimension priorities[].gap "
    "priorities[].importance priorities[].priority response_rates response_rates[].answered "
    "response_rates[].expired response_rates[].invited response_rates[].kind response_rates[].month "
    "response_rates[].rate response_rates[].rate.n response_rates[].rate.reason response_rates[].rate.suppressed "
    "response_rates[].rate.value response_rates[].waiting satisfaction_rate satisfaction_rate.n "
    "satisfaction_rate.reason satisfaction_rate.suppressed satisfaction_rate.value"
)
TECHNICIAN_SCORES = fields(
    "estate estate_mean technicians technicians[].name technicians[].raw_mean technicians[].reason "
    "technicians[].service_score technicians[].suppressed technicians[].surveys technicians[].user_id"
)
SCORE_TREND = fields(
    "estate instrument instrument.format instrument.id instrument.name_en instrument.name_zh instrument.responses "
    "instrument.version months months[].csat months[].csat.n months[].csat.reason months[].csat.suppressed "
    "months[].csat.value months[].dimensions months[].dimensions[].figures months[].dimensions[].figures.desired "
    "months[].dimensions[].figures.expected months[].dimensions[].figures.gap months[].dimensions[].figures.high "
    "months[].dimensions[].figures.low months[].dimensions[].figures.minimum months[].dimensions[].figures.msa "
    "months[].dimensions[].figures.mss months[].dimensions[].figures.n months[].dimensions[].figures.perceived "
    "months[].dimensions[].figures.reason months[].dimensions[].figures.suppressed "
    "months[].dimensions[].figures.weighted_gap months[].dimensions[].figures.weighted_perceived "
    "months[].dimensions[].figures.zone months[].dimensions[].figures.zone_position months[].dimensions[].key "
    "months[].month months[].n months[].nps months[].nps.n months[].nps.reason months[].nps.suppressed "
    "months[].nps.value months[].overall months[].overall.desired months[].overall.expected months[].overall.gap "
    "months[].overall.high months[].overall.low months[].overall.minimum months[].overall.msa months[].overall.mss "
    "months[].overall.n months[].overall.perceived months[].overall.reason months[].overall.suppressed "
    "months[].overall.weighted_gap months[].overall.weighted_perceived months[].overall.zone "
    "months[].overall.zone_position"
)
OPEN311_REQUEST = fields(
    "address address_id agency_responsible description expected_datetime lat linli_arrival_due linli_priority "
    "linli_rating linli_resolution_due linli_response_due linli_status long media_url requested_datetime "
    "service_code service_name service_notice service_request_id status status_notes updated_datetime zipcode"
)
OPEN311_SERVICE = fields("description group keywords metadata service_code service_name type")
OPEN311_SERVICE_DEFINITION = fields("attributes service_code")
OPEN311_SERVICE_XML = fields("attributes service_code")

RESPONSE_FIELDS = {
    "POST api-signup": {
        "anonymous": TOKEN,
        "committee": TOKEN,
        "resident": TOKEN,
        "staff": TOKEN,
    },
    "POST api-token": {
        "resident": TOKEN,
    },
    "GET api-committee-documents": {
        "committee": DOCUMENT,
        "staff": DOCUMENT,
    },
    "POST api-committee-documents": {
        "committee": DOCUMENT,
        "staff": DOCUMENT,
    },
    "GET api-committee-document": {
        "committee": DOCUMENT,
        "staff": DOCUMENT,
    },
    "GET api-committee-meetings": {
        "committee": MEETING_SUMMARY,
        "staff": MEETING_SUMMARY,
    },
    "POST api-committee-meetings": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "GET api-committee-meeting": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "POST api-committee-meeting-approve": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "POST api-committee-meeting-cancel": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "POST api-committee-meeting-hold": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "PUT api-committee-meeting-minutes": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "POST api-committee-meeting-publish": {
        "committee": MEETING,
        "staff": MEETING,
    },
    "GET api-committee-members": {
        "committee": COMMITTEE_MEMBER,
        "staff": COMMITTEE_MEMBER,
    },
    "POST api-committee-members": {
        "committee": COMMITTEE_MEMBER,
        "staff": COMMITTEE_MEMBER,
    },
    "POST api-committee-member-end": {
        "committee": COMMITTEE_MEMBER,
        "staff": COMMITTEE_MEMBER,
    },
    "GET api-committee-reports": {
        "committee": QUALITY_REPORT_SUMMARY,
        "staff": QUALITY_REPORT_SUMMARY,
    },
    "POST api-committee-reports": {
        "committee": QUALITY_REPORT,
        "staff": QUALITY_REPORT,
    },
    "GET api-committee-report": {
        "committee": QUALITY_REPORT,
        "staff": QUALITY_REPORT,
    },
    "POST api-committee-report-approve": {
        "committee": QUALITY_REPORT,
        "staff": QUALITY_REPORT,
    },
    "POST api-committee-report-publish": {
        "committee": QUALITY_REPORT,
        "staff": QUALITY_REPORT,
    },
    "POST api-committee-report-regenerate": {
        "committee": QUALITY_REPORT,
        "staff": QUALITY_REPORT,
    },
    "GET api-committee-rules": {
        "committee": COMMITTEE_RULES,
        "staff": COMMITTEE_RULES,
    },
    "PUT api-committee-rules": {
        "committee": COMMITTEE_RULES,
        "staff": COMMITTEE_RULES,
    },
    "GET api-committee-spot-checks": {
        "committee": SPOT_CHECK_DRAW,
        "staff": SPOT_CHECK_DRAW,
    },
    "POST api-committee-spot-checks": {
        "committee": SPOT_CHECK_DRAW,
        "staff": SPOT_CHECK_DRAW,
    },
    "POST api-committee-spot-check-verdict": {
        "committee": SPOT_CHECK,
        "staff": SPOT_CHECK,
    },
    "GET api-committee-term": {
        "committee": COMMITTEE_TERM,
        "staff": COMMITTEE_TERM,
    },
    "POST api-committee-term": {
        "committee": COMMITTEE_TERM,
        "staff": COMMITTEE_TERM,
    },
    "PUT api-committee-term": {
        "committee": COMMITTEE_TERM,
        "staff": COMMITTEE_TERM,
    },
    "GET api-committee-dashboard": {
        "committee": COMMITTEE_DASHBOARD,
        "staff": COMMITTEE_DASHBOARD,
    },
    "GET api-committee-supervision": {
        "committee": SUPERVISION_ITEM_SUMMARY,
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "POST api-committee-supervision": {
        "committee": SUPERVISION_ITEM_SUMMARY,
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "GET api-committee-supervision-item": {
        "committee": SUPERVISION_ITEM,
        "staff": SUPERVISION_ITEM,
    },
    "POST api-committee-supervision-close": {
        "committee": SUPERVISION_ITEM_SUMMARY,
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "POST api-committee-supervision-publish": {
        "committee": SUPERVISION_ITEM_SUMMARY,
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "POST api-committee-supervision-reopen": {
        "committee": SUPERVISION_ITEM_SUMMARY,
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "GET api-committee-complaints": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "GET api-committee-complaint": {
        "committee": HANDLER_COMPLAINT_DETAIL,
        "staff": HANDLER_COMPLAINT_DETAIL,
    },
    "POST api-committee-complaint-acknowledge": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-committee-complaint-answer": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-committee-complaint-conclude": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-committee-complaint-forward": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-committee-complaint-investigate": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-committee-complaint-reply": {
        "committee": HANDLER_COMPLAINT,
        "staff": HANDLER_COMPLAINT,
    },
    "GET api-committee-votes": {
        "committee": MOTION_SUMMARY,
        "staff": MOTION_SUMMARY,
    },
    "POST api-committee-votes": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "GET api-committee-vote": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "PUT api-committee-vote": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "GET api-committee-vote-export": {
        "committee": BALLOT_CSV,
        "staff": BALLOT_CSV,
    },
    "POST api-committee-vote-announce": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "POST api-committee-vote-cancel": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "POST api-committee-vote-close": {
        "committee": MOTION,
        "staff": MOTION,
    },
    "POST api-vote-paper-ballots": {
        "committee": PAPER_BALLOT,
        "staff": PAPER_BALLOT,
    },
    "GET api-kb-articles": {
        "anonymous": KB_ARTICLE_SUMMARY,
        "committee": KB_ARTICLE_SUMMARY,
        "resident": KB_ARTICLE_SUMMARY,
        "staff": KB_ARTICLE_SUMMARY,
    },
    "GET api-kb-article": {
        "committee": KB_ARTICLE,
        "resident": KB_ARTICLE,
        "staff": KB_ARTICLE,
    },
    "GET api-me": {
        "resident": ME,
    },
    "GET api-my-claims": {
        "resident": RESIDENT_CLAIM,
    },
    "POST api-my-claims": {
        "resident": RESIDENT_CLAIM,
    },
    "GET api-my-claim": {
        "resident": RESIDENT_CLAIM,
    },
    "GET api-my-disclosures": {
        "committee": DISCLOSURE_SUMMARY,
        "resident": DISCLOSURE_SUMMARY,
        "staff": DISCLOSURE_SUMMARY,
    },
    "GET api-my-disclosure": {
        "committee": DISCLOSURE_FOR_READERS,
        "resident": DISCLOSURE_FOR_READERS,
        "staff": DISCLOSURE_FOR_READERS,
    },
    "POST api-my-disclosure-ask": {
        "resident": DISCLOSURE_QUESTION,
    },
    "GET api-my-documents": {
        "committee": DOCUMENT,
        "resident": DOCUMENT,
        "staff": DOCUMENT,
    },
    "GET api-my-committee-members": {
        "resident": fields("full_name role"),
    },
    "GET api-my-committee-minutes": {
        "resident": fields("held_on id published_at title"),
    },
    "GET api-my-committee-minute": {
        "resident": fields(
            "agenda agenda[].needs_decision agenda[].passed agenda[].position agenda[].resolution agenda[].title "
            "agenda[].votes_abstain agenda[].votes_against agenda[].votes_for held_on id minutes published_at "
            "quorate title voting_members"
        ),
    },
    "GET api-my-committee-reports": {
        "resident": QUALITY_REPORT_SUMMARY,
    },
    "GET api-my-committee-report": {
        "resident": fields(
            "figures figures.complaints figures.complaints.by_kind figures.complaints.by_kind.complaint "
            "figures.complaints.by_kind.praise figures.complaints.by_kind.suggestion figures.complaints.months "
            "figures.month figures.reopen figures.reopen.met figures.reopen.n figures.reopen.percent "
            "figures.reopen.suppressed figures.schema figures.servqual figures.servqual.dimensions "
            "figures.servqual.dimensions[].gap figures.servqual.dimensions[].key figures.servqual.dimensions[].n "
            "figures.servqual.dimensions[].name_en figures.servqual.dimensions[].name_zh "
            "figures.servqual.dimensions[].perceived figures.servqual.dimensions[].suppressed "
            "figures.servqual.instrument figures.servqual.overall figures.servqual.overall.gap "
            "figures.servqual.overall.n figures.servqual.overall.perceived figures.servqual.overall.suppressed "
            "figures.servqual.respondents figures.sla figures.sla.arrival figures.sla.arrival.met "
            "figures.sla.arrival.n figures.sla.arrival.percent figures.sla.arrival.suppressed "
            "figures.sla.resolution figures.sla.resolution.met figures.sla.resolution.n "
            "figures.sla.resolution.percent figures.sla.resolution.suppressed figures.sla.response "
            "figures.sla.response.met figures.sla.response.n figures.sla.response.percent "
            "figures.sla.response.suppressed figures.spot_checks figures.spot_checks.checked "
            "figures.spot_checks.counts figures.spot_checks.suppressed id month published_at schema_version"
        ),
    },
    "GET api-me-committee-supervision": {
        "resident": fields("about answer answered_at complaint details id published_at status subject work_order"),
    },
    "GET api-my-complaints": {
        "resident": RESIDENT_COMPLAINT,
    },
    "POST api-my-complaints": {
        "resident": RESIDENT_COMPLAINT,
    },
    "GET api-my-complaint": {
        "resident": fields(
            "acknowledge_due acknowledged_at actions addressee anonymous_to_staff answer_due answered_at body "
            "closed_at created_at dimensions estate id kind manager_answer_due manager_answered_at received_at "
            "route staff_member status timeline timeline[].action timeline[].at timeline[].by "
            "timeline[].from_status timeline[].id timeline[].note timeline[].to_status title unit version "
            "work_order"
        ),
    },
    "POST api-my-complaint-accept": {
        "resident": RESIDENT_COMPLAINT,
    },
    "POST api-my-complaint-reject": {
        "resident": RESIDENT_COMPLAINT,
    },
    "POST api-my-complaint-withdraw": {
        "resident": RESIDENT_COMPLAINT,
    },
    "GET api-my-data": {
        "resident": fields(
            "account account.contact_consents account.deletion_requests account.deletion_requests[].decided_at "
            "account.deletion_requests[].refusal_reason account.deletion_requests[].requested_at "
            "account.deletion_requests[].status account.person account.person.contact_channels "
            "account.person.created_at account.person.full_name account.person.language account.privacy_consents "
            "account.user account.user.date_joined account.user.email account.user.first_name "
            "account.user.last_login account.user.last_name account.user.phone account.user.username committee "
            "committee.committee_seats committee.committee_seats[].estate committee.committee_seats[].from "
            "committee.committee_seats[].role committee.committee_seats[].to committee.disclosure_questions "
            "committee.disclosure_questions[].answer committee.disclosure_questions[].answered_at "
            "committee.disclosure_questions[].asked_at committee.disclosure_questions[].disclosure "
            "committee.disclosure_questions[].question committee.votes committee.votes[].area "
            "committee.votes[].ballot committee.votes[].closes_at committee.votes[].motion "
            "committee.votes[].motion.estate committee.votes[].motion.id committee.votes[].motion.title "
            "committee.votes[].opens_at committee.votes[].units committee.votes[].units[].area "
            "committee.votes[].units[].code feedback feedback.complaints feedback.complaints[].addressee "
            "feedback.complaints[].anonymous_to_staff feedback.complaints[].answered_at feedback.complaints[].body "
            "feedback.complaints[].closed_at feedback.complaints[].events feedback.complaints[].events[].action "
            "feedback.complaints[].events[].at feedback.complaints[].events[].by "
            "feedback.complaints[].events[].note feedback.complaints[].id feedback.complaints[].kind "
            "feedback.complaints[].received_at feedback.complaints[].status feedback.complaints[].title "
            "feedback.surveys feedback.surveys[].answered_at feedback.surveys[].draft feedback.surveys[].expires_at "
            "feedback.surveys[].id feedback.surveys[].invited_at feedback.surveys[].kind "
            "feedback.surveys[].response feedback.surveys[].response.answers "
            "feedback.surveys[].response.answers[].desired feedback.surveys[].response.answers[].dimension "
            "feedback.surveys[].response.answers[].expected feedback.surveys[].response.answers[].item "
            "feedback.surveys[].response.answers[].minimum feedback.surveys[].response.answers[].perceived "
            "feedback.surveys[].response.comment feedback.surveys[].response.csat "
            "feedback.surveys[].response.importance_weights feedback.surveys[].response.importance_weights.access "
            "feedback.surveys[].response.importance_weights.communication "
            "feedback.surveys[].response.importance_weights.competence "
            "feedback.surveys[].response.importance_weights.courtesy "
            "feedback.surveys[].response.importance_weights.credibility "
            "feedback.surveys[].response.importance_weights.reliability "
            "feedback.surveys[].response.importance_weights.responsiveness "
            "feedback.surveys[].response.importance_weights.security "
            "feedback.surveys[].response.importance_weights.tangibles "
            "feedback.surveys[].response.importance_weights.understanding feedback.surveys[].response.nps "
            "feedback.surveys[].response.submitted_at feedback.surveys[].status format_version generated_at homes "
            "homes.claims homes.claims[].claimed_at homes.claims[].decided_at homes.claims[].note "
            "homes.claims[].reason homes.claims[].relation homes.claims[].status homes.claims[].unit "
            "homes.claims[].unit.building homes.claims[].unit.estate homes.claims[].unit.number homes.occupancies "
            "homes.occupancies[].from homes.occupancies[].kind homes.occupancies[].to homes.occupancies[].unit "
            "homes.occupancies[].unit.building homes.occupancies[].unit.estate homes.occupancies[].unit.number "
            "homes.ownerships homes.ownerships[].from homes.ownerships[].share homes.ownerships[].to "
            "homes.ownerships[].unit homes.ownerships[].unit.building homes.ownerships[].unit.estate "
            "homes.ownerships[].unit.number homes.ownerships[].verified_at notifications notifications.deliveries "
            "notifications.deliveries[].address notifications.deliveries[].channel "
            "notifications.deliveries[].created_at notifications.deliveries[].sent_at "
            "notifications.deliveries[].status notifications.deliveries[].subject notifications.in_app repairs "
            "repairs[].channel repairs[].closed_at repairs[].completed_at repairs[].confirmed_at "
            "repairs[].created_at repairs[].description repairs[].events repairs[].events[].action "
            "repairs[].events[].at repairs[].events[].by repairs[].events[].from_status repairs[].events[].note "
            "repairs[].events[].to_status repairs[].id repairs[].location_detail repairs[].permission_to_enter "
            "repairs[].photos repairs[].photos[].created_at repairs[].photos[].height repairs[].photos[].id "
            "repairs[].photos[].kind repairs[].photos[].uploaded_by_you repairs[].photos[].width repairs[].place "
            "repairs[].preferred_windows repairs[].priority repairs[].quotes repairs[].rating repairs[].status "
            "repairs[].trade self_help"
        ),
    },
    "POST api-my-data-deletion": {
        "resident": DELETION_REQUEST,
    },
    "GET api-my-committee-page": {
        "resident": fields(
            "committee committee.elected_on committee.term_end committee.term_start disclosures disclosures[].id "
            "disclosures[].kind disclosures[].kind_label disclosures[].period_end disclosures[].period_start "
            "disclosures[].published_at disclosures[].status disclosures[].title disclosures[].url estate intro "
            "members members[].full_name members[].role members[].role_label minutes minutes[].held_on minutes[].id "
            "minutes[].published_at minutes[].title minutes[].url title url vote_results vote_results[].closed_at "
            "vote_results[].id vote_results[].matter vote_results[].matter_label vote_results[].passed "
            "vote_results[].quorate vote_results[].title vote_results[].url"
        ),
    },
    "GET api-my-service-guide": {
        "resident": fields(
            "commitments contacts contacts[].name contacts[].note contacts[].phone contacts[].place estate "
            "fee_standards fee_standards[].body fee_standards[].id fee_standards[].period_end "
            "fee_standards[].period_start fee_standards[].price_hotline fee_standards[].published_at "
            "fee_standards[].title fee_standards[].url hours hours[].around_the_clock hours[].closes hours[].days "
            "hours[].name hours[].note hours[].opens hours[].service hours[].when repair_promises "
            "repair_promises[].around_the_clock repair_promises[].arrival_minutes repair_promises[].clock "
            "repair_promises[].key repair_promises[].label repair_promises[].resolution_minutes "
            "repair_promises[].response_minutes repair_promises[].words title url"
        ),
    },
    "GET api-my-incidents": {
        "resident": fields(
            "buildings buildings[].id buildings[].name common_areas common_areas[].id common_areas[].name "
            "description ended_at estate expected_end id kind priority started_at status title"
        ),
    },
    "POST api-my-kb-answer": {
        "resident": fields("answered_at article day estate from_repair_form outcome"),
    },
    "GET api-my-kb-suggestions": {
        "resident": KB_ARTICLE_SUMMARY,
    },
    "GET api-my-notices": {
        "resident": fields("buildings estate expire_at id kind pinned published_at title urgent url"),
    },
    "GET api-my-notice": {
        "resident": fields("body buildings estate expire_at id kind pinned published_at title urgent url"),
    },
    "PUT api-me-preferences": {
        "resident": ME,
    },
    "GET api-my-repairs": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repairs": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "GET api-my-repair": {
        "resident": fields(
            "accepted_at actions arrival_due arrived_at auto_confirmed common_area completed_at confirmed_at "
            "created_at description estate hold_reason id incident incident.ended_at incident.expected_end "
            "incident.id incident.kind incident.resolution_note incident.status incident.title location_detail "
            "on_hold_since permission_to_enter photos photos[].height photos[].id photos[].kind "
            "photos[].thumbnail_url photos[].url photos[].width preferred_windows priority quotes "
            "quotes[].decided_at quotes[].id quotes[].labour quotes[].materials quotes[].note quotes[].paid_at "
            "quotes[].sent_at quotes[].status quotes[].total rating reopen_count resolution_due response_due "
            "scheduled_for status timeline timeline[].action timeline[].action_label timeline[].at "
            "timeline[].from_status timeline[].id timeline[].note timeline[].to_status timeline[].to_status_label "
            "trade unit version"
        ),
    },
    "POST api-my-repair-accept_quote": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repair-cancel": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repair-confirm": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repair-decline_quote": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repair-photos": {
        "resident": PHOTO,
    },
    "POST api-my-repair-press": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "POST api-my-repair-reopen": {
        "resident": RESIDENT_WORK_ORDER,
    },
    "GET api-my-search": {  # notices and self-help articles, told apart by `type`
        "resident": one_of(
            fields("type buildings estate expire_at id kind pinned published_at title urgent url"),
            fields("type estate id summary title trade url"),
        ),
    },
    "GET api-my-surveys": {
        "resident": fields("answered_at expires_at id invited_at is_open kind name status work_order"),
    },
    "GET api-my-survey": {
        "resident": fields(
            "answered_at draft draft.data draft.saved_at expires_at id instrument instrument.asks_csat "
            "instrument.asks_nps instrument.asks_weights instrument.columns instrument.dimensions "
            "instrument.dimensions[].definition instrument.dimensions[].key instrument.dimensions[].name "
            "instrument.format instrument.id instrument.items instrument.items[].dimension "
            "instrument.items[].dimension_name instrument.items[].id instrument.items[].position "
            "instrument.items[].text instrument.name instrument.version invited_at is_open kind name reply "
            "reply.author_role reply.author_role_label reply.body reply.created_at status work_order"
        ),
    },
    "PUT api-my-survey-draft": {
        "resident": fields("data data.answers data.comment saved_at"),
    },
    "POST api-my-survey-response": {
        "resident": fields("id submitted_at survey"),
    },
    "GET api-my-units": {
        "resident": UNIT,
    },
    "GET api-my-votes": {
        "resident": MOTION_SUMMARY,
    },
    "GET api-my-vote": {
        "resident": MOTION_FOR_VOTER,
    },
    "POST api-my-vote-ballot": {
        "resident": MOTION_FOR_VOTER,
    },
    "PUT api-my-vote-ballot": {
        "resident": MOTION_FOR_VOTER,
    },
    "GET api-staff-buildings": {
        "staff": fields("estate id name"),
    },
    "GET api-staff-campaigns": {
        "staff": CAMPAIGN,
    },
    "POST api-staff-campaigns": {
        "staff": CAMPAIGN,
    },
    "GET api-staff-campaign": {
        "staff": CAMPAIGN,
    },
    "PUT api-staff-campaign": {
        "staff": CAMPAIGN,
    },
    "POST api-staff-campaign-close": {
        "staff": CAMPAIGN,
    },
    "POST api-staff-campaign-launch": {
        "staff": CAMPAIGN,
    },
    "GET api-staff-campaign-response-rates": {
        "staff": fields(
            "asks_satisfaction buildings buildings[].answered buildings[].building buildings[].building_id "
            "buildings[].drawn buildings[].households buildings[].invited buildings[].rate buildings[].satisfaction "
            "buildings[].satisfaction_n buildings[].satisfaction_withheld campaign_id level_1_target meets_level_1 "
            "overall overall.answered overall.building overall.building_id overall.drawn overall.households "
            "overall.invited overall.rate overall.satisfaction overall.satisfaction_n overall.satisfaction_withheld "
            "status"
        ),
    },
    "GET api-staff-claims": {
        "staff": STAFF_CLAIM,
    },
    "POST api-staff-claim-approve": {
        "staff": STAFF_CLAIM,
    },
    "POST api-staff-claim-reject": {
        "staff": STAFF_CLAIM,
    },
    "GET api-staff-disclosures": {
        "staff": DISCLOSURE_SUMMARY,
    },
    "POST api-staff-disclosures": {
        "staff": DISCLOSURE_FOR_READERS,
    },
    "GET api-staff-disclosure": {
        "staff": DISCLOSURE_FOR_READERS,
    },
    "PUT api-staff-disclosure": {
        "staff": DISCLOSURE_FOR_READERS,
    },
    "POST api-staff-disclosure-attachments": {
        "staff": fields("id kind name size url"),
    },
    "POST api-staff-disclosure-publish": {
        "staff": DISCLOSURE_FOR_READERS,
    },
    "GET api-staff-disclosures-due": {
        "staff": fields("due_on interval_months kind kind_label latest_end next_due overdue"),
    },
    "POST api-staff-disclosure-answer": {
        "staff": DISCLOSURE_QUESTION,
    },
    "GET api-staff-documents": {
        "staff": DOCUMENT,
    },
    "POST api-staff-documents": {
        "staff": DOCUMENT,
    },
    "GET api-staff-document": {
        "staff": DOCUMENT,
    },
    "GET api-staff-committee-supervision": {
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "GET api-staff-committee-supervision-item": {
        "staff": SUPERVISION_ITEM,
    },
    "POST api-staff-committee-supervision-answer": {
        "staff": SUPERVISION_ITEM_SUMMARY,
    },
    "GET api-staff-common-areas": {
        "staff": fields("building estate id kind name"),
    },
    "GET api-staff-complaints": {
        "staff": HANDLER_COMPLAINT,
    },
    "GET api-staff-complaint": {
        "staff": HANDLER_COMPLAINT_DETAIL,
    },
    "POST api-staff-complaint-acknowledge": {
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-staff-complaint-answer": {
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-staff-complaint-investigate": {
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-staff-complaint-manager-answer": {
        "staff": HANDLER_COMPLAINT,
    },
    "POST api-staff-complaint-reply": {
        "staff": HANDLER_COMPLAINT,
    },
    "GET api-staff-deletion-requests": {
        "staff": fields("created_at full_name id phone status"),
    },
    "POST api-staff-deletion-request-erase": {
        "staff": DELETION_REQUEST,
    },
    "POST api-staff-deletion-request-refuse": {
        "staff": DELETION_REQUEST,
    },
    "GET api-staff-estates": {
        "staff": ESTATE,
    },
    "GET api-staff-estate": {
        "staff": ESTATE,
    },
    "GET api-staff-follow-ups": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-imports": {
        "staff": fields(
            "counts counts.buildings counts.estates counts.ownerships counts.people counts.unchanged_units "
            "counts.units dry_run errors errors[].field errors[].line errors[].message imported ok rows rows_ok"
        ),
    },
    "GET api-staff-incidents": {
        "staff": INCIDENT,
    },
    "POST api-staff-incidents": {
        "staff": INCIDENT,
    },
    "GET api-staff-incident": {
        "staff": INCIDENT,
    },
    "PATCH api-staff-incident": {
        "staff": INCIDENT,
    },
    "POST api-staff-incident-end": {
        "staff": INCIDENT,
    },
    "GET api-staff-instruments": {
        "staff": fields(
            "asks_csat asks_nps asks_weights created_at estate format id key name_en name_zh published_at purpose "
            "status updated_at version"
        ),
    },
    "POST api-staff-instruments": {
        "staff": INSTRUMENT,
    },
    "GET api-staff-instrument": {
        "staff": INSTRUMENT,
    },
    "PUT api-staff-instrument-items": {
        "staff": INSTRUMENT,
    },
    "POST api-staff-instrument-new-version": {
        "staff": INSTRUMENT,
    },
    "POST api-staff-instrument-publish": {
        "staff": INSTRUMENT,
    },
    "GET api-staff-kb-counts": {
        "staff": fields("id no_report not_helped solved suggested title trade views"),
    },
    "GET api-staff-maintenance-plans": {
        "staff": MAINTENANCE_PLAN,
    },
    "POST api-staff-maintenance-plans": {
        "staff": MAINTENANCE_PLAN,
    },
    "GET api-staff-maintenance-plan": {
        "staff": MAINTENANCE_PLAN,
    },
    "PUT api-staff-maintenance-plan": {
        "staff": MAINTENANCE_PLAN,
    },
    "POST api-staff-maintenance-plan-deactivate": {
        "staff": MAINTENANCE_PLAN,
    },
    "GET api-staff-people": {
        "staff": fields("full_name id phone"),
    },
    "POST api-staff-person-reveal-phone": {
        "staff": REVEALED_PHONE,
    },
    "GET api-staff-repair-report": {
        "staff": fields(
            "backlog by_priority by_trade completed estate first_time_fix_rate month on_time_rate reopen_rate "
            "resolution_minutes resolution_minutes.median resolution_minutes.p90 response_minutes "
            "response_minutes.median response_minutes.p90 volume"
        ),
    },
    "GET api-staff-scores": {
        "committee": SCORES,
        "staff": SCORES,
    },
    "GET api-staff-score-technicians": {
        "staff": TECHNICIAN_SCORES,
    },
    "GET api-staff-score-trend": {
        "committee": SCORE_TREND,
        "staff": SCORE_TREND,
    },
    "GET api-staff-survey-responses": {
        "staff": fields(
            "comment csat estate estate_name id kind nps reply reply.author_role reply.author_role_label reply.body "
            "reply.created_at submitted_at survey work_order"
        ),
    },
    "POST api-staff-survey-response-reply": {
        "staff": fields("author_role author_role_label body created_at"),
    },
    "GET api-staff-units": {
        "staff": UNIT,
    },
    "GET api-staff-unit": {
        "staff": UNIT,
    },
    "GET api-staff-work-orders": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-orders": {
        "staff": STAFF_WORK_ORDER,
    },
    "GET api-staff-work-order": {
        "staff": fields(
            "accepted_at actions arrival_due arrived_at assignee auto_confirmed channel checklist checklist[].done "
            "checklist[].done_at checklist[].done_by checklist[].id checklist[].note checklist[].position "
            "checklist[].requires_value checklist[].text checklist[].value common_area completed_at confirmed_at "
            "contact_email contact_name contact_phone created_at description escalation_level estate hold_reason id "
            "incident incident.ended_at incident.expected_end incident.id incident.kind incident.resolution_note "
            "incident.status incident.title location_detail master on_hold_since permission_to_enter photos "
            "photos[].height photos[].id photos[].kind photos[].thumbnail_url photos[].url photos[].width "
            "preferred_windows priority quotes quotes[].decided_at quotes[].id quotes[].labour quotes[].materials "
            "quotes[].note quotes[].paid_at quotes[].sent_at quotes[].status quotes[].total rating reopen_count "
            "reporter_name reporter_phone resolution_due response_due scheduled_for status timeline "
            "timeline[].action timeline[].action_label timeline[].actor timeline[].at timeline[].from_status "
            "timeline[].id timeline[].note timeline[].to_status timeline[].to_status_label timeline[].visibility "
            "trade unit version"
        ),
    },
    "POST api-staff-work-order-accept": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-assign": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-cancel": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-charge_paid": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-checklist-item": {
        "staff": fields("done done_at done_by id note position requires_value text value"),
    },
    "POST api-staff-work-order-close": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-complete": {
        "staff": STAFF_WORK_ORDER,
    },
    "GET api-staff-work-order-duplicates": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-follow_up": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-hold": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-merge": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-photos": {
        "staff": PHOTO,
    },
    "POST api-staff-work-order-quote": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-reject": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-reopen": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-resume": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-reveal-contact-phone": {
        "staff": REVEALED_PHONE,
    },
    "POST api-staff-work-order-schedule": {
        "staff": STAFF_WORK_ORDER,
    },
    "POST api-staff-work-order-start": {
        "staff": STAFF_WORK_ORDER,
    },
    "GET api-staff-work-order-suggestions": {
        "staff": fields("name on_duty open_orders rated_jobs rating service_score service_surveys user_id"),
    },
    "POST api-staff-work-orders-bulk-assign": {
        "staff": STAFF_WORK_ORDER,
    },
    "GET open311-requests-json": {
        "open311_client": OPEN311_REQUEST,
    },
    "POST open311-requests-json": {
        "open311_client": fields("account_id service_notice service_request_id"),
    },
    "GET open311-request-json": {
        "open311_client": OPEN311_REQUEST,
    },
    "GET open311-services-json": {
        "anonymous": OPEN311_SERVICE,
        "committee": OPEN311_SERVICE,
        "resident": OPEN311_SERVICE,
        "staff": OPEN311_SERVICE,
    },
    "GET open311-services-xml": {
        "anonymous": OPEN311_SERVICE,
        "committee": OPEN311_SERVICE,
        "resident": OPEN311_SERVICE,
        "staff": OPEN311_SERVICE,
    },
    "GET open311-service-json": {
        "anonymous": OPEN311_SERVICE_DEFINITION,
        "committee": OPEN311_SERVICE_DEFINITION,
        "resident": OPEN311_SERVICE_DEFINITION,
        "staff": OPEN311_SERVICE_DEFINITION,
    },
    "GET open311-service-xml": {
        "anonymous": OPEN311_SERVICE_XML,
        "committee": OPEN311_SERVICE_XML,
        "resident": OPEN311_SERVICE_XML,
        "staff": OPEN311_SERVICE_XML,
    },
}


# --- what each role class may write ------------------------------------------------------------------------
# WRITABLE["<METHOD> <url name>"]["<role class>"]: the top-level keys a write accepts from that class (the input
# serializer's writable fields). tests/security/test_mass_assignment.py checks that the schema documents exactly
# these, that a request never has other keys accepted, and that extra keys (unit, reporter, status, assignee,
# priority, estate, id, created_at, version, rating, is_staff, random ones) never change a protected column.
# An empty set: the operation takes no body (a bare action).

WRITABLE = {
    "POST api-signup": {
        "anonymous": fields("accept_privacy_notice email full_name language password phone"),
        "committee": fields("accept_privacy_notice email full_name language password phone"),
        "resident": fields("accept_privacy_notice email full_name language password phone"),
        "staff": fields("accept_privacy_notice email full_name language password phone"),
    },
    "POST api-token": {
        "resident": fields("otp password username"),
    },
    "POST api-committee-documents": {
        "committee": fields("access category file title"),
        "staff": fields("access category file title"),
    },
    "POST api-committee-meetings": {
        "committee": fields("agenda place scheduled_at title"),
        "staff": fields("agenda place scheduled_at title"),
    },
    "POST api-committee-meeting-approve": {
        "committee": fields("version"),
        "staff": fields("version"),
    },
    "POST api-committee-meeting-cancel": {
        "committee": fields("version"),
        "staff": fields("version"),
    },
    "POST api-committee-meeting-hold": {
        "committee": fields("decisions held_on minutes present"),
        "staff": fields("decisions held_on minutes present"),
    },
    "PUT api-committee-meeting-minutes": {
        "committee": fields("minutes version"),
        "staff": fields("minutes version"),
    },
    "POST api-committee-meeting-publish": {
        "committee": fields("version"),
        "staff": fields("version"),
    },
    "POST api-committee-members": {
        "committee": fields("building end full_name role start unit"),
        "staff": fields("building end full_name role start unit"),
    },
    "POST api-committee-member-end": {
        "committee": fields(),
        "staff": fields(),
    },
    "POST api-committee-reports": {
        "committee": fields("month"),
        "staff": fields("month"),
    },
    "POST api-committee-report-approve": {
        "committee": fields("expected_version"),
        "staff": fields("expected_version"),
    },
    "POST api-committee-report-publish": {
        "committee": fields("expected_version"),
        "staff": fields("expected_version"),
    },
    "POST api-committee-report-regenerate": {
        "committee": fields("expected_version"),
        "staff": fields("expected_version"),
    },
    "PUT api-committee-rules": {
        "committee": fields(
            "filing_days members_max members_min members_odd notice_days publish_days spot_check_size "
            "supervision_answer_days term_years_max voting_days_max voting_days_min"
        ),
        "staff": fields(
            "filing_days members_max members_min members_odd notice_days publish_days spot_check_size "
            "supervision_answer_days term_years_max voting_days_max voting_days_min"
        ),
    },
    "POST api-committee-spot-checks": {
        "committee": fields("month"),
        "staff": fields("month"),
    },
    "POST api-committee-spot-check-verdict": {
        "committee": fields("method notes verdict"),
        "staff": fields("method notes verdict"),
    },
    "POST api-committee-term": {
        "committee": fields("elected_on filed_on term_end term_start"),
        "staff": fields("elected_on filed_on term_end term_start"),
    },
    "PUT api-committee-term": {
        "committee": fields("elected_on filed_on term_end term_start"),
        "staff": fields("elected_on filed_on term_end term_start"),
    },
    "POST api-committee-term-end": {
        "committee": fields(),
        "staff": fields(),
    },
    "POST api-committee-supervision": {
        "committee": fields("about answer_due complaint_id details subject work_order_id"),
        "staff": fields("about answer_due complaint_id details subject work_order_id"),
    },
    "POST api-committee-supervision-close": {
        "committee": fields("note"),
        "staff": fields("note"),
    },
    "POST api-committee-supervision-publish": {
        "committee": fields(),
        "staff": fields(),
    },
    "POST api-committee-supervision-reopen": {
        "committee": fields("answer_due reason"),
        "staff": fields("answer_due reason"),
    },
    "POST api-committee-complaint-acknowledge": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-complaint-answer": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-complaint-conclude": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-complaint-forward": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-complaint-investigate": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-complaint-reply": {
        "committee": fields("expected_version note"),
        "staff": fields("expected_version note"),
    },
    "POST api-committee-votes": {
        "committee": fields("agenda closes_at estate matter opens_at title"),
        "staff": fields("agenda closes_at estate matter opens_at title"),
    },
    "PUT api-committee-vote": {
        "committee": fields("agenda closes_at matter opens_at title"),
        "staff": fields("agenda closes_at matter opens_at title"),
    },
    "POST api-committee-vote-announce": {
        "committee": fields(),
        "staff": fields(),
    },
    "POST api-committee-vote-cancel": {
        "committee": fields("reason"),
        "staff": fields("reason"),
    },
    "POST api-committee-vote-close": {
        "committee": fields(),
        "staff": fields(),
    },
    "POST api-vote-paper-ballots": {
        "committee": fields("channel choice note proxy_name scan voter"),
        "staff": fields("channel choice note proxy_name scan voter"),
    },
    "POST api-my-claims": {
        "resident": fields("building estate note number relation"),
    },
    "POST api-my-disclosure-ask": {
        "resident": fields("body"),
    },
    "POST api-my-complaints": {
        "resident": fields(
            "addressee anonymous_to_staff body dimensions estate kind staff_member_id title unit_id work_order_id"
        ),
    },
    "POST api-my-complaint-accept": {
        "resident": fields("expected_version note"),
    },
    "POST api-my-complaint-reject": {
        "resident": fields("expected_version note"),
    },
    "POST api-my-complaint-withdraw": {
        "resident": fields("expected_version note"),
    },
    "POST api-my-data-deletion": {
        "resident": fields("password"),
    },
    "POST api-my-kb-answer": {
        "resident": fields("estate outcome source"),
    },
    "PUT api-me-preferences": {
        "resident": fields("channels language marketing"),
    },
    # priority: the urgency the resident states when filing (急修, issue 3; the web form asks it too); staff may
    # re-prioritise later. The unit must be one of the resident's homes (the service checks; 400 otherwise).
    "POST api-my-repairs": {
        "resident": fields(
            "common_area_id description location_detail permission_to_enter preferred_windows priority trade unit_id"
        ),
    },
    "POST api-my-repair-accept_quote": {
        "resident": fields("expected_version"),
    },
    "POST api-my-repair-cancel": {
        "resident": fields("expected_version note"),
    },
    "POST api-my-repair-confirm": {
        "resident": fields("comment expected_version rating"),
    },
    "POST api-my-repair-decline_quote": {
        "resident": fields("expected_version"),
    },
    "POST api-my-repair-photos": {
        "resident": fields("photo"),
    },
    "POST api-my-repair-press": {
        "resident": fields("expected_version note"),
    },
    "POST api-my-repair-reopen": {
        "resident": fields("expected_version note"),
    },
    "PUT api-my-survey-draft": {
        "resident": fields("answers comment csat nps weights"),
    },
    "POST api-my-survey-response": {
        "resident": fields("answers comment csat nps weights"),
    },
    "POST api-my-vote-ballot": {
        "resident": fields("choice password"),
    },
    "PUT api-my-vote-ballot": {
        "resident": fields("choice password"),
    },
    "POST api-staff-campaigns": {
        "staff": fields("closes_at confidence estate instrument_id margin mode name opens_at"),
    },
    "PUT api-staff-campaign": {
        "staff": fields("closes_at confidence instrument_id margin mode name opens_at"),
    },
    "POST api-staff-campaign-close": {
        "staff": fields(),
    },
    "POST api-staff-campaign-launch": {
        "staff": fields(),
    },
    "POST api-staff-claim-approve": {
        "staff": fields(),
    },
    "POST api-staff-claim-reject": {
        "staff": fields("reason"),
    },
    "POST api-staff-disclosures": {
        "staff": fields("body kind period_end period_start supersedes title"),
    },
    "PUT api-staff-disclosure": {
        "staff": fields("body kind period_end period_start title"),
    },
    "POST api-staff-disclosure-attachments": {
        "staff": fields("file"),
    },
    "POST api-staff-disclosure-publish": {
        "staff": fields(),
    },
    "POST api-staff-disclosure-answer": {
        "staff": fields("answer"),
    },
    "POST api-staff-documents": {
        "staff": fields("access category file title"),
    },
    "POST api-staff-committee-supervision-answer": {
        "staff": fields("answer"),
    },
    "POST api-staff-complaint-acknowledge": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-complaint-answer": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-complaint-investigate": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-complaint-manager-answer": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-complaint-reply": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-deletion-request-erase": {
        "staff": fields(),
    },
    "POST api-staff-deletion-request-refuse": {
        "staff": fields("reason"),
    },
    "POST api-staff-imports": {
        "staff": fields("dry_run file"),
    },
    "POST api-staff-incidents": {
        "staff": fields(
            "building_ids common_area_ids description estate expected_end kind master_order_id priority "
            "started_at title trade"
        ),
    },
    "PATCH api-staff-incident": {
        "staff": fields("description expected_end kind master_order_id priority title"),
    },
    "POST api-staff-incident-end": {
        "staff": fields("resolution_note"),
    },
    "POST api-staff-instruments": {
        "staff": fields("asks_csat asks_nps asks_weights estate format key name_en name_zh purpose"),
    },
    "PUT api-staff-instrument-items": {
        "staff": fields("items"),
    },
    "POST api-staff-instrument-new-version": {
        "staff": fields(),
    },
    "POST api-staff-instrument-publish": {
        "staff": fields(),
    },
    "POST api-staff-maintenance-plans": {
        "staff": fields(
            "active checklist common_area_id default_assignee_id description estate first_due interval lead_days "
            "priority title trade unit"
        ),
    },
    "PUT api-staff-maintenance-plan": {
        "staff": fields(
            "active checklist common_area_id default_assignee_id description first_due interval lead_days "
            "priority title trade unit"
        ),
    },
    "POST api-staff-maintenance-plan-deactivate": {
        "staff": fields(),
    },
    "POST api-staff-person-reveal-phone": {
        "staff": fields(),
    },
    "POST api-staff-survey-response-reply": {
        "staff": fields("body"),
    },
    "POST api-staff-work-orders": {
        "staff": fields(
            "channel common_area_id description location_detail permission_to_enter preferred_windows priority "
            "reporter_id trade unit_id"
        ),
    },
    "POST api-staff-work-order-accept": {
        "staff": fields("expected_version"),
    },
    "POST api-staff-work-order-assign": {
        "staff": fields("expected_version note technician_id"),
    },
    "POST api-staff-work-order-cancel": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-charge_paid": {
        "staff": fields("expected_version"),
    },
    "POST api-staff-work-order-checklist-item": {
        "staff": fields("done note value"),
    },
    "POST api-staff-work-order-close": {
        "staff": fields("expected_version"),
    },
    "POST api-staff-work-order-complete": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-follow_up": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-hold": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-merge": {
        "staff": fields("expected_version master_id"),
    },
    "POST api-staff-work-order-photos": {
        "staff": fields("kind photo"),
    },
    "POST api-staff-work-order-quote": {
        "staff": fields("labour materials note"),
    },
    "POST api-staff-work-order-reject": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-reopen": {
        "staff": fields("expected_version note"),
    },
    "POST api-staff-work-order-resume": {
        "staff": fields("expected_version"),
    },
    "POST api-staff-work-order-reveal-contact-phone": {
        "staff": fields(),
    },
    "POST api-staff-work-order-schedule": {
        "staff": fields("expected_version scheduled_for"),
    },
    "POST api-staff-work-order-start": {
        "staff": fields("expected_version"),
    },
    "POST api-staff-work-orders-bulk-assign": {
        "staff": fields("note orders technician_id"),
    },
    "POST open311-requests-json": {
        "open311_client": fields(
            "account_id address_id address_string api_key description device_id email first_name jurisdiction_id "
            "last_name lat linli_priority long media_url phone service_code"
        ),
    },
    "POST open311-requests-xml": {
        "open311_client": fields(
            "account_id address_id address_string api_key description device_id email first_name jurisdiction_id "
            "last_name lat linli_priority long media_url phone service_code"
        ),
    },
}
