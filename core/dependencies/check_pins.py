"""Offline dependency audit: fail when a pinned requirement falls inside a known advisory's affected range.

pip-audit needs pypi.org's JSON API or OSV, which the build machines cannot reach; this checks the same pins
against the committed list in core/dependencies/advisories.json (SECURITY.md §5.20). Needs only `packaging`.

    python core/dependencies/check_pins.py [requirements files...]   # default: requirements.txt requirements-dev.txt
"""

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
ADVISORIES = Path(__file__).resolve().parent / "advisories.json"
DEFAULT_FILES = (ROOT / "requirements.txt", ROOT / "requirements-dev.txt")
STALE_AFTER_DAYS = 30  # a list nobody has reviewed for a month is worth a warning in the CI log
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised name: "Django" and "django" are one package, as are "a_b" and "a-b"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path, seen: set[Path] | None = None) -> dict[str, Version]:
    """Exact pins (name==version) of a requirements file, following `-r other.txt` includes."""
    seen = seen if seen is not None else set()
    if path in seen:
        return {}
    seen.add(path)
    pins: dict[str, Version] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        included = re.match(r"^\s*-r\s+(\S+)", line)
        if included:
            pins.update(read_pins(path.parent / included.group(1), seen))
        elif match := PIN.match(line):
            pins[canonical(match.group(1))] = Version(match.group(2))
    return pins


@dataclass(frozen=True)
class Finding:
    package: str
    version: Version
    advisory: dict

    def __str__(self):
        fixed = ", ".join(r["fixed"] for r in self.advisory["ranges"] if r.get("fixed")) or "none yet"
        names = ", ".join([self.advisory["id"], *self.advisory.get("aliases", []), *self.advisory.get("related", [])])
        return f"{self.package}=={self.version}: {names}: {self.advisory['summary']}; fixed in {fixed}"


def affected(version: Version, ranges: list[dict]) -> bool:
    """Whether `version` lies in any range: introduced <= version < fixed (no fixed: every later version)."""
    for event in ranges:
        bounds = f">={event.get('introduced', '0')}" + (f",<{event['fixed']}" if event.get("fixed") else "")
        if SpecifierSet(bounds).contains(version, prereleases=True):
            return True
    return False


def audit(pins: dict[str, Version], advisories: list[dict]) -> list[Finding]:
    return [
        Finding(canonical(a["package"]), pins[canonical(a["package"])], a)
        for a in advisories
        if canonical(a["package"]) in pins and affected(pins[canonical(a["package"])], a["ranges"])
    ]


def main(argv: list[str], *, today: date | None = None) -> int:
    files = [Path(arg) for arg in argv] or list(DEFAULT_FILES)
    pins: dict[str, Version] = {}
    for path in files:
        pins.update(read_pins(path))
    data = json.loads(ADVISORIES.read_text(encoding="utf-8"))
    findings = audit(pins, data["advisories"])
    age = ((today or date.today()) - date.fromisoformat(data["reviewed"])).days
    if age > STALE_AFTER_DAYS:
        print(f"warning: {ADVISORIES.name} was last reviewed {age} days ago; check {data['source']}")
    for finding in findings:
        print(f"VULNERABLE {finding}")
    print(f"{len(pins)} pins checked against {len(data['advisories'])} advisories (reviewed {data['reviewed']}): "
          f"{len(findings)} affected")  # fmt: skip
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
