"""Charts drawn on the server as SVG geometry (no script, no CDN, nothing for the CSP to block): these
functions turn figures into coordinates, and the templates draw them with plain SVG elements."""

import math
from dataclasses import dataclass

SCALE = (1, 7)  # the rating scale every mean is on


@dataclass(frozen=True)
class Axis:
    key: str
    label: str
    x: float  # end of the axis (scale maximum)
    y: float
    label_x: float
    label_y: float


def _point(cx, cy, radius, angle, value):
    r = radius * (value - SCALE[0]) / (SCALE[1] - SCALE[0])
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def radar(figures, series, *, size=360, language="zh-hans"):
    """{axes, rings, polygons}: one axis per shown dimension (clockwise from the top) and one polygon per
    (name, attribute) in `series`, e.g. [("perceived", "perceived"), ("expected", "expected")]. Suppressed
    dimensions (no figure) are drawn as an axis without a point and cut the polygon there."""
    cx = cy = size / 2
    radius = size / 2 - 60
    count = len(figures)
    if count < 3:
        return None
    angles = [2 * math.pi * i / count for i in range(count)]
    axes = []
    for figure, angle in zip(figures, angles, strict=True):
        x, y = _point(cx, cy, radius, angle, SCALE[1])
        lx, ly = _point(cx, cy, radius + 40, angle, SCALE[1])
        axes.append(Axis(figure.key, figure.name.name(language), x, y, lx, ly))
    rings = []
    for value in range(SCALE[0] + 1, SCALE[1] + 1):
        ring = [_point(cx, cy, radius, a, value) for a in angles]
        rings.append({"value": value, "points": _points(ring), "label_y": cy - radius * (value - 1) / 6})
    polygons = []
    for name, attribute in series:
        values = [getattr(f.scores, attribute, None) if f.scores else None for f in figures]
        if any(v is None for v in values):
            continue  # a gap in the outline would mislead; the table shows what there is
        polygons.append({"name": name, "points": _points(_point(cx, cy, radius, a, v)
                                                         for a, v in zip(angles, values, strict=True))})  # fmt: skip
    return {"size": size, "cx": cx, "cy": cy, "axes": axes, "rings": rings, "polygons": polygons}


def _points(pairs):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


def lines(points, series, *, width=560, height=220, low=1, high=7):
    """A line chart: `points` are (label, {series: value or None}); a None breaks the line."""
    if not points:
        return None
    left, right, top, bottom = 40, 10, 10, 30
    step = (width - left - right) / max(len(points) - 1, 1)

    def y_of(value):
        return top + (height - top - bottom) * (high - value) / (high - low)

    drawn = []
    for name in series:
        segments, current = [], []
        for i, (_, values) in enumerate(points):
            value = values.get(name)
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append((left + i * step, y_of(max(low, min(high, value)))))
        if current:
            segments.append(current)
        drawn.append({"name": name, "segments": [_points(s) for s in segments],
                      "dots": [pt for s in segments for pt in s]})  # fmt: skip
    ticks = [{"value": v, "y": y_of(v)} for v in range(low, high + 1, max((high - low) // 6, 1))]
    labels = [{"text": label, "x": left + i * step} for i, (label, _) in enumerate(points)]
    return {"width": width, "height": height, "left": left, "bottom": height - bottom, "series": drawn,
            "ticks": ticks, "labels": labels}  # fmt: skip


def bars(rows, *, width=560, row_height=22, span=None):
    """Horizontal bars around zero: `rows` are (label, value); negative values go left (shortfalls)."""
    if not rows:
        return None
    span = span or max((abs(v) for _, v in rows), default=1) or 1
    label_width, middle = 150, (width + 150) / 2
    half = (width - label_width) / 2 - 10
    out = []
    for i, (label, value) in enumerate(rows):
        length = half * abs(value) / span
        out.append({"label": label, "value": value, "y": i * row_height, "x": middle - length if value < 0 else middle,
                    "width": length, "negative": value < 0})  # fmt: skip
    return {"width": width, "height": len(rows) * row_height, "middle": middle, "rows": out,
            "row_height": row_height}  # fmt: skip
