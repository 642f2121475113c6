from __future__ import annotations

import pytest

from marsad.text.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.", "ar"),
        ("The foreign minister said talks would resume next week in the capital.", "en"),
        ("Le ministre a déclaré que les discussions reprendraient la semaine prochaine.", "other"),
        ("این یک گزارش کوتاه درباره گفتگوهای دیپلماتیک است که دیروز برگزار شد.", "other"),
        ("قال الوزير إن the talks will resume next week في العاصمة مع الوفد الأمريكي", "mixed"),
        ("12345 ... !!!", "other"),
    ],
)
def test_language_identification(text: str, expected: str) -> None:
    assert detect_language(text) == expected
