"""Errors marsad raises, each with a code users can search for.

``MarsadError``
    ``InputError`` (stage ``read``/``decode``/``parse``): an input could not be used.
        ``INPUT_NOT_FOUND``     the path does not exist
        ``UNREADABLE``          the file exists but cannot be read (permissions, I/O error)
        ``INPUT_TOO_LARGE``     the input is over ``max_input_bytes`` (config)
        ``EMPTY_INPUT``         the input has no bytes, or only whitespace
        ``BINARY_INPUT``        the bytes are not text (NUL bytes, control characters)
        ``UNDECODABLE``         no supported encoding decodes the bytes into plausible text
        ``BAD_ARCHIVE``         a gzip/tar/WARC archive is truncated or corrupt
        ``NO_MAIN_TEXT``        an HTML page has no extractable main text
        ``EMPTY_FEED``          an RSS/Atom feed has no entries
        ``BAD_FEED``            a feed is not well-formed enough to read
        ``BAD_RECORD``          a JSONL line or TREC ``<DOC>`` lacks its text or is malformed
        ``EMPTY_TEXT``          after cleaning, nothing of the article body is left
        ``NO_SUCH_EVENT``       an event id (or alias, or prefix) names no stored event
        ``NOT_IN_EVENT``        ``event split`` names an article outside the event
        ``SPLIT_ALL``           ``event split`` would move every article of the event
        ``USAGE``               ``event merge``/``split`` without enough ids
    ``ConfigError``  ``BAD_CONFIG``: a setting has the wrong name or type
    ``StageError``   ``STAGE_FAILED``: a processing stage raised on a document
    ``StoreError``   ``STORE_ERROR``, ``SCHEMA_TOO_NEW``: the database cannot be used

A document that fails never stops a batch: it becomes a ``Failure`` record with
its source, stage, code and message.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every marsad error; ``code`` is stable and documented above."""

    code = "MARSAD_ERROR"
    stage = "read"

    def __init__(self, message: str, *, code: str | None = None, stage: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        if stage is not None:
            self.stage = stage

    @property
    def message(self) -> str:
        return str(self)


class InputError(MarsadError):
    """An input, or one record of it, that cannot be used; names the input and the reason."""

    code = "BAD_INPUT"
    stage = "read"

    def __init__(self, source: str, reason: str, *, code: str, stage: str = "read"):
        super().__init__(f"{source}: {reason}", code=code, stage=stage)
        self.source = source
        self.reason = reason


class ConfigError(MarsadError):
    code = "BAD_CONFIG"
    stage = "config"


class StageError(MarsadError):
    code = "STAGE_FAILED"
    stage = "clean"


class StoreError(MarsadError):
    code = "STORE_ERROR"
    stage = "store"
