"""Page quality in a real browser: screenshots for review, no sideways scrolling at phone width, and axe-core's
WCAG 2.1 A/AA rules (contrast, labels, names, landmarks...) at phone and desktop width.

axe-core comes bundled in the axe-playwright-python package (requirements-dev.txt), so nothing is fetched at
test time.
"""

from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from .people import DESKTOP, PHONE

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# The elements sticking out past the right edge, innermost first, to say what overflows rather than just that
# something does.
OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5);
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5)
    .map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + 'px)');
}"""


@dataclass
class Review:
    """Collects screenshots and the problems found on every page a story visits; the test asserts none at the
    end, so one run lists every page's problems instead of stopping at the first."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    axe: Axe = field(default_factory=Axe)

    def page(self, page, name: str) -> None:
        """Screenshot `page` as it is now at both widths, check it, and put the window back as it was."""
        self.pages.append(name)
        size = page.viewport_size
        for width in (PHONE, DESKTOP):
            page.set_viewport_size(width)
            page.screenshot(path=self.folder / f"{name}-{width['width']}.png", full_page=True)
            if width == PHONE:
                self._no_sideways_scroll(page, name)
            self._wcag(page, f"{name} at {width['width']}px")
        page.set_viewport_size(size)

    def _no_sideways_scroll(self, page, name: str) -> None:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > PHONE["width"]:
            culprits = ", ".join(page.evaluate(OVERFLOWING))
            self.problems.append(f"{name}: {scroll_width}px wide at {PHONE['width']}px ({culprits})")

    def _wcag(self, page, where: str) -> None:
        for v in self.axe.run(page, options=WCAG_21_AA).response["violations"]:
            nodes = "; ".join(" ".join(n["target"]) + " " + n.get("failureSummary", "") for n in v["nodes"][:3])
            self.problems.append(f"{where}: {v['id']} ({v['impact']}) {v['help']} [{len(v['nodes'])}] {nodes}")
