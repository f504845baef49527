"""Language identification: lingua over the languages Spanish news sits beside."""

from __future__ import annotations

import pytest
from lingua import LanguageDetector

from tregua.language.identify import build_detector, identify_language


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return build_detector()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Peskov confirmó que Putin estuvo de acuerdo con la tregua.", "es"),
        ("Putin llegó a Moscú el martes.", "es"),
        ("The talks in Geneva ended without a deal, officials said on Friday.", "en"),
        ("As negociações em Genebra terminaram sem acordo, disseram as autoridades.", "pt"),
        ("Les négociations de Genève se sont terminées sans accord vendredi.", "fr"),
        ("Els negociadors es van reunir dimarts a Ginebra sense cap acord.", "ca"),
        ("Переговоры в Женеве завершились без соглашения.", "ru"),
        ("Переговори в Женеві завершилися без угоди, заявили посадовці.", "uk"),
        ("12345 67890", "und"),
    ],
)
def test_identify_language(text: str, code: str, detector: LanguageDetector) -> None:
    assert identify_language(text, detector) == code
