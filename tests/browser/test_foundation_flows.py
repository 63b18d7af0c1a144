"""The first things a person does in Verksted, in a real browser with CSRF on.

Every page visited is checked with axe-core for serious and critical accessibility problems.
"""
from __future__ import annotations

import gettext
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in, sign_out
from tests.conftest import PASSWORD
from tests.pages import links_in

pytestmark = pytest.mark.browser

TRANSLATIONS = Path(__file__).resolve().parents[2] / "verksted" / "translations"


def path(page) -> str:
    return urlsplit(page.url).path


def team_row(page, municipality: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=municipality))


def test_sign_in_with_wrong_then_right_password_and_sign_out(page, learning_network):
    world = learning_network

    page.goto("/")
    assert path(page) == "/logg-inn"
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn i Verksted")
    axe_check(page)

    sign_in(page, "Prosjektleder@usht.example", "ikke-passordet")
    expect(page.get_by_role("alert").filter(has_text="Feil e-postadresse eller passord.")).to_be_visible()
    expect(page.get_by_label("E-postadresse")).to_have_value("Prosjektleder@usht.example")
    expect(page.get_by_label("Passord", exact=True)).to_have_value("")
    axe_check(page)

    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_load_state()
    assert path(page) == f"/nettverk/{world.network.id}"
    expect(page.get_by_role("heading", level=1)).to_have_text(world.network.name)
    expect(team_row(page, "Fjordvik kommune")).to_contain_text("Ingrid Sæther")
    expect(team_row(page, "Čáhppesjávri suohkan")).to_contain_text("Biret Sárá Eira")
    expect(page.get_by_text("Åse Bjørnstad Ødegård", exact=True)).to_be_visible()  # prosjektleder
    axe_check(page)

    sign_out(page)
    assert path(page) == "/logg-inn"
    expect(page.get_by_role("status")).to_have_text("Du er logget ut.")
    axe_check(page)
    page.goto(f"/nettverk/{world.network.id}")
    assert path(page) == "/logg-inn", "the network page must not be shown after signing out"


def test_invite_a_team_member_who_accepts_by_the_link_in_the_email(page, new_context, learning_network, outbox):
    world = learning_network
    invitee_email = "maret.guttorm@cahppesjavri.kommune.example"
    invitee_name = "Máret Ánde Guttorm"

    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    page.get_by_role("link", name="Čáhppesjávri suohkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Čáhppesjávri suohkan")
    axe_check(page)

    page.get_by_role("link", name="Inviter medlem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inviter til {world.network.name}")
    expect(page.get_by_label("Kommuneteam")).to_have_value(str(world.sameby.id))
    axe_check(page)
    page.get_by_label("E-postadresse").fill(invitee_email)
    page.get_by_label("Navn", exact=True).fill(invitee_name)
    page.get_by_label("Rolle", exact=True).select_option(label="Teammedlem")
    page.get_by_label("Rolle i teamet").fill("Enhetsleder, Čáhppesjávri helsesenter")
    page.get_by_label("Gruppeleder for teamet").check()
    page.get_by_role("button", name="Send invitasjon").click()
    page.wait_for_load_state()

    assert path(page) == f"/team/{world.sameby.id}"
    expect(page.get_by_role("status")).to_have_text(f"Invitasjonen er sendt til {invitee_email}.")
    expect(page.get_by_role("region", name="Invitert, ikke svart ennå")).to_contain_text(invitee_name)
    axe_check(page)

    (message,) = outbox.to(invitee_email)
    assert message["To"].addresses[0].display_name == invitee_name
    assert world.network.name in message["Subject"]
    body = message.get_content()
    assert "Čáhppesjávri suohkan" in body and "Du er gruppeleder for teamet." in body
    (link,) = [url for url in links_in(message) if "/invitasjon/" in url]
    assert link.startswith(page.url.split("/team/")[0] + "/invitasjon/"), link

    sign_out(page)

    invitee = new_context().new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_have_text(f"Velkommen til {world.network.name}")
    expect(invitee.get_by_text("Du er invitert som teammedlem i Čáhppesjávri suohkan.")).to_be_visible()
    expect(invitee.get_by_label("Navn", exact=True)).to_have_value(invitee_name)
    axe_check(invitee)
    invitee.get_by_label("Velg passord").fill("lávvu ja goahti 2026")
    invitee.get_by_label("Gjenta passordet").fill("lávvu ja goahti 2026")
    invitee.get_by_role("button", name="Lag konto og bli med").click()
    invitee.wait_for_load_state()

    assert path(invitee) == f"/team/{world.sameby.id}"
    expect(invitee.get_by_role("status")).to_have_text(
        f"Kontoen din er opprettet. Velkommen til {world.network.name}."
    )
    me = invitee.get_by_role("rowheader", name=re.compile(invitee_name))
    expect(me).to_contain_text("Gruppeleder")
    expect(invitee.get_by_role("row").filter(has=me)).to_contain_text("Enhetsleder, Čáhppesjávri helsesenter")
    axe_check(invitee)

    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")
    expect(invitee.get_by_text("Denne invitasjonen er allerede brukt.", exact=False)).to_be_visible()
    axe_check(invitee)


