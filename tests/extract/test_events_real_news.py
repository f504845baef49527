"""Events on real prose (#14): trigger senses, readiness, headings and venues.

Every sentence here is written for its test.
"""

from __future__ import annotations

import pytest

from tests.extract.test_events import events_of
from tregua.model import Event
from tregua.pipeline import Pipeline


def _place(event: Event) -> str | None:
    return event.location.name if event.location else None


def test_contacts_are_talks(pipeline: Pipeline) -> None:
    text = (
        "Los contactos trilaterales entre Rusia, Ucrania y Estados Unidos se celebraron el martes."
    )
    found = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert [(e.status, set(e.countries)) for e in found] == [("occurred", {"RUS", "UKR", "USA"})]


@pytest.mark.parametrize(
    "text",
    [
        "Los combates siguieron el martes en la línea de contacto entre Rusia y Ucrania.",
        "Trump elogió la tregua durante una reunión de su gabinete en la Casa Blanca.",
        "El presidente se reunió el lunes con su gabinete.",
    ],
)
def test_no_talks_between_sides(text: str, pipeline: Pipeline) -> None:
    """The front's line of contact and a government's meeting with its own cabinet."""
    assert not [e for e in events_of(text, pipeline) if e.type == "CONSULT"]


def test_a_heading_in_capitals_reports_nothing(pipeline: Pipeline) -> None:
    text = "Nuevas reuniones se celebraron en Kiev. REUNIÓN PREPARATORIA CON LOS EUROPEOS."
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert len(talks.mentions) == 1 and "EU" not in talks.countries


@pytest.mark.parametrize(
    "text",
    [
        "Putin sigue abierto a contactos con Trump.",
        "El primer ministro está listo para una reunión con Zelenski.",
    ],
)
def test_talks_one_is_open_or_ready_to_are_hypothetical(text: str, pipeline: Pipeline) -> None:
    assert [e.status for e in events_of(text, pipeline) if e.type == "CONSULT"] == ["hypothetical"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a head of government's office is reported in its city (pack ``held_in``)
        (
            "Trump recibió a Zelenski el lunes en el Despacho Oval para una reunión.",
            "Washington, D.C.",
        ),
        # a name restating or completing a noun of place takes its preposition
        (
            "Emiratos acogió las conversaciones entre Rusia y Ucrania en su capital, Abu Dabi.",
            "Abu Dhabi",
        ),
        ("Putin y Trump se reunieron en el estado de Alaska.", "Alaska"),
        # no one venue: a multiword preposition, a list of places
        ("Trump mantuvo una llamada con Putin en relación con Ucrania.", None),
        ("Zelenski mantuvo reuniones con sus aliados en París, Berlín y Londres.", None),
        # a place of another noun's relative clause is that event's
        (
            "Trump y Putin hablaron por teléfono el martes, dos meses después de la cumbre "
            "que celebraron en Alaska.",
            None,
        ),
    ],
)
def test_the_venue_is_the_events_own(text: str, place: str | None, pipeline: Pipeline) -> None:
    found = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert found and _place(found[0]) == place


def test_a_meeting_told_as_the_time_of_another_is_its_own(pipeline: Pipeline) -> None:
    """A meeting in a time adjunct ("tras celebrar un encuentro") is an event of its own,
    held, with its own venue; the talks being organised are planned and elsewhere."""
    text = (
        "El canciller anunció que prepara una cumbre entre Rusia y Ucrania, tras mantener "
        "el martes un encuentro en Ginebra con los negociadores estadounidenses."
    )
    found = {(e.status, _place(e)) for e in events_of(text, pipeline) if e.type == "CONSULT"}
    assert ("occurred", "Geneva") in found
    assert any(status == "planned" for status, _ in found)


def test_the_latter_is_the_last_person_named(pipeline: Pipeline) -> None:
    text = (
        "El presidente francés recibió a Putin y a Zelenski, tras celebrar un encuentro "
        "en Bruselas con este último."
    )
    found = [e for e in events_of(text, pipeline) if e.type == "CONSULT" and _place(e)]
    assert found and "UKR" in found[0].countries


