import pytest

from tests.portal.kb.helpers import kb_section, published_article
from tests.portal.notices.helpers import notice_board


@pytest.fixture
def sections(world):
    """The company's self-help section and those of estates A and B."""
    return {"company": kb_section(), "a": kb_section(world.estate_a), "b": kb_section(world.estate_b)}


@pytest.fixture
def articles(sections):
    """A company article about power, estate A's drain and lift articles, and estate B's drain article."""
    return {
        "breaker": published_article(
            sections["company"],
            title="跳闸了：一个房间没电怎么办",
            summary="多半是空气开关跳了。",
            trade="electrical",
            keywords="跳闸, 没电, 空开",
        ),
        "drain": published_article(
            sections["a"],
            title="厨房下水道堵了怎么办",
            summary="油污堵在存水弯，自己疏通就好。",
            body="<p>用皮搋子按压十几次。</p>",
            trade="plumbing",
            keywords="下水道, 堵, 地漏, 排水慢",
        ),
        "lift": published_article(
            sections["a"], title="电梯停了怎么办", summary="先看维保公告。", trade="lift", keywords="电梯, 被困"
        ),
        "drain_b": published_article(
            sections["b"],
            title="乙小区下水道堵了怎么办",
            summary="乙小区的办法。",
            trade="plumbing",
            keywords="下水道, 堵",
        ),
    }


@pytest.fixture
def boards(world):
    """Notice boards of estates A and B, beside their self-help sections (under the same home pages)."""
    return {key: notice_board(estate) for key, estate in (("a", world.estate_a), ("b", world.estate_b))}
