"""Screenshots of pages for the README: `python tools/screenshot.py BASE_URL USER OUT.png PATH [PATH...]`."""

import sys

from playwright.sync_api import sync_playwright

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(base, user, out, *paths):
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="de-DE")
        page.goto(base + "/accounts/login/")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", "Konnekt-Demo-2026")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        for i, path in enumerate(paths):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(800)
            target = out if len(paths) == 1 else out.replace(".png", f"-{i}.png")
            page.screenshot(path=target)
            print(path, page.title(), target)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