def test_a_recipient_after_a_is_no_venue(pipeline: Pipeline) -> None:
    text = (
        "Zelenski celebró una reunión con Macron mientras Trump insiste en entregar a "
        "Moscú el Donbás."
    )
    found = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert found and _place(found[0]) is None


def test_a_future_the_tagger_misreads_is_a_planned_trigger(pipeline: Pipeline) -> None:
    """ "reuniremos" is lemmatised "reunirar" and tagged present: the regular future is
    read from the form; the war's sides are not the meeting's."""
    text = (
        "Luego Putin y yo nos reuniremos en Budapest para "
        "poner fin a la guerra entre Rusia y Ucrania."
    )
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert (talks.status, _place(talks)) == ("planned", "Budapest")
    assert "UKR" not in talks.countries


def test_a_conditional_the_tagger_misreads_is_hypothetical(pipeline: Pipeline) -> None:
    text = "Trump dijo que firmaríamos un acuerdo con Rusia."
    assert [e.status for e in events_of(text, pipeline) if e.type == "AGREE"] == ["hypothetical"]


def test_the_summit_on_whose_eve_talks_are_held_is_its_own(pipeline: Pipeline) -> None:
    text = "Los ministros se reunieron el lunes en Kiev, en vísperas de la próxima cumbre de Roma."
    found = {(e.status, _place(e)) for e in events_of(text, pipeline) if e.type == "CONSULT"}
    assert found == {("occurred", "Kyiv"), ("planned", "Rome")}


def test_a_country_spoken_from_is_the_venue_not_a_side(pipeline: Pipeline) -> None:
    text = (
        "En una rueda de prensa desde Turquía, Zelenski criticó "
        "a Rusia por no enviar a sus altos cargos."
    )
    (accusation,) = [e for e in events_of(text, pipeline) if e.type == "ACCUSE"]
    assert _place(accusation) == "Turkey" and "TUR" not in accusation.countries


def test_the_subject_of_sede_is_the_venue(pipeline: Pipeline) -> None:
    text = (
        "El papa ofreció que el Vaticano sea la sede de unas negociaciones entre Rusia y Ucrania."
    )
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert _place(talks) == "Vatican City"


def test_what_a_threat_would_impose_is_its_content(pipeline: Pipeline) -> None:
    text = "La amenaza de imponer nuevas sanciones a Rusia llegó el martes."
    assert {e.type for e in events_of(text, pipeline)} == {"THREATEN"}


def test_blocking_assets_is_a_sanction(pipeline: Pipeline) -> None:
    text = "Washington anunció el bloqueo de todos los bienes de las petroleras rusas."
    assert {e.type for e in events_of(text, pipeline)} == {"SANCTION"}


def test_money_paid_back_is_no_return(pipeline: Pipeline) -> None:
    text = "Ucrania devolverá el préstamo cuando Rusia pague las reparaciones."
    assert not [e for e in events_of(text, pipeline) if e.type == "RETREAT"]


def test_an_accusation_naming_one_side_is_aimed_at_the_other_of_the_thread(
    pipeline: Pipeline,
) -> None:
    text = (
        "Rusia y Ucrania se reunieron el lunes en Ginebra. "
        "Al día siguiente, Zelenski criticó la falta de avances."
    )
    (accusation,) = [e for e in events_of(text, pipeline) if e.type == "ACCUSE"]
    assert set(accusation.countries) == {"RUS", "UKR"}


def test_a_relative_clause_on_another_noun_gives_no_status(pipeline: Pipeline) -> None:
    """The parser reads the promised content as a relative clause on "homólogo": the
    promise occurred all the same."""
    text = (
        "Putin ha prometido en conversaciones con su homólogo estadounidense, Donald Trump, "
        "que se reunirá pronto con Zelenski."
    )
    assert [e.status for e in events_of(text, pipeline) if e.type == "AGREE"] == ["occurred"]