def test_edit_a_team_refuse_a_bad_municipality_number_and_withdraw_it(page, learning_network):
    world = learning_network

    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    page.goto(f"/team/{world.fjordvik.id}")
    axe_check(page)

    page.get_by_role("link", name="Endre team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre Fjordvik kommune")
    axe_check(page)
    page.get_by_label("Kommune", exact=True).fill("Øvre Åsbygd kommune")
    page.get_by_label("Kontaktperson").select_option(label="Per Øvrebø")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()

    assert path(page) == f"/team/{world.fjordvik.id}"
    expect(page.get_by_role("status")).to_have_text("Teamet er lagret.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Øvre Åsbygd kommune")
    expect(page.get_by_role("rowheader", name=re.compile("Per Øvrebø"))).to_contain_text("Kontaktperson")
    axe_check(page)

    page.get_by_role("link", name=world.network.name).click()
    row = team_row(page, "Øvre Åsbygd kommune")
    expect(row).to_contain_text("Ingrid Sæther")  # gruppeleder
    expect(row).to_contain_text("Per Øvrebø")  # kontaktperson
    expect(team_row(page, "Fjordvik kommune")).to_have_count(0)
    axe_check(page)

    page.goto(f"/team/{world.fjordvik.id}/rediger")
    page.get_by_label("Kommune", exact=True).fill("Øvre Åsbygd og Čáhcevuotna kommune")
    page.get_by_label("Kommunenummer (valgfritt)").fill("12")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()

    message = "Kommunenummeret har fire sifre, for eksempel 4601."
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Rett opp dette før du går videre:"))
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(f"Kommunenummer (valgfritt): {message}")
    expect(summary).to_be_focused()
    number = page.get_by_label("Kommunenummer (valgfritt)")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.locator("#municipality_number-feil")).to_have_text(message)
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("Øvre Åsbygd og Čáhcevuotna kommune")
    expect(number).to_have_value("12")
    axe_check(page)
    summary.get_by_role("link").click()
    expect(number).to_be_focused()

    page.goto(f"/team/{world.fjordvik.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Øvre Åsbygd kommune")  # nothing was saved
    page.get_by_role("link", name="Trekk ut teamet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Øvre Åsbygd kommune trekker seg")
    axe_check(page)
    reason = "Langvarig sykefravær hos gruppeleder; kommunen ønsker å være med i neste nettverk."
    page.get_by_label("Dato for uttrekk").fill("2026-03-16")
    page.get_by_label("Årsak").fill(reason)
    page.get_by_role("button", name="Merk som trukket ut").click()
    page.wait_for_load_state()

    assert path(page) == f"/team/{world.fjordvik.id}"
    expect(page.get_by_role("status")).to_contain_text("Øvre Åsbygd kommune er merket som trukket ut.")
    expect(page.get_by_role("heading", name="Teamet trakk seg 16. mars 2026")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=world.network.name).click()
    withdrawn_heading = page.get_by_role("heading", name="Team som har trukket seg")
    expect(withdrawn_heading).to_be_visible()
    withdrawn = page.locator("li.withdrawn")
    expect(withdrawn).to_have_count(1)
    expect(withdrawn).to_contain_text("Øvre Åsbygd kommune")
    expect(withdrawn).to_contain_text("trukket seg 16. mars 2026")
    expect(withdrawn).to_contain_text(reason)
    expect(team_row(page, "Øvre Åsbygd kommune")).to_have_count(0)
    expect(team_row(page, "Čáhppesjávri suohkan")).to_have_count(1)
    axe_check(page)


