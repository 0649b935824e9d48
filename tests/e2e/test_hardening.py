"""Issue #20, defect 12: user text handed to ECharts tooltips (rendered as HTML) is escaped.

GIVEN a cooperation whose name is an HTML payload
WHEN a member opens the network graph and its tooltip shows the cooperation and an organisation
THEN the tooltip shows the text literally and no element or script from the name exists."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)
PAYLOAD = '<img src=x id="xss" onerror="window.__xss=1">Bauhof'


def test_network_tooltip_escapes_names(page, sign_in, cast):
    cast.coop.name = PAYLOAD
    cast.coop.save()
    cast.org_b.name = "<b id='bold'>Stadt B</b>"
    cast.org_b.save()
    sign_in("a_editor", "pw-a_editor")
    page.goto("/cooperations/network/")
    page.wait_for_selector("#network canvas")
    page.wait_for_function("document.getElementById('network')._chart !== undefined")
    texts = []
    for data_type in ("edge", "node"):
        for index in range(3):
            page.evaluate(
                """([t, i]) => document.getElementById('network')._chart.dispatchAction(
                       {type: 'showTip', seriesIndex: 0, dataIndex: i, dataType: t})""",
                [data_type, index],
            )
            page.wait_for_timeout(150)
            texts.append(page.evaluate("document.getElementById('network').innerText"))
    shown = "\n".join(texts)
    assert "<img src=x" in shown or "<b id='bold'>" in shown  # the names appear as text
    assert page.locator("#network #xss").count() == 0
    assert page.locator("#network #bold").count() == 0
    assert page.evaluate("window.__xss") is None
