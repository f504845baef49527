"""Page furniture by the shape of a line: one written line for every rule, and reporting that
only looks like furniture. No line here is taken from an article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tregua.hygiene import clean_document, shared_lines
from tregua.hygiene.datelines import parse_dateline
from tregua.hygiene.lines import classify_lines, credit_reason, is_prompt
from tregua.model import CleanDoc, RawDoc
from tregua.pack import DomainPack

LEAD = (
    "Los negociadores de ambos países se reunieron durante seis horas en un hotel de la "
    "capital y acordaron volver a verse la próxima semana."
)
MORE = (
    "La delegación ucraniana insistió en que cualquier acuerdo deberá incluir garantías de "
    "seguridad firmadas por sus aliados europeos."
)


def clean(text: str, pack: DomainPack, **meta: str) -> CleanDoc:
    return clean_document(RawDoc(source="t", text=text, **meta), pack.lexicon)  # type: ignore[arg-type]


def kinds(doc: CleanDoc) -> list[tuple[str, str]]:
    return [(doc.text[p.start : p.end], p.kind) for p in doc.paragraphs]


def flagged(doc: CleanDoc) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in doc.flags}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # dates and datelines alone
        ("Miércoles, 11 de febrero de 2026", "boilerplate"),
        ("febrero 11, 2026", "boilerplate"),
        ("11 de febrero de 2026 - 09:40 h", "boilerplate"),
        ("BERLÍN 11 Feb. (EUROPA PRESS) -", "boilerplate"),
        # prompts, reading times, bylines
        ("¡Únete a nuestro canal de Telegram y recibe las noticias al momento!", "boilerplate"),
        ("Activa las notificaciones de nuestra aplicación", "boilerplate"),
        ("Lectura: 4 min", "boilerplate"),
        ("3 minutos de lectura", "boilerplate"),
        ("Por: Lucía Fernández Ortega", "boilerplate"),
        # photo captions with their credit
        ("Soldados descargan cajas en un almacén de Járkov - Foto referencia: EFE", "caption"),
        (
            "Archivo - Un convoy militar cruza un puente - Agencia Uno/Pedro Ruiz - Archivo",
            "caption",
        ),
        ("La ministra saluda a los periodistas en el aeropuerto. / Reuters", "caption"),
        ("Dos diplomáticos conversan en un pasillo del hotel / Colaborador", "caption"),
        ("El canciller llega a la cumbre - Europa Press/Contacto/Ana Ruiz", "caption"),
        ("Los líderes posan para la foto de familia. Foto Reuters", "caption"),
        ("Bomberos trabajan entre los escombros de un edificio (Foto: AFP)", "caption"),
        (
            "La primera ministra, durante la rueda de prensa en el palacio.Gobierno de Italia",
            "caption",
        ),
        (
            "Vista de la sala de negociación en el palacio el 3 de abrilOficina Presidencial",
            "caption",
        ),
        # a subheading between two paragraphs
        ("Garantías para Kiev", "boilerplate"),
        ("Sin acuerdo sobre los territorios", "boilerplate"),
        ("el papel del Vaticano", "boilerplate"),
        ("“No habrá paz sin justicia”: la respuesta de Kiev", "boilerplate"),
        # reporting, and a name line, stay what they were
        ("La ministra dijo que la reunión fue útil.", "reporting"),
        ("Foto: la cumbre fue breve y tensa, según los asistentes.", "reporting"),
        ("Kirill Dmitriev, director del fondo soberano ruso", "caption"),
    ],
)
def test_a_line_between_paragraphs(line: str, kind: str, pack: DomainPack) -> None:
    doc = clean(f"{LEAD}\n{line}\n{MORE}", pack)
    assert kinds(doc)[1] == (line, kind)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("INTERNACIONAL", "boilerplate"),  # a section label above the article
        ("Radio Ejemplo 24", "boilerplate"),  # the outlet's name
        ("Guerra en Europa", "boilerplate"),
    ],
)
def test_labels_above_the_article(line: str, kind: str, pack: DomainPack) -> None:
    doc = clean(f"{line}\n{LEAD}\n{MORE}", pack, outlet="Radio Ejemplo 24")
    assert kinds(doc)[0] == (line, kind)


def test_a_short_last_line_cut_by_the_page_is_not_a_subheading(pack: DomainPack) -> None:
    doc = clean(f"{LEAD}\n{MORE}\nSegún la portavoz, las", pack)
    assert kinds(doc)[-1][1] == "reporting"


def test_a_subheading_before_a_last_paragraph_cut_short(pack: DomainPack) -> None:
    cut = "En una comparecencia ante la prensa el ministro criticó la falta de avances y la"
    doc = clean(f"{LEAD}\nLa respuesta rusa\n{cut}", pack)
    assert kinds(doc)[1] == ("La respuesta rusa", "boilerplate")


def test_a_headline_glued_to_the_caption_below_it(pack: DomainPack) -> None:
    line = (
        "La OTAN prepara un plan de defensa para el flanco esteLos ministros de Defensa, "
        "reunidos en Bruselas, el 4 de junio. Foto EFE"
    )
    doc = clean(f"{LEAD}\n{line}\n{MORE}", pack)
    assert ("glued_words", "esteLos") in flagged(doc)
    caption = "Los ministros de Defensa, reunidos en Bruselas, el 4 de junio. Foto EFE"
    assert ("caption", caption) in flagged(doc)
    head = "La OTAN prepara un plan de defensa para el flanco este"
    assert (head, "reporting") in kinds(doc)
    assert doc.repaired_text().count("este Los ministros") == 1


def test_a_credit_glued_across_a_full_stop_is_glued_words(pack: DomainPack) -> None:
    line = "El presidente firma el decreto en su despacho del palacio.Presidencia de Francia"
    doc = clean(f"{LEAD}\n{line}\n{MORE}", pack)
    assert ("glued_words", "palacio.Presidencia") in flagged(doc)


def test_a_sentence_printed_above_the_paragraph_that_says_it(pack: DomainPack) -> None:
    pull = "«Hemos dado un paso enorme hacia la paz», afirmó la ministra."
    body = f"La reunión terminó de madrugada. {pull} Nadie dio más detalles del texto."
    doc = clean(f"{pull}\n{body}\n{MORE}", pack)
    assert kinds(doc)[0] == (pull, "duplicate")
    assert ("duplicate_paragraph", pull) in flagged(doc)


def test_the_headline_printed_again_under_a_photo(pack: DomainPack) -> None:
    title = "Kiev y Moscú acuerdan un nuevo canje"
    doc = clean(f"{title}\n{LEAD}\n{title}\n{MORE}", pack, title=title)
    assert [k for _, k in kinds(doc)] == ["reporting", "reporting", "caption", "reporting"]


def test_an_inline_dateline_is_cut_off_unflagged(pack: DomainPack) -> None:
    doc = clean(f"Lisboa, 4 may (EFE).- {LEAD}\n{MORE}", pack)
    assert kinds(doc)[0] == ("Lisboa, 4 may (EFE).-", "boilerplate")
    assert kinds(doc)[1] == (LEAD, "reporting")
    assert doc.flags == ()
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.date, doc.dateline.agency) == (
        "Lisboa",
        "XXXX-05-04",
        "EFE",
    )
    assert doc.agency == "EFE"


def test_a_standalone_dateline_is_flagged_and_parsed(pack: DomainPack) -> None:
    doc = clean(f"ROMA 4 May. (EUROPA PRESS) -\n{LEAD}\n{MORE}", pack)
    assert ("boilerplate", "ROMA 4 May. (EUROPA PRESS) -") in flagged(doc)
    assert doc.dateline is not None
    assert doc.dateline.place == "Roma"  # a name, not the capitals of the wire
    assert doc.dateline.agency == "Europa Press"


@pytest.mark.parametrize(
    ("line", "prompt"),
    [
        ("Síguenos en Instagram", True),
        ("Descarga la aplicación y entérate antes", True),
        ("Sigue la guerra en Ucrania", False),  # an imperative, nothing to click
        ("Las tropas siguen en el canal de Suez", False),
    ],
)
def test_prompts(line: str, prompt: bool, pack: DomainPack) -> None:
    assert is_prompt(line, pack.lexicon) is prompt


def test_a_credit_needs_a_name_after_the_word(pack: DomainPack) -> None:
    assert credit_reason("Foto: la cumbre fue breve.", pack.lexicon) is None
    assert credit_reason("Un avión en la pista. Foto: AFP", pack.lexicon) is not None


def test_lines_an_outlet_repeats_are_its_template(pack: DomainPack) -> None:
    stories = [f"{LEAD}\nBoletín Diario de la Mañana\nHistoria número {n}." for n in range(4)]
    shared = shared_lines([("Diario Uno", s) for s in stories] + [("Otro", stories[0])])
    assert "boletín diario de la mañana" in shared["Diario Uno"]
    assert shared["Otro"] == frozenset()
    verdicts = classify_lines(
        [LEAD, "Boletín Diario de la Mañana", "Historia número 1."],
        pack.lexicon,
        shared=shared["Diario Uno"],
    )
    assert verdicts[1] is not None
    assert verdicts[1].kind == "boilerplate"


def test_every_standalone_dateline_of_news_dev_is_parsed(shared: Path, pack: DomainPack) -> None:
    """Each dateline the gold flags as a line of its own parses, with its place."""
    gold = shared / "gold" / "news-dev"
    standalone = 0
    for path in sorted(gold.glob("*.json")):
        for flag in json.loads(path.read_text(encoding="utf-8")).get("flags", []):
            found = parse_dateline(flag.get("text", ""), pack.lexicon.news_agencies)
            if flag["kind"] == "boilerplate" and found is not None and found.standalone:
                standalone += 1
                assert found.place
    articles = shared / "data" / "news-dev" / "articles.jsonl"
    parsed = 0
    for line in articles.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        doc = clean_document(
            RawDoc(source=article["id"], text=article["text"], outlet=article["outlet"]),
            pack.lexicon,
        )
        lone = [
            f for f in doc.flags if parse_dateline(f.text, pack.lexicon.news_agencies) is not None
        ]
        if lone:
            assert doc.dateline is not None
            assert doc.dateline.place
            parsed += 1
    assert standalone >= 3
    assert parsed == standalone


def test_a_pack_without_credit_words_finds_no_credit(pack: DomainPack) -> None:
    bare = pack.lexicon.model_copy(update={"credit_words": ()})
    line = "El ministro dijo que Ereván está dispuesto a abrir la ruta por Syunik."
    assert credit_reason(line, bare) is None
    assert credit_reason("Un avión en la pista. Foto: AFP", bare) is None
