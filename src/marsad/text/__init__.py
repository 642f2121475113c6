"""Reading text as news: cleaning, normalisation, language, sentences, stems.

``make`` compiles the cleaning modules (the Makefile lists them) with mypyc into C
extensions beside their sources, which Python then imports instead of the ``.py`` files.
An extension older than its source would run code that is no longer there, so importing
this package refuses one.
"""

from __future__ import annotations

from pathlib import Path


def refuse_stale_extensions(here: Path = Path(__file__).parent) -> None:
    """Raise ImportError when a compiled module in ``here`` is older than its source."""
    for extension in here.glob("*.so"):
        source = here / f"{extension.name.split('.')[0]}.py"
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime:
            raise ImportError(
                f"{extension} was compiled from an older {source.name}: run `make` to "
                "compile it again, or delete it to run pure Python"
            )


refuse_stale_extensions()
