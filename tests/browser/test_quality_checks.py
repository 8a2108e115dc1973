"""The page checks themselves find what they are meant to find (so a clean story run means something)."""

import pytest

from .people import PHONE
from .quality import Review

pytestmark = pytest.mark.browser

FLAWED = """<!DOCTYPE html><html lang="zh-Hans"><head><title>有问题的页面</title></head><body><main>
<h1>有问题的页面</h1>
<p style="color:#aaa;background:#fff">浅灰色的字，对比度不足</p>
<input type="text" name="unlabelled">
<div style="width:600px">一个比手机屏幕还宽的块</div>
</main></body></html>"""


def test_review_reports_low_contrast_missing_labels_and_sideways_scroll(chromium, tmp_path):
    page = chromium.new_page(viewport=PHONE)
    page.set_content(FLAWED)
    review = Review(tmp_path)
    review.page(page, "flawed")
    found = "\n".join(review.problems)
    assert "flawed: " in found and "px wide at 375px (div" in found
    for rule in ("color-contrast", "label"):
        assert f"flawed at 375px: {rule} " in found and f"flawed at 1280px: {rule} " in found
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flawed-1280.png", "flawed-375.png"]
    assert page.viewport_size == PHONE  # the window is left as it was
