# ruff: noqa: E501 -- one statement per line reads best in a bilingual item bank
"""The shipped default instruments (DOMAIN.md 1.8): pure data, installed by a data migration.

Both are written in positive wording only (DOMAIN.md 1.3: the 1988 negative items needed reverse scoring).
`residential` is the estate-wide survey: all ten dimensions, 2–3 statements each, expectation and perception,
with importance points, overall satisfaction and NPS. `repair` is the short survey after a confirmed repair:
perception only, over the five dimensions a single job can show, with overall satisfaction.
"""

RESIDENTIAL = {
    "key": "residential",
    "name_zh": "住宅物业服务质量调查",
    "name_en": "Residential property service quality survey",
    "purpose": "campaign",
    "format": "two_column",
    "asks_weights": True,
    "asks_csat": True,
    "asks_nps": True,
    "items": (
        ("tangibles", "大堂、楼道、电梯干净整洁、维护良好", "Lobbies, corridors and lifts are clean and well kept"),
        (
            "tangibles",
            "绿化、照明、停车场地状况良好",
            "Greenery, public lighting and parking areas are in good condition",
        ),
        ("tangibles", "员工统一着装、佩戴工牌", "Staff wear uniforms and name badges"),
        ("reliability", "报修问题一次修好，无需返修", "Reported repairs are fixed right the first time"),
        ("reliability", "保洁、绿化按公示标准完成", "Cleaning and greenery follow the published schedule and standard"),
        ("reliability", "物业费等账单准确无误", "Bills for fees and charges are accurate"),
        (
            "responsiveness",
            "急修（爆管、电梯困人）能迅速到场",
            "Urgent repairs (burst pipe, lift entrapment) are attended promptly",
        ),
        ("responsiveness", "投诉在承诺时限内得到答复", "Complaints are answered within the promised time"),
        ("responsiveness", "员工乐于随时提供帮助", "Staff are always willing to help"),
        ("competence", "维修人员具备排除故障的专业技能", "Technicians have the skills to diagnose and fix faults"),
        (
            "competence",
            "电梯、消防设施由具备资质的人员或单位维保",
            "Lifts and fire equipment are maintained by qualified staff or contractors",
        ),
        ("courtesy", "保安和前台人员礼貌、尊重业主", "Guards and front-desk staff are polite and respectful"),
        ("courtesy", "入户维修穿鞋套、完工清理现场", "Technicians protect my home (shoe covers, tidying up)"),
        ("credibility", "物业公司履行服务合同承诺", "The company keeps its service-contract promises"),
        (
            "credibility",
            "物业费及公共收益收支公示真实可信",
            "Fee and public-revenue accounts are published and believable",
        ),
        (
            "security",
            "夜间在小区内感到安全；访客车辆出入管控到位",
            "I feel safe in the compound at night; visitor and vehicle control is enforced",
        ),
        (
            "security",
            "个人信息（电话、车牌、人脸）得到保密",
            "My personal data (phone, plate, face images) are kept confidential",
        ),
        ("access", "可随时通过App、电话或前台报修", "I can report a repair at any time (app, phone, desk)"),
        ("access", "24小时电话有人接听，服务时间方便", "The 24-hour hotline is answered and desk hours are convenient"),
        (
            "communication",
            "停水停电、电梯检修提前清楚通知",
            "Water or power cuts and lift maintenance are announced clearly in advance",
        ),
        ("communication", "有偿维修先说明收费", "Charges for paid repairs are explained before work starts"),
        ("communication", "员工认真倾听我的意见", "Staff listen to what I have to say"),
        ("understanding", "了解老人、残障住户的特殊需要", "Staff know the needs of elderly or disabled residents"),
        (
            "understanding",
            "装修时段、停车安排考虑业主作息",
            "Schedules (renovation hours, parking) consider residents' routines",
        ),
    ),
}

REPAIR = {
    "key": "repair",
    "name_zh": "维修回访",
    "name_en": "After your repair",
    "purpose": "transactional",
    "format": "servperf",
    "asks_weights": False,
    "asks_csat": True,
    "asks_nps": False,
    "items": (
        ("reliability", "问题一次修好，无需返修", "The problem was fixed right the first time"),
        ("reliability", "维修人员按约定时间上门", "The technician came at the time we agreed"),
        ("responsiveness", "报修后很快得到受理", "My report was taken up quickly"),
        ("responsiveness", "在承诺时限内完成维修", "The repair was finished within the promised time"),
        ("competence", "维修人员能准确判断并排除故障", "The technician found and fixed the fault"),
        ("competence", "维修人员带齐了所需工具和配件", "The technician brought the tools and parts needed"),
        ("courtesy", "维修人员礼貌、尊重住户", "The technician was polite and respectful"),
        ("courtesy", "入户穿鞋套、完工清理现场", "The technician protected my home and tidied up afterwards"),
        ("communication", "维修进度及时告知", "I was kept informed of progress"),
        ("communication", "有偿项目在施工前说明收费", "Any charges were explained before work started"),
    ),
}

DEFAULTS = (RESIDENTIAL, REPAIR)


def install_defaults(instrument_model, item_model, now):
    """Create each default as published version 1 unless its key exists (models may be historical ones)."""
    for spec in DEFAULTS:
        if instrument_model.objects.filter(key=spec["key"]).exists():
            continue
        fields = {k: v for k, v in spec.items() if k != "items"}
        instrument = instrument_model.objects.create(**fields, version=1, status="published", published_at=now)
        item_model.objects.bulk_create(
            item_model(instrument=instrument, position=i, dimension=dim, text_zh=zh, text_en=en)
            for i, (dim, zh, en) in enumerate(spec["items"], start=1)
        )
