"""The ten SERVQUAL dimensions (PZB 1985) and their roll-up to the five of the 1988 instrument.

Pure data, no imports from Django: the scoring engine, the instrument models and the default item bank all
read these tuples. Both languages are stored side by side (DOMAIN.md 1.1 and 1.3) rather than run through the
translation catalog, because the Chinese names are fixed project vocabulary, not translations of the English.
The 10 → 5 mapping follows DOMAIN.md 1.1 (competence, courtesy, credibility, security → assurance; access,
communication, understanding → empathy); the exact mapping is unconfirmed [U], so keep it here in one place.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    key: str
    name_en: str
    name_zh: str
    definition_en: str
    definition_zh: str
    rollup: str = ""  # key of the 1988 dimension this one belongs to ("" for the 1988 dimensions themselves)

    def name(self, language="zh-hans"):
        """The name in `language` (a Django language code): Chinese for any zh-*, English otherwise."""
        return self.name_zh if language.lower().startswith("zh") else self.name_en

    def definition(self, language="zh-hans"):
        return self.definition_zh if language.lower().startswith("zh") else self.definition_en


# The five dimensions of the validated 1988 scale, in the order PZB list them.
FIVE = (
    Dimension(
        "tangibles",
        "Tangibles",
        "有形性",
        "Physical facilities, equipment and the appearance of staff.",
        "有形的设施、设备和员工的仪表。",
    ),
    Dimension(
        "reliability",
        "Reliability",
        "可靠性",
        "Ability to perform the promised service dependably and accurately.",
        "可靠、准确地履行服务承诺的能力。",
    ),
    Dimension(
        "responsiveness",
        "Responsiveness",
        "响应性",
        "Willingness to help customers and provide prompt service.",
        "帮助顾客并迅速提供服务的意愿。",
    ),
    Dimension(
        "assurance",
        "Assurance",
        "保证性",
        "Knowledge and courtesy of staff and their ability to inspire trust and confidence.",
        "员工的知识、礼节以及使顾客信任和放心的能力。",
    ),
    Dimension(
        "empathy",
        "Empathy",
        "移情性",
        "Caring, individualised attention to customers.",
        "关心顾客，为顾客提供个性化的关注。",
    ),
)

# The ten dimensions of 1985, in the paper's order; items are tagged with these keys.
TEN = (
    Dimension(
        "tangibles",
        "Tangibles",
        "可感知性",
        "Physical evidence of the service: facilities, staff appearance, tools and equipment, statements.",
        "服务的有形证据：设施、员工仪表、工具设备、单据等。",
        "tangibles",
    ),
    Dimension(
        "reliability",
        "Reliability",
        "可靠性",
        "Consistent, dependable performance: right the first time, promises honoured.",
        "服务稳定可靠：一次做好，信守承诺。",
        "reliability",
    ),
    Dimension(
        "responsiveness",
        "Responsiveness",
        "反应性",
        "Willingness and readiness of staff to provide service; timeliness.",
        "员工乐于并随时准备提供服务；及时。",
        "responsiveness",
    ),
    Dimension(
        "competence",
        "Competence",
        "胜任能力",
        "Having the skills and knowledge needed to perform the service.",
        "具备提供服务所需的技能和知识。",
        "assurance",
    ),
    Dimension(
        "courtesy",
        "Courtesy",
        "友爱/礼貌",
        "Politeness, respect, consideration and friendliness of staff; care for the customer's property.",
        "员工礼貌、尊重、体贴、友好；爱护业主财物。",
        "assurance",
    ),
    Dimension(
        "credibility",
        "Credibility",
        "可信性",
        "Trustworthiness, believability and honesty; having the customer's interests at heart.",
        "值得信赖、诚实可信，真心为业主着想。",
        "assurance",
    ),
    Dimension(
        "security",
        "Security",
        "安全性",
        "Freedom from danger, risk or doubt: physical safety, financial security, confidentiality.",
        "免于危险、风险和疑虑：人身安全、财务安全、信息保密。",
        "assurance",
    ),
    Dimension(
        "access",
        "Access",
        "易于接触",
        "Approachability and ease of contact: reachable by phone, short waits, convenient hours.",
        "容易接近和联系：电话打得通、等候时间短、服务时间方便。",
        "empathy",
    ),
    Dimension(
        "communication",
        "Communication",
        "易于沟通",
        "Keeping customers informed in language they understand and listening to them.",
        "用业主听得懂的语言告知情况，并倾听业主意见。",
        "empathy",
    ),
    Dimension(
        "understanding",
        "Understanding the customer",
        "对消费者的理解",
        "Making the effort to understand the customer's needs and give individual attention.",
        "努力了解业主的需要，给予个别关注。",
        "empathy",
    ),
)

TEN_KEYS = tuple(d.key for d in TEN)
FIVE_KEYS = tuple(d.key for d in FIVE)
BY_KEY = {d.key: d for d in TEN}
FIVE_BY_KEY = {d.key: d for d in FIVE}
ROLLUP = {d.key: d.rollup for d in TEN}  # ten-dimension key → 1988 key
