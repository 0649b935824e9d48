"""Accessibility in real headless Chromium (WCAG 2.1 AA, BITV 2.0).

axe-core, vendored from its npm package (static/vendor/axe-core, no CDN), runs over the main pages of
every module – each navigation entry plus the detail pages with charts and maps – as an
administrator, an editor, a viewer, a market customer and an anonymous visitor. Any serious or
critical violation fails, naming the page, the rule and the elements.

Also: a failed form moves focus to its error summary; the main pages reflow at 320 px (1.4.10).
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = settings.DEMO_PASSWORD
AXE = "/static/vendor/axe-core/axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
ROLES = {
    "admin": "saarlouis-admin",
    "editor": "nalbach-editor",
    "viewer": "nalbach-viewer",
    "customer": "kunde",
    "anonymous": None,
}


def _nav_urls():
    from ikonnekt.core.registry import nav

    urls = []
    for entry in sorted(nav.entries.values(), key=lambda e: e.order):
        try:
            urls.append(reverse(entry.url_name))
        except NoReverseMatch:
            continue
    return urls


def _detail_urls():
    """One object with charts or maps per module, as the demo has them."""
    from ikonnekt.assessment.models import Area, Assessment
    from ikonnekt.energy.models import Building, Meter
    from ikonnekt.indicators.models import IndicatorSeries
    from ikonnekt.materials.models import GreenWasteScenario, MfaSystem
    from ikonnekt.planning.models import GoalNode, Site

    urls = []
    for model in (
        Building,
        Meter,
        Assessment,
        Area,
        MfaSystem,
        GreenWasteScenario,
        GoalNode,
        Site,
        IndicatorSeries,
    ):
        obj = model.objects.order_by("pk").first()
        if obj is not None and hasattr(obj, "get_absolute_url"):
            urls.append(obj.get_absolute_url())
    urls.append(reverse("indicators:compare"))
    return urls + [reverse("legal:page", args=[k]) for k in ("accessibility", "privacy", "imprint")]


def _violations(page):
    page.add_script_tag(url=AXE)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _describe(url, violations):
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:4])
        lines.append(f"{url}: {v['id']} ({v['impact']}) {v['help']} – {targets}")
    return lines


@pytest.mark.parametrize("role", list(ROLES))
def test_no_serious_or_critical_axe_violations_on_the_main_pages(page, sign_in, live_server, role):
    """One test per role, so that the browser tests can share the cores (``make test`` runs them with
    two workers)."""
    call_command("load_demo", verbosity=0)
    urls = (
        _nav_urls()
        + _detail_urls()
        + [reverse("legal:my_data"), reverse("accounts:profile"), reverse("accounts:login")]
    )
    problems, checked = [], 0
    username = ROLES[role]
    if username:
        sign_in(username, PASSWORD)
    else:
        page.context.clear_cookies()
    for url in urls:
        response = page.goto(url)
        if response is None or response.status != 200 or response.request.redirected_from is not None:
            continue  # not this role's page (403/404, or a redirect to sign-in checked once on its own)
        page.wait_for_load_state("networkidle")
        problems += _describe(f"{role} {url}", _violations(page))
        checked += 1
    # every role reaches the public and legal pages; signed-in roles the modules' pages too
    assert checked >= (5 if username is None else 12), f"only {checked} page loads were checked as {role}"
    assert not problems, "\n".join(problems)


def test_a_failed_form_moves_focus_to_its_error_summary(page, sign_in, live_server):
    call_command("load_demo", "--only", "cooperations", verbosity=0)
    sign_in("saarlouis-admin", PASSWORD)
    page.goto("/cooperations/new/")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    # The error of the name field is tied to it and linked from the summary.
    described = page.get_attribute("#id_name", "aria-describedby")
    assert "id_name_error" in described
    assert page.locator("#id_name_error").inner_text().strip()
    assert page.locator("[data-error-summary] a[href='#id_name']").count() == 1


# The innermost elements reaching past the window (those without a too-wide child).
WIDE_ELEMENTS = """width => Array.from(document.querySelectorAll('main *, .subbar *'))
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .filter(el => !Array.from(el.children).some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 6).map(el => el.tagName + '.' + el.className + '#' + el.id)"""


@pytest.mark.parametrize("width", [320])
def test_main_pages_reflow_at_320_px(browser, live_server, width):
    call_command("load_demo", "--only", "energy", "planning", verbosity=0)
    from ikonnekt.energy.models import Building
    from ikonnekt.planning.models import GoalNode

    context = browser.new_context(
        locale="de-DE", base_url=live_server.url, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "nalbach-editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    wide = []
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="nalbach-editor")
    building = Building.objects.visible_to(editor).order_by("pk").first()
    goal = GoalNode.objects.visible_to(editor).order_by("pk").first()
    for url in ["/", building.get_absolute_url(), goal.get_absolute_url()]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide.append(f"{url}: {scroll} px, too wide: {page.evaluate(WIDE_ELEMENTS, width)}")
    context.close()
    assert not wide, wide
