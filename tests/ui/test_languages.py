"""Languages in Chromium: the switcher, a Spanish fact-check page, the reader's scripts in Spanish.

For a reader the switcher is a plain GET form (no script, no cookie): choosing
"Español" opens the same page at its `?lang=es` address, and the links there keep
the parameter, so the choice stays while the reader clicks through. A signed-in
person's switcher posts to Django's set_language, whose cookie the desk reads. A
browser that prefers Spanish gets the reader's script-drawn text (the claim
card, the workflow) from the Spanish JavaScript catalog, under the strict CSP
(the page fixtures fail on any console error, a CSP violation included). The
Spanish fact-check page is saved as docs/screenshots/factcheck-es.png when
FACTCHECK_SCREENSHOTS_DIR is set (bench/screenshots.py).
"""

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations import services
from articles.services import create_article
from tests.ui.conftest import _add_session, _settle, _track_requests, requires_chromium
from tests.ui.helpers import open_reader
from tests.ui.scenes import build_scene

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SPANISH_TEXT = (
    "El alcalde defendió ayer su gestión en el pleno municipal. "
    "Según dijo, el paro en la ciudad se ha reducido a la mitad en dos años, "
    "y el presupuesto de limpieza es el más alto de la historia. "
    "La oposición pidió los datos del servicio público de empleo."
)
SPANISH_QUOTE = "el paro en la ciudad se ha reducido a la mitad en dos años"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def spanish_factcheck(reviewer, editor):
    """A Spanish newsroom's published fact-check, with a correction."""
    article = create_article(
        title="El alcalde presume de empleo en el pleno",
        text=SPANISH_TEXT,
        publisher="Diario del Sur",
        published_at=datetime(2026, 3, 4, 9, 30, tzinfo=UTC),
        language="es",
    )
    claim = services.create_claim(
        article=article, author=reviewer, quote=SPANISH_QUOTE,
        statement="El paro se ha reducido a la mitad en la ciudad en los dos últimos años.",
        claimant="El alcalde",
    )  # fmt: skip
    services.add_source(
        claim=claim, added_by=reviewer, url="https://www.sepe.es/datos/paro-registrado",
        title="Paro registrado por municipios", publisher="Servicio Público de Empleo Estatal",
        excerpt="El paro registrado bajó un 18 % entre marzo de 2024 y marzo de 2026.",
        stance="refutes",
    )  # fmt: skip
    services.record_verdict(
        claim=claim, reviewer=reviewer, rating="false",
        rationale="Los datos del SEPE muestran una bajada del 18 %, no del 50 %.",
    )  # fmt: skip
    services.submit_claim(claim=claim, actor=reviewer)
    services.publish_claim(
        claim=claim, editor=editor, rating="false",
        rationale="Los datos del SEPE muestran que el paro registrado bajó un 18 % en dos años, "
        "lejos de la mitad que afirmó el alcalde.",
    )  # fmt: skip
    return services.correct_claim(
        claim=claim, editor=editor, rating="mostly-false",
        rationale="El paro registrado bajó un 18 % y la afiliación subió un 9 %: hay mejora, "
        "pero muy lejos de reducirse a la mitad.",
        note="Añadimos los datos de afiliación que el ayuntamiento nos envió tras publicar.",
    )  # fmt: skip


def test_switcher_changes_the_language_and_keeps_it(page, spanish_factcheck, shots):
    page.goto(f"/factchecks/{spanish_factcheck.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".verdict-label")).to_have_text("Our verdict")

    switcher = page.locator("form[data-language-switcher]")
    switcher.get_by_label("Language").select_option("es")
    switcher.get_by_role("button", name="Change language").click()

    # The same page at its Spanish address: nothing stored in the browser.
    expect(page).to_have_url(re.compile(rf"/factchecks/{spanish_factcheck.pk}/\?lang=es$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.context.cookies() == []
    expect(page.locator(".verdict-label")).to_have_text("Nuestro veredicto")
    expect(page.locator(".verdict-rating .badge")).to_have_text("Mayormente falso")
    expect(page.get_by_role("heading", name="Correcciones")).to_be_visible()
    expect(page.locator(".correction-head")).to_contain_text("la calificación pasó de")
    expect(page.locator(".correction-head")).to_contain_text("Falso")
    expect(page.get_by_role("navigation", name="Sobre nuestras verificaciones")).to_be_visible()
    # The switcher, now labelled in Spanish, shows the choice.
    expect(page.get_by_label("Idioma")).to_have_value("es")

    # The choice is kept while the reader follows links: to the index, and back.
    page.get_by_role("link", name="Todas las verificaciones").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificaciones")
    page.locator(f"#factcheck-{spanish_factcheck.pk} a").click()
    expect(page).to_have_url(re.compile(rf"/factchecks/{spanish_factcheck.pk}/\?lang=es$"))
    expect(page.locator(".verdict-label")).to_have_text("Nuestro veredicto")
    page.evaluate("() => document.activeElement.blur()")
    page.screenshot(path=shots / "factcheck-es.png", full_page=True)

    # And it can be switched back with the keyboard alone.
    page.get_by_label("Idioma").focus()
    page.keyboard.press("End")
    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar idioma").press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"\?lang=en$"))


def test_desk_switcher_remembers_the_choice(page, sign_in, reviewer, spanish_factcheck):
    sign_in(reviewer)
    page.goto("/articles/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switcher = page.locator("form[data-language-switcher]")
    switcher.get_by_label("Language").select_option("es")
    switcher.get_by_role("button", name="Change language").click()

    # Django's set_language (a POST with the CSRF token) stores it in a cookie,
    # which the desk's pages read: the plain addresses open in Spanish.
    expect(page).to_have_url(re.compile(r"/articles/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto("/claims/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto(f"/factchecks/{spanish_factcheck.pk}/")
    expect(page.locator(".verdict-label")).to_have_text("Nuestro veredicto")


def test_reader_scripts_speak_spanish(
    browser, live_server, reviewer, other_reviewer, editor, shots
):
    scene = build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)
    # A browser set to Spanish: Chromium sends Accept-Language: es-ES.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="es-ES"
    )
    page = context.new_page()
    page.set_default_timeout(8000)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    _track_requests(page)
    try:
        _add_session(context, live_server, editor)
        open_reader(page, scene.article)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        # Drawn by the scripts: the marks' names, the claim card, the workflow.
        mark = page.locator(f"#claim-{scene.published.pk}")
        name = "Afirmación: «five officers that died» — Mayormente falso (publicada)"
        expect(mark).to_have_attribute("aria-label", name)
        mark.click()
        card = page.locator("[data-claim-card]")
        expect(card.get_by_role("heading", name="Veredictos (2)")).to_be_visible()
        expect(card).to_contain_text("Publicada como Mayormente falso")
        expect(card.get_by_role("button", name="Mostrar el historial")).to_be_visible()
        expect(card.get_by_role("heading", name="Fuentes (1)")).to_be_visible()
        page.evaluate("() => document.activeElement.blur()")
        page.screenshot(path=shots / "reader-card-es.png")
    finally:
        _settle(page)
        context.close()
    assert problems == []