def _english(msgid: str) -> str | None:
    """The English the app will show for `msgid`, if the compiled catalogue has it."""
    mo = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"
    if not mo.exists():
        return None
    with mo.open("rb") as handle:
        translated = gettext.GNUTranslations(handle).gettext(msgid)
    return translated if translated != msgid else None


def choose_language(page, name: str) -> None:
    """Pick a language in the header; the page sends the choice by itself."""
    with page.expect_navigation():
        page.get_by_label(re.compile("^(Språk|Language)$")).select_option(label=name)
    page.wait_for_load_state()


def test_switch_language_on_the_sign_in_page_and_keep_it_for_a_signed_in_user(page, learning_network):
    world = learning_network
    html = page.locator("html")

    page.goto("/logg-inn")
    expect(html).to_have_attribute("lang", "nb")

    choose_language(page, "Norsk nynorsk")
    assert path(page) == "/logg-inn"
    expect(html).to_have_attribute("lang", "nn")
    expect(page.get_by_role("combobox")).to_have_value("nn")
    axe_check(page)

    choose_language(page, "English")
    expect(html).to_have_attribute("lang", "en")
    heading = _english("Logg inn i Verksted")
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)

    # The button does the same without script.
    page.get_by_role("combobox").evaluate("select => { select.value = 'nb'; }")
    page.locator(".language-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(html).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn i Verksted")

    # A signed-in person's choice is kept on their account.
    sign_in(page, world.facilitator.email)
    assert path(page) == f"/nettverk/{world.network.id}"
    choose_language(page, "English")
    assert path(page) == f"/nettverk/{world.network.id}", "the language choice returns to the same page"
    expect(html).to_have_attribute("lang", "en")
    axe_check(page)

    sign_out(page)
    assert path(page) == "/logg-inn"
    page.context.clear_cookies()
    page.goto("/logg-inn")
    expect(html).to_have_attribute("lang", "nb")
    sign_in(page, world.facilitator.email)
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("combobox")).to_have_value("en")
    axe_check(page)


def has_visible_focus_indicator(locator) -> bool:
    style = locator.evaluate(
        """element => {
            const s = getComputedStyle(element);
            return {outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow};
        }"""
    )
    return (style["outline"] != "none" and style["outlineWidth"] > 0) or style["shadow"] not in ("", "none")


def test_first_tab_on_the_sign_in_page_reaches_the_skip_link_with_a_visible_focus(page):
    page.goto("/logg-inn")
    axe_check(page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused(timeout=1_000)
    assert has_visible_focus_indicator(skip), "the focused skip link has neither outline nor box-shadow"


def test_skip_link_appears_on_focus_and_jumps_to_the_main_content(page):
    page.goto("/glemt-passord")  # a page without an autofocused field
    axe_check(page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1, "the skip link must show itself when focused"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    email = page.get_by_label("E-postadresse")
    expect(email).to_be_focused()
    assert has_visible_focus_indicator(email), "the focused field has neither outline nor box-shadow"
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="Send lenke")
    expect(button).to_be_focused()
    assert has_visible_focus_indicator(button), "the focused button has neither outline nor box-shadow"


def test_network_page_fits_a_phone_screen(new_context, learning_network):
    world = learning_network
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()

    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    assert path(page) == f"/nettverk/{world.network.id}"
    expect(page.get_by_role("heading", level=1)).to_have_text(world.network.name)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"] + 1, f"the page scrolls sideways on a phone: {widths}"
    axe_check(page)


def test_pages_work_under_the_content_security_policy(new_context, learning_network):
    """The other tests bypass the CSP to inject axe; here it is enforced as for real users."""
    world = learning_network
    page = new_context(bypass_csp=False).new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)

    page.goto("/logg-inn")
    choose_language(page, "Norsk nynorsk")  # needs verksted.js, served under script-src 'self'
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    sign_in(page, world.facilitator.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(world.network.name)
    page.goto(f"/team/{world.sameby.id}/rediger")
    page.get_by_label(re.compile("^Kommunenummer")).fill("12")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("[data-autofocus]")).to_be_focused()  # the script moved focus to the summary

    assert not refused, "The page broke its own Content Security Policy:\n" + "\n".join(refused)
