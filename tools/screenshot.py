#!/usr/bin/env python3
"""Log in to a running Odoo and save screenshots of pages, as a user sees them.

Developer tool (not used by the tests). Needs the ``playwright`` Python
package (``pip install playwright``) and Debian's Chromium; no browser is
downloaded::

    tools/screenshot.py --url http://127.0.0.1:8069 --login director \\
        --password director --out /tmp/shots /odoo/bvk-students /odoo/bvk-contracts

Each path is opened after logging in and saved as ``<out>/<n>-<path>.png``.
"""

import argparse
import pathlib
import re

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--executable", default="/usr/bin/chromium")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=args.executable, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(f"{args.url}/web/login", timeout=120000)
        page.fill("input[name=login]", args.login)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        # the back office's menu bar, or the portal's page (portal users)
        page.wait_for_selector(".o_main_navbar, .o_portal, #wrapwrap", timeout=180000)
        for number, path in enumerate(args.paths, 1):
            page.goto(f"{args.url}{path}", timeout=120000)
            if not path.startswith("/report/"):
                page.wait_for_selector(
                    ".o_view_controller, .o_portal, #wrapwrap", timeout=120000
                )
            page.wait_for_timeout(2000)
            name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
            target = out / f"{number:02d}-{name}.png"
            page.screenshot(path=str(target), full_page=args.full_page)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