def test_one_meeting_ahead_told_in_two_moods_is_one_event(pipeline: Pipeline) -> None:
    text = (
        "Lavrov afirmó que no hay ninguna reunión prevista entre Putin y Zelenski. "
        "Más tarde añadió que una reunión entre Putin y Zelenski podría celebrarse pronto."
    )
    found = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert len(found) == 1 and len(found[0].mentions) == 2


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Trump amenazó con nuevas sanciones si Moscú no acepta una tregua.", "AGREE"),
        ("Kiev firmaría la tregua siempre que Rusia retire sus tropas de la frontera.", "RETREAT"),
        ("El préstamo solo se concedería en caso de que Rusia firme la paz.", "AGREE"),
        (
            "Moscú aceptaría un alto el fuego cuando Kiev devuelva los cuerpos de los soldados.",
            "RETREAT",
        ),
        ("Zelenski se reunirá con Putin una vez que se firme un acuerdo de paz.", "AGREE"),
    ],
)
def test_a_condition_reports_no_event(text: str, absent: str, pipeline: Pipeline) -> None:
    """What a condition tells ("si Moscú acepta", "en cuanto se retiren") is the condition
    of another event, not an event of its own; the other event stays."""
    found = events_of(text, pipeline)
    assert found and absent not in {e.type for e in found}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Cuando Rusia atacó la central, los técnicos se refugiaron en el búnker.", "ASSAULT"),
        (
            "Kiev lo confirmó después de que Moscú anunciara la devolución de mil cuerpos.",
            "RETREAT",
        ),
        ("Los técnicos esperan en Viena hasta que Rusia devolvió a los prisioneros.", "RETREAT"),
        # "si bien" (although) concedes a fact
        ("Si bien Rusia atacó Kiev el lunes, las negociaciones continuaron en Ginebra.", "ASSAULT"),
    ],
)
def test_a_clause_of_time_that_happened_reports_its_event(
    text: str, type_: str, pipeline: Pipeline
) -> None:
    """A past or indicative clause of time tells what happened ("cuando Rusia atacó")."""
    assert type_ in {e.type for e in events_of(text, pipeline)}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Los negociadores discutieron en Ginebra los términos del acuerdo.", "AGREE"),
        ("La UE estudiará nuevas opciones de apoyo financiero para Kiev.", "SUPPORT"),
        ("Las expectativas de un acuerdo para el viernes son bajas.", "AGREE"),
        ("Los prisioneros volvieron a casa en el marco de los acuerdos de Estambul.", "AGREE"),
    ],
)
def test_an_event_named_by_reference_is_no_event(
    text: str, absent: str, pipeline: Pipeline
) -> None:
    """An event noun completing its terms, framework, options or expectations is named,
    not reported."""
    assert absent not in {e.type for e in events_of(text, pipeline)}


def test_a_summit_as_the_occasion_of_an_act_was_held(pipeline: Pipeline) -> None:
    """ "En el marco de la cumbre" names the summit as the occasion: it took place."""
    text = (
        "En el marco de la cumbre de la OTAN en La Haya, Zelenski firmó un acuerdo con "
        "Países Bajos."
    )
    found = {(e.type, e.status) for e in events_of(text, pipeline)}
    assert {("CONSULT", "occurred"), ("AGREE", "occurred")} <= found


def test_the_end_of_a_meeting_still_tells_the_meeting(pipeline: Pipeline) -> None:
    text = "Al término de la reunión del lunes, Rusia y Ucrania anunciaron un canje."
    assert "CONSULT" in {e.type for e in events_of(text, pipeline)}


@pytest.mark.parametrize(
    ("text", "type_", "date"),
    [
        # the date of the agreement the swap was made under is the agreement's
        (
            "Rusia y Ucrania completaron la última fase de un canje de prisioneros, realizado "
            "bajo el acuerdo firmado en Ginebra a mediados de enero.",
            "RETREAT",
            "2026-01-29",
        ),
        (
            "Kiev anunció el canje de los prisioneros capturados por Rusia el 3 de enero.",
            "RETREAT",
            "2026-01-29",
        ),
        # the trigger's own clause and its object's keep theirs
        (
            "Las delegaciones firmaron el acuerdo alcanzado el lunes en Ginebra.",
            "AGREE",
            "2026-01-26",
        ),
        ("La reunión, que se celebró el martes, terminó sin incidentes.", "CONSULT", "2026-01-27"),
    ],
)
def test_a_date_of_a_clause_on_another_noun_is_not_the_events(
    text: str, type_: str, date: str, pipeline: Pipeline
) -> None:
    (event,) = [e for e in events_of(text, pipeline) if e.type == type_]
    assert event.date == date


