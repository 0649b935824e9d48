"""Production serves hashed static files from a manifest: every `{% static %}` reference in a
template must name an existing file (an empty or missing name is a 500 with DEBUG off)."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

SRC = Path(__file__).resolve().parents[2] / "src" / "ikonnekt"
STATIC_TAG = re.compile(r"""\{%\s*static\s+(['"])(.*?)\1""")


def test_every_static_reference_names_an_existing_file():
    problems = []
    for template in SRC.rglob("templates/**/*.html"):
        for match in STATIC_TAG.finditer(template.read_text()):
            name = match.group(2)
            if not name or not finders.find(name):
                problems.append(f"{template.relative_to(SRC)}: {{% static '{name}' %}}")
    assert not problems, (
        "Static references without a file (use {% get_static_prefix %} for the prefix):\n"
        + "\n".join(problems)
    )
