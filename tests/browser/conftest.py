"""A live Verksted and one headless Chromium for the browser tests.

The live app is an app object of its own on the session's database, with CSRF protection on as
in production, so every form is sent the way a person sends it. Rows are emptied after each test
by the shared fixture, which works on the same database.
"""
from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import PASSWORD, app_config, dispose_engines
from verksted import create_app
from verksted.networks.models import Role

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- the live server --------------------------------------------------------------------


class QuietHandler(WSGIRequestHandler):
    """Serves requests without logging each one; errors are still reported."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@pytest.fixture(scope="session")
def live_server(app, database_url, outbox_dir):
    """Verksted served on 127.0.0.1 on a free port; `.url` is its address.

    Depends on `app` so that the migrations have built the schema first.
    """
    live_app = create_app(
        app_config(
            database_url,
            outbox_dir,
            WTF_CSRF_ENABLED=True,
            SESSION_COOKIE_SECURE=False,
            REMEMBER_COOKIE_SECURE=False,
        )
    )
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    live_app.config["VERKSTED_BASE_URL"] = url  # links in e-mails point here
    thread = threading.Thread(target=server.serve_forever, name="verksted-live-server", daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=url, app=live_app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        dispose_engines(live_app)


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Open a fresh browser context (its own cookies), like another person's machine.

    CSP is bypassed so that axe can be injected; uncaught script errors fail the test.
    """
    contexts = []
    errors: list[str] = []

    def new_context(**options):
        options = {"bypass_csp": True, "locale": "nb-NO", "base_url": live_server.url, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(5_000)
        context.on("page", lambda page: page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}")))
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()
    assert not errors, "Uncaught script errors in the page:\n" + "\n".join(errors)


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


# --- checking a page --------------------------------------------------------------------

BLOCKING_IMPACTS = ("serious", "critical")


def axe_check(page) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe found {len(blocking)} serious/critical problem(s) on {page.url}:"]
        for v in blocking:
            targets = ["/".join(map(str, node["target"])) for node in v["nodes"][:3]]
            more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
            lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} – {', '.join(targets)}{more}")
        raise AssertionError("\n".join(lines))


# --- signing in through the form --------------------------------------------------------


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the sign-in form on the page the browser is showing, in any language."""
    form = page.locator("main form").filter(has=page.locator("#password"))
    form.locator("#email").fill(email)
    form.locator("#password").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    """Press the header's sign-out button, whatever language the page is in."""
    # force: the button sits in a display:inline form, and Playwright's hit-target check takes
    # the form for something covering it; a real mouse click at the same point reaches the button.
    page.locator("form[action='/logg-ut'] button[type=submit]").click()
    page.wait_for_load_state()


# --- a learning network with people in it -----------------------------------------------


@pytest.fixture
def learning_network(make_user, make_network, make_team, make_membership):
    """A facilitator's network with two municipal teams, each with a gruppeleder and members.

    Every name is invented; they carry æøå and Sámi letters on purpose.
    """
    from datetime import date

    network = make_network(
        "Rekruttere og beholde – læringsnettverk i Nordfjella",
        owner_organisation="Utviklingssenteret og KS",
        starts_on=date(2025, 9, 1),
        ends_on=date(2027, 6, 30),
        main_goal="Kommunene rekrutterer, utvikler og beholder medarbeidere.",
    )
    facilitator = make_user("prosjektleder@usht.example", "Åse Bjørnstad Ødegård")
    make_membership(facilitator, network, Role.FACILITATOR)

    fjordvik = make_team(network, "Fjordvik kommune", municipality_number="9901")
    sameby = make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")
    people = {}
    for team, members in (
        (fjordvik, [("Ingrid Sæther", "Enhetsleder", True), ("Per Øvrebø", "Sykepleier", False),
                    ("Liv Åsheim", "Hovedtillitsvalgt", False)]),
        (sameby, [("Biret Sárá Eira", "Enhetsleder, helsesenteret", True),
                  ("Nils-Ŋuvllát Somby", "Helsefagarbeider", False)]),
    ):
        for n, (name, team_role, is_lead) in enumerate(members):
            user = make_user(f"{team.municipality_number}-{n}@kommune.example", name)
            make_membership(user, network, Role.TEAM_MEMBER, team, is_group_leader=is_lead, team_role=team_role)
            people[name] = user
    return SimpleNamespace(network=network, facilitator=facilitator, fjordvik=fjordvik, sameby=sameby, people=people)