@pytest.mark.parametrize(
    ("text", "status", "date"),
    [
        # the day of the saying does not date a meeting still ahead
        (
            "Lavrov aseguró el viernes que la reunión entre Putin y Zelenski aún no está "
            "programada.",
            "planned",
            None,
        ),
        ("Peskov dijo el lunes que Putin y Trump se reunirán en Budapest.", "planned", None),
        # one already held was held by then
        (
            "Peskov dijo el lunes que Putin y Trump se reunieron en Budapest.",
            "occurred",
            "2026-01-26",
        ),
    ],
)
def test_the_day_a_meeting_is_told_of(
    text: str, status: str, date: str | None, pipeline: Pipeline
) -> None:
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert (talks.status, talks.date) == (status, date)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("No hubo avances en la reunión de Ginebra entre Rusia y Ucrania.", "occurred"),
        ("En las negociaciones entre Rusia y Ucrania no hay presencia estadounidense.", "occurred"),
        ("No hubo reunión entre Rusia y Ucrania.", "negated"),
    ],
)
def test_what_does_not_exist_at_a_meeting_leaves_the_meeting_held(
    text: str, status: str, pipeline: Pipeline
) -> None:
    """A negated "haber" denies what it names, not the meeting it names it in."""
    (talks,) = [e for e in events_of(text, pipeline) if e.type == "CONSULT"]
    assert talks.status == status


def test_sin_embargo_negates_nothing(pipeline: Pipeline) -> None:
    """ "sin embargo" is "however": the meeting took place, and talks that served to show
    a distance failed no agreement."""
    text = (
        "Sin embargo, las delegaciones se reunieron el lunes en Ginebra. Tres rondas de "
        "negociaciones sirvieron, sin embargo, para mostrar la distancia entre Rusia y Ucrania."
    )
    found = events_of(text, pipeline)
    assert {e.status for e in found if e.type == "CONSULT"} == {"occurred"}
    assert "AGREE" not in {e.type for e in found}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Ucrania y Rusia alcanzaron el lunes un acuerdo en Estambul para llevar a cabo un "
            "gran canje de prisioneros.",
            "RETREAT",
        ),
        ("Rusia y Ucrania acordaron una tregua para evacuar a los civiles de Mariúpol.", "RETREAT"),
        ("Las dos delegaciones lograron un pacto para liberar a los civiles detenidos.", "RETREAT"),
    ],
)
def test_what_an_agreement_is_for_is_the_agreement(
    text: str, absent: str, pipeline: Pipeline
) -> None:
    """An agreement to exchange is an AGREE, not also a swap (ANNOTATION.md)."""
    found = {e.type for e in events_of(text, pipeline)}
    assert "AGREE" in found and absent not in found


def test_a_meeting_for_a_release_stays_an_event(pipeline: Pipeline) -> None:
    text = "Las delegaciones se reunieron en Estambul para negociar la liberación de los presos."
    assert "CONSULT" in {e.type for e in events_of(text, pipeline)}


@pytest.mark.parametrize(
    ("text", "type_", "date"),
    [
        # "desde" bounds, as "hasta" does
        (
            "Rusia y Ucrania firmaron el mayor pacto desde la invasión de febrero de 2022.",
            "AGREE",
            "2026-01-29",
        ),
        (
            "Rusia lanzó el mayor ataque con drones desde el verano de 2024.",
            "ASSAULT",
            "2026-01-29",
        ),
        # the invasion's own date is its own
        ("Kiev recordó la invasión de febrero de 2022.", "ASSAULT", "2022-02-01"),
    ],
)
def test_a_date_after_desde_bounds_the_event(
    text: str, type_: str, date: str, pipeline: Pipeline
) -> None:
    (event,) = [e for e in events_of(text, pipeline) if e.type == type_]
    assert event.date == date


def test_a_meeting_in_alaska_on_the_summits_day_is_held_in_anchorage(pipeline: Pipeline) -> None:
    """The pack's timeline knows where the Alaska summit was held (``venue``); a meeting
    in Alaska on another day stays in Alaska."""
    clean = "Trump y Putin se reunieron el 15 de agosto de 2025 en Alaska."
    other = "Trump y Putin se reunirán el 3 de marzo de 2026 en Alaska."
    (summit,) = [e for e in events_of(clean, pipeline) if e.type == "CONSULT"]
    (later,) = [e for e in events_of(other, pipeline) if e.type == "CONSULT"]
    assert _place(summit) == "Anchorage" and _place(later) == "Alaska"


