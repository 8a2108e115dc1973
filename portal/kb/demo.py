"""The demo estate's self-help section (what `make run` shows): five common problems, what to try and when to
report instead. Written as staff would in the Wagtail admin; no resident data. Safe to run again."""

from dataclasses import dataclass

from django.db import transaction

from portal.sites.services import ensure_estate_home
from residents.models import Estate, Trade

from .models import ArticleIndexPage, ArticlePage


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    trade: str
    summary: str
    keywords: str
    body: str


ARTICLES = (
    DemoArticle(
        slug="blocked-drain",
        title="厨房下水道堵了怎么办",
        trade="plumbing",
        summary="水槽下水慢或不下水，多数是油污和菜渣堵在存水弯，自己疏通十分钟就好。",
        keywords="下水, 下水道, 堵, 堵塞, 不下水, 排水慢, 水槽, 地漏, 反水, 返味",
        body=(
            "<p>水槽下水变慢、积水或有异味，多半是油污和菜渣堵在水槽下方的存水弯里。</p>"
            "<h2>您可以先试试</h2>"
            "<ol><li>用热水（不要用开水，以免烫坏塑料管）加洗洁精慢慢倒入，等十分钟再冲水。</li>"
            "<li>用皮搋子（吸盘）对准下水口上下按压十几次，另一侧水槽的下水口要先堵住。</li>"
            "<li>拧下水槽下方存水弯的螺母（下面放好盆），清出里面的杂物后装回，开水试一试有没有漏水。</li></ol>"
            "<h3>以后怎样少堵</h3>"
            "<ul><li>剩菜和油倒进垃圾袋，不要倒进水槽。</li><li>水槽口装一个滤网。</li></ul>"
            "<h2>什么时候报修</h2>"
            "<ul><li>试过以上方法仍不下水。</li><li>楼上用水时您家地漏或水槽往上冒水：这是公共立管堵塞，"
            "请马上报修，并暂时不要用水。</li><li>管道本身漏水或开裂。</li></ul>"
        ),
    ),
    DemoArticle(
        slug="tripped-breaker",
        title="跳闸了：一个房间没电怎么办",
        trade="electrical",
        summary="只有一个房间或一路插座没电，通常是家里配电箱的空气开关跳了，找到它推上去即可。",
        keywords="跳闸, 没电, 断电, 停电, 空开, 空气开关, 漏电保护, 插座没电, 灯不亮",
        body=(
            "<p>只有一个房间的灯或插座没电，而其他房间正常，通常是您家配电箱里对应那一路的空气开关跳闸了。</p>"
            "<h2>您可以先试试</h2>"
            "<ol><li>打开入户门附近的配电箱，找到手柄朝下的那个开关。</li>"
            "<li>先拔掉那个房间里刚才在用的大功率电器（电暖器、电热水壶、吹风机）。</li>"
            "<li>把开关推回到上方。如果马上又跳，说明某个电器或线路有问题：逐个插回电器，找出是哪一个。</li></ol>"
            "<h2>什么时候报修</h2>"
            "<ul><li>拔掉所有电器后开关仍然推不上或立即跳闸。</li>"
            "<li>插座、开关发烫、冒烟或有焦糊味：请先拉下总开关，再报修。</li>"
            "<li>全家都没电而邻居家也没电：可能是小区停电，请先看公告，或致电物业服务中心。</li></ul>"
        ),
    ),
    DemoArticle(
        slug="gas-water-heater",
        title="燃气热水器不出热水怎么办",
        trade="plumbing",
        summary="热水器点不着火或出水不热，常见原因是电池没电、燃气阀没开或水压太小，先逐一检查。",
        keywords="热水器, 没热水, 不出热水, 不热, 点不着, 打不着火, 燃气, 水温, 洗澡水凉",
        body=(
            "<p>如果您闻到燃气味：请不要开关任何电器或点火，立即打开门窗，离开房间后拨打燃气公司的24小时抢修电话，"
            "再通知物业服务中心。</p>"
            "<h2>没有燃气味时，您可以先试试</h2>"
            "<ol><li>热水器面板不亮或点火时只有咔咔声：更换热水器下方的电池（多为两节一号电池）。</li>"
            "<li>检查热水器前的燃气阀门是否打开（手柄与管道平行为开），燃气表是否还有余额。</li>"
            "<li>把热水龙头开大一些：水流太小时热水器不会点火。冬天水压低时尤其常见。</li>"
            "<li>面板显示故障代码时，记下代码，对照说明书或拍照留存。</li></ol>"
            "<h2>什么时候报修</h2>"
            "<ul><li>以上都正常仍不出热水，或反复熄火。</li><li>热水器或管道漏水。</li></ul>"
            "<p>热水器属于您家的设备，物业可以上门检查，需要更换配件时会先告诉您价格。</p>"
        ),
    ),
    DemoArticle(
        slug="running-toilet",
        title="马桶一直流水怎么办",
        trade="plumbing",
        summary="马桶水箱一直有水声或水流不停，多半是浮球卡住或止水胶垫老化，先关上角阀再检查。",
        keywords="马桶, 流水, 长流水, 漏水, 水箱, 进水阀, 浮球, 止水, 角阀, 冲水",
        body=(
            "<p>马桶一直流水，一个月可能多用好几吨水。先关上马桶后面墙上的角阀（顺时针拧到底），再打开水箱盖检查。</p>"
            "<h2>您可以先试试</h2>"
            "<ol><li>看浮球或浮筒是否被卡住，用手轻轻抬起，水声停了就是它：把它拨正，确保上下活动自如。</li>"
            "<li>看底部的止水胶垫（皮碗）是否被冲水链条拉住没有盖严，把链条调松一点。</li>"
            "<li>胶垫变硬、变形时需要更换，五金店有通用配件。</li></ol>"
            "<h2>什么时候报修</h2>"
            "<ul><li>角阀关不上或本身漏水。</li><li>马桶底部与地面之间渗水，或楼下反映天花板渗水：请马上报修。</li></ul>"
        ),
    ),
    DemoArticle(
        slug="lift-stopped",
        title="电梯停了或被困电梯怎么办",
        trade="lift",
        summary="被困在电梯里请按警铃、拨打轿厢内的救援电话，不要扒门；电梯停运请先看是否有维保公告。",
        keywords="电梯, 困, 被困, 关人, 停运, 不动, 电梯故障, 电梯停了, 门打不开",
        body=(
            "<h2>被困在电梯里</h2>"
            "<ol><li>保持冷静：轿厢有通风，不会缺氧，电梯也有防坠落装置。</li>"
            "<li>按下轿厢内的警铃或对讲按钮，监控中心会回应您。</li>"
            "<li>拨打轿厢内张贴的救援电话或96333电梯应急电话，说清楼号和电梯位置。</li>"
            "<li>不要扒门、撬门，也不要试图从天窗爬出，等待救援人员到来。</li></ol>"
            "<h2>电梯停运、不来或门打不开</h2>"
            "<ul><li>先看公告：维保时电梯会按计划停运。</li>"
            "<li>没有公告时请报修，写明楼号、哪一部电梯和您看到的情况（例如停在几楼、有没有显示）。</li></ul>"
            "<p>有人被困时请直接打电话，不要只在网上报修。</p>"
        ),
    ),
)


def _section(home) -> ArticleIndexPage:
    """The estate's self-help section (every estate home is made with one), given the demo's introduction."""
    section = ArticleIndexPage.objects.child_of(home).get()
    if not section.intro:
        section.intro = "常见问题的自助处理办法，以及什么时候需要报修。"
        section.save_revision().publish()
    return section


@transaction.atomic
def seed_kb_demo(*, estate_slug: str) -> None:
    """The estate's self-help section with the demo articles, each published once."""
    section = _section(ensure_estate_home(Estate.objects.get(slug=estate_slug)))
    trades = {trade.key: trade for trade in Trade.objects.all()}
    existing = set(ArticlePage.objects.child_of(section).values_list("slug", flat=True))
    for demo in ARTICLES:
        if demo.slug in existing:
            continue
        article = ArticlePage(
            title=demo.title,
            slug=demo.slug,
            trade=trades.get(demo.trade),
            summary=demo.summary,
            keywords=demo.keywords,
            body=demo.body,
            live=False,
        )
        section.add_child(instance=article)
        article.save_revision().publish()