@pytest.mark.parametrize(
    "text",
    [
        "No ha trascendido si Rusia se compromete con la tregua.",
        "Los periodistas preguntaron si Moscú firmará el acuerdo.",
    ],
)
def test_an_indirect_question_tells_a_possible_event(text: str, pipeline: Pipeline) -> None:
    assert [e.status for e in events_of(text, pipeline) if e.type == "AGREE"] == ["hypothetical"]


@pytest.mark.parametrize(
    ("text", "talks"),
    [
        ("Erdogan recibió al presidente ucraniano en Ankara.", True),
        ("El papa recibió a Zelenski en Castel Gandolfo.", True),
        ("Trump también se comunicó con el presidente ucraniano.", True),
        ("El lunes Zelenski recibió la visita del canciller alemán.", True),
        ("Kiev recibió duras críticas de sus aliados.", False),
        ("Ucrania recibió a trescientos prisioneros liberados.", False),
    ],
)
def test_receiving_a_leader_is_a_meeting(text: str, talks: bool, pipeline: Pipeline) -> None:
    assert ("CONSULT" in {e.type for e in events_of(text, pipeline)}) is talks


def test_the_visits_leaders_agree_to_make_are_planned(pipeline: Pipeline) -> None:
    """ "acordaron realizar visitas" is an agreement and the visits it plans, as
    "acordaron reunirse" is."""
    text = "Putin y Trump acordaron realizar visitas oficiales a sus respectivos países."
    found = {(e.type, e.status) for e in events_of(text, pipeline)}
    assert {("AGREE", "occurred"), ("CONSULT", "planned")} <= found


def test_the_parties_of_an_earlier_call_are_not_the_next_ones(pipeline: Pipeline) -> None:
    """ "Tras su conversación con Putin, Trump se comunicó con Zelenski": the second call
    is Trump's and Zelensky's; Putin was in the first."""
    text = (
        "Trump habló por teléfono con Putin el miércoles. Tras su conversación con Putin, "
        "Trump también se comunicó con el presidente ucraniano, Volodímir Zelenski."
    )
    calls = {tuple(e.countries) for e in events_of(text, pipeline) if e.type == "CONSULT"}
    assert calls == {("RUS", "USA"), ("UKR", "USA")}


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        (
            "El negociador insistió en que Kiev no retirará sus tropas de Donetsk.",
            "REJECT",
            "occurred",
        ),
        (
            "Zelenski reiteró su intención de que Ucrania no ceda territorio a Rusia.",
            "REJECT",
            "occurred",
        ),
        (
            "Umerov afirmó que Ucrania no cederá territorio a cambio de la paz.",
            "REJECT",
            "occurred",
        ),
        # a withdrawal that did not happen is one, negated
        ("Rusia no retiró sus tropas de la frontera en enero.", "RETREAT", "negated"),
    ],
)
def test_a_withdrawal_refused_for_the_future_is_a_refusal(
    text: str, type_: str, status: str, pipeline: Pipeline
) -> None:
    found = [(e.type, e.status) for e in events_of(text, pipeline)]
    assert (type_, status) in found and ("CONCEDE", "negated") not in found


def test_playing_a_threat_down_is_a_refusal(pipeline: Pipeline) -> None:
    text = "El enviado del Kremlin restó importancia a la amenaza de sanciones de Trump."
    assert [e.type for e in events_of(text, pipeline)] == ["REJECT"]


def test_si_bien_is_read_as_one_marker_however_bien_hangs(pipeline: Pipeline) -> None:
    """A parse that hangs "bien" on the verb, not on "si", still reads "si bien"."""
    from spacy.tokens import Doc

    from tregua.language.modality import marker

    words = ["Si", "bien", "Rusia", "atacó", "Kiev", ",", "Ucrania", "negoció", "."]
    heads = [3, 3, 3, 7, 3, 3, 7, 7, 7]
    deps = ["mark", "advmod", "nsubj", "advcl", "obj", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps)
    assert marker(doc[3]) == "si bien"
