"""Pluggable named-entity backends: a CRF marsad trains itself, or a model the user brings.

A backend is any callable ``(text) -> [(start, end, type), ...]`` returning half-open
character offsets into ``text``, sorted and non-overlapping, with a type among PER, ORG,
GPE and LOC. The gazetteer-and-rules extractor is the default; the backends here let users
compare it with, or replace it by, a statistical model:

* ``onnx:DIR`` — a token classifier exported to ONNX (``model.onnx``, ``vocab.json``,
  ``labels.json``), run with onnxruntime on the CPU;
* ``hf:DIR`` — a Hugging Face token-classification model in a local folder (the optional
  extra ``marsad[hf]``);
* ``crf:FILE`` — a CRF trained by ``train_crf`` on BIO corpora (python-crfsuite).

Models are read from local paths only: nothing is ever downloaded. Token-level backends
share one tokenizer (``tokenize``) so that training, tagging and scoring cut text alike.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from marsad.errors import ConfigError
from marsad.text.normalize import DIACRITICS, normalize

NerSpan = tuple[int, int, str]
"""An entity: (start, end, type), half-open character offsets, type PER, ORG, GPE or LOC."""
NerBackend = Callable[[str], list[NerSpan]]
Token = tuple[int, int]
"""A token: half-open character offsets."""

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC")
# Type names of corpora and models → marsad's types; every other type (MISC, AQMAR's MIS0-3,
# Wojood's NORP, OCC, FAC, EVENT, DATE…) is dropped: marsad extracts these four only.
_TYPES = {"PER": "PER", "PERS": "PER", "PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}

# A word is a run of letters, digits and the diacritics inside them (Python's \w leaves
# combining marks out, which would cut مُحَمَّد into pieces); each other mark stands alone.
_TOKEN = re.compile(rf"[\w{DIACRITICS}]+|[^\w\s{DIACRITICS}]")
_SENTENCE_END = frozenset(".!?؟؛")


def map_entity_type(name: str) -> str | None:
    """marsad's type for a corpus or model type name (``PERS`` → ``PER``), or None to drop."""
    return _TYPES.get(name.upper())


def tokenize(text: str) -> list[Token]:
    """Offsets of the words and of each punctuation mark of ``text``."""
    return [match.span() for match in _TOKEN.finditer(text)]


def _read_tag(tag: str) -> tuple[str, str | None]:
    """(``B``/``I``/``O``, type) of a BIO tag; malformed tags and dropped types read as O."""
    prefix, _, name = tag.partition("-")
    kind = map_entity_type(name)
    if prefix not in ("B", "I") or kind is None:
        return "O", None
    return prefix, kind


def bio_to_spans(tokens: Sequence[Token], tags: Sequence[str]) -> list[NerSpan]:
    """Character spans of BIO (IOB2) or IOB1 tags: an ``I-`` after another type opens one."""
    spans: list[NerSpan] = []
    start = end = 0
    current: str | None = None
    for (token_start, token_end), tag in zip(tokens, tags, strict=True):
        prefix, kind = _read_tag(tag)
        if prefix == "I" and kind == current:
            end = token_end
            continue
        if current is not None:
            spans.append((start, end, current))
        current, start, end = kind, token_start, token_end
    if current is not None:
        spans.append((start, end, current))
    return spans


def spans_to_bio(tokens: Sequence[Token], spans: Iterable[NerSpan]) -> list[str]:
    """BIO tags of tokens; a token that a span touches belongs to it.

    Touching rather than containing, so that a span that leaves a clitic out (``روسيا`` in
    ``وروسيا``) still tags its word.
    """
    ordered = sorted(spans)
    tags: list[str] = []
    index, previous = 0, -1
    for start, end in tokens:
        while index < len(ordered) and ordered[index][1] <= start:
            index += 1
        if index < len(ordered) and ordered[index][0] < end:
            tags.append(("I-" if index == previous else "B-") + ordered[index][2])
            previous = index
        else:
            tags.append("O")
            previous = -1
    return tags


def _without_overlaps(spans: Iterable[NerSpan]) -> list[NerSpan]:
    """Sorted spans, each overlapping an earlier one dropped: the backend contract."""
    kept: list[NerSpan] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _windows(text: str, tokens: Sequence[Token], size: int) -> Iterator[tuple[int, int]]:
    """Token ranges of at most ``size``, cut after a sentence end where one is near the limit."""
    start = 0
    while start < len(tokens):
        end = min(start + size, len(tokens))
        if end < len(tokens):
            end = next(
                (
                    index + 1
                    for index in range(end - 1, start + size // 2, -1)
                    if text[tokens[index][0] : tokens[index][1]] in _SENTENCE_END
                ),
                end,
            )
        yield start, end
        start = end


# -- ONNX ---------------------------------------------------------------------------------


class OnnxTokenClassifier:
    """A token classifier exported to ONNX, run by onnxruntime on the CPU.

    The directory holds ``model.onnx`` (input ``input_ids`` int64 [batch, seq], optionally
    ``attention_mask``; first output logits [batch, seq, labels]), ``vocab.json`` (token →
    id, looked up lower-cased, with ``[UNK]``) and ``labels.json`` (BIO tags by index).
    One token of ``tokenize`` is one input id, so the model must be trained on the same cut.
    The session is created on first use: loading a backend stays cheap.
    """

    def __init__(self, directory: str | Path, *, max_tokens: int = 256) -> None:
        self.directory = Path(directory)
        if max_tokens < 1:
            raise self._error(f"max_tokens must be at least 1, not {max_tokens}")
        self.max_tokens = max_tokens
        if not (self.directory / "model.onnx").is_file():
            raise self._error("model.onnx is missing")
        vocab = self._read_json("vocab.json")
        if not isinstance(vocab, dict) or not all(isinstance(v, int) for v in vocab.values()):
            raise self._error("vocab.json must map tokens to integer ids")
        if "[UNK]" not in vocab:
            raise self._error("vocab.json has no [UNK] entry")
        labels = self._read_json("labels.json")
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(t, str) for t in labels)
        ):
            raise self._error("labels.json must be a non-empty list of tag names")
        self._vocab: dict[str, int] = vocab
        self._unknown: int = vocab["[UNK]"]
        self._labels: list[str] = labels
        self._session: Any = None
        self._output = ""
        self._feeds_mask = False

    def _error(self, problem: str) -> ConfigError:
        return ConfigError(f"ONNX model {self.directory}: {problem}")

    def _read_json(self, name: str) -> Any:
        path = self.directory / name
        if not path.is_file():
            raise self._error(f"{name} is missing")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise self._error(f"{name} cannot be read: {error}") from error

    def _start(self) -> Any:
        """Create the session and check its inputs and outputs against the label list."""
        import onnxruntime  # loaded only when a model is used

        try:
            session = onnxruntime.InferenceSession(
                str(self.directory / "model.onnx"), providers=["CPUExecutionProvider"]
            )
        # onnxruntime's errors (InvalidProtobuf, InvalidGraph, Fail…) subclass Exception only
        except Exception as error:
            raise self._error(f"model.onnx cannot be loaded: {error}") from error
        inputs = {item.name for item in session.get_inputs()}
        if "input_ids" not in inputs:
            raise self._error(f"model.onnx has no input_ids input (it has {sorted(inputs)})")
        if inputs - {"input_ids", "attention_mask"}:
            extra = sorted(inputs - {"input_ids", "attention_mask"})
            raise self._error(f"model.onnx wants inputs marsad does not give: {extra}")
        output = session.get_outputs()[0]
        shape = output.shape
        if len(shape) != 3 or (isinstance(shape[2], int) and shape[2] != len(self._labels)):
            raise self._error(
                f"output {output.name} has shape {shape}; want [batch, seq, {len(self._labels)}]"
            )
        self._output, self._feeds_mask = output.name, "attention_mask" in inputs
        self._session = session
        return session

    def _tags(self, ids: list[int]) -> list[str]:
        session = self._start() if self._session is None else self._session
        batch = np.array([ids], dtype=np.int64)
        feeds = {"input_ids": batch}
        if self._feeds_mask:
            feeds["attention_mask"] = np.ones_like(batch)
        try:
            (logits,) = session.run([self._output], feeds)
        except Exception as error:  # onnxruntime's InvalidArgument, Fail… (see _start)
            raise self._error(f"model.onnx failed to run: {error}") from error
        if logits.shape != (1, len(ids), len(self._labels)):
            raise self._error(
                f"logits have shape {list(logits.shape)}; want [1, {len(ids)}, {len(self._labels)}]"
            )
        return [self._labels[index] for index in np.argmax(logits[0], axis=-1).tolist()]

    def __call__(self, text: str) -> list[NerSpan]:
        tokens = tokenize(text)
        ids = [self._vocab.get(text[s:e].lower(), self._unknown) for s, e in tokens]
        tags: list[str] = []
        for start, end in _windows(text, tokens, self.max_tokens):
            tags.extend(self._tags(ids[start:end]))
        return bio_to_spans(tokens, tags)


# -- Hugging Face -------------------------------------------------------------------------


class HfTokenClassifier:
    """A Hugging Face token-classification model from a local folder (``marsad[hf]``).

    Loaded with ``local_files_only=True``: a hub name is never resolved, nothing is fetched.
    transformers is imported here and not at module level, since it is an optional extra and
    slow to import; the pipeline itself is built on first use.
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        try:
            self._transformers = importlib.import_module("transformers")
        except ImportError as error:
            raise ConfigError(
                f"Hugging Face model {self.directory}: the hf backend needs transformers: "
                "pip install 'marsad[hf]'"
            ) from error
        if not (self.directory / "config.json").is_file():
            raise ConfigError(
                f"Hugging Face model {self.directory}: not a model folder (no config.json); "
                "give a local path, hub names are never downloaded"
            )
        self._pipeline: Any = None

    def _start(self) -> Any:
        transformers = self._transformers
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(
                self.directory, local_files_only=True
            )
            model = transformers.AutoModelForTokenClassification.from_pretrained(
                self.directory, local_files_only=True
            )
        except (OSError, ValueError) as error:
            raise ConfigError(
                f"Hugging Face model {self.directory}: cannot be loaded: {error}"
            ) from error
        self._pipeline = transformers.pipeline(
            "token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="simple"
        )
        return self._pipeline

    def __call__(self, text: str) -> list[NerSpan]:
        classify = self._start() if self._pipeline is None else self._pipeline
        spans: list[NerSpan] = []
        for entity in classify(text):
            kind = map_entity_type(str(entity.get("entity_group", "")))
            if kind is not None and entity.get("start") is not None:
                spans.append((int(entity["start"]), int(entity["end"]), kind))
        return _without_overlaps(spans)


# -- CRF ----------------------------------------------------------------------------------

_CLITIC = re.compile("^(?:لل|ال|[وفبلك])")  # longest first: لل before ل
_LEADING = re.compile("^[وبلف]?(?:ال)?")
_LATIN = re.compile("[A-Za-z]")


def _word_features(token: str) -> tuple[list[str], str]:
    """The few features a word also lends to its neighbours, and its normalised form."""
    norm = normalize(token)
    stripped = _LEADING.sub("", norm)
    if len(stripped) < 2:  # a short word is not clitics plus a stem
        stripped = norm
    features = [f"n={norm}", f"st={stripped}"]
    if token.isdigit():
        features.append("digit")
    if _LATIN.search(token):
        features.append("latin")
    if not any(char.isalnum() for char in token):
        features.append("punct")
    return features, norm


def token_features(words: Sequence[str]) -> list[list[str]]:
    """CRF features of each word of a sentence, hand-written for Arabic news.

    The word, its normalised form, prefixes and suffixes of 1-3 letters of that form, the
    leading clitic it may carry (و ف ب ل ك ال لل), the form without a leading و/ب/ل/ف and ال,
    whether it is a number, Latin or punctuation; the normalised and stripped forms and
    the flags of the words ±1 and ±2; sentence start and end.
    """
    shared = [_word_features(word) for word in words]
    rows: list[list[str]] = []
    for index, word in enumerate(words):
        own, norm = shared[index]
        clitic = _CLITIC.match(norm)
        row = ["bias", f"w={word}", *own, f"cl={clitic.group() if clitic else ''}"]
        for size in (1, 2, 3):
            if len(norm) >= size:
                row += [f"p{size}={norm[:size]}", f"s{size}={norm[-size:]}"]
        for offset in (-2, -1, 1, 2):
            if 0 <= index + offset < len(words):
                row += [f"{offset}:{feature}" for feature in shared[index + offset][0]]
        if index == 0:
            row.append("BOS")
        if index == len(words) - 1:
            row.append("EOS")
        rows.append(row)
    return rows


def train_crf(
    sentences: Iterable[tuple[str, Sequence[NerSpan]]],
    model_path: str | Path,
    *,
    c1: float = 0.1,
    c2: float = 0.05,
    max_iterations: int = 100,
) -> None:
    """Train a CRF on (text, spans) sentences and write it to ``model_path``.

    Sentences are re-cut with ``tokenize`` and tagged with ``spans_to_bio``, so the model
    sees at training time exactly the tokens ``CrfTagger`` gives it on new text.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for text, spans in sentences:
        tokens = tokenize(text)
        if tokens:
            words = [text[start:end] for start, end in tokens]
            trainer.append(token_features(words), spans_to_bio(tokens, spans))
            count += 1
    if not count:
        raise ValueError("no sentence with words to train the CRF on")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    path = Path(model_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


class CrfTagger:
    """A CRF trained by ``train_crf``, used as a backend."""

    def __init__(self, model_path: str | Path) -> None:
        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise ConfigError(f"CRF model {self.model_path}: no such file")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.model_path))
        except (OSError, ValueError) as error:
            raise ConfigError(f"CRF model {self.model_path}: cannot be read: {error}") from error

    def __call__(self, text: str) -> list[NerSpan]:
        tokens = tokenize(text)
        if not tokens:
            return []
        tags: list[str] = self._tagger.tag(token_features([text[s:e] for s, e in tokens]))
        return bio_to_spans(tokens, tags)


# -- choosing a backend -------------------------------------------------------------------

_LOADERS: dict[str, Callable[[Path], NerBackend]] = {
    "onnx": OnnxTokenClassifier,
    "hf": HfTokenClassifier,
    "crf": CrfTagger,
}


def load_backend(spec: str, *, default: NerBackend | None = None) -> NerBackend:
    """The backend a spec names: ``default``, ``onnx:DIR``, ``hf:DIR`` or ``crf:FILE``.

    ``default`` is the gazetteer-and-rules extractor; the caller passes it in, so that
    this module does not depend on it (it depends on this one).
    """
    if spec == "default":
        if default is None:
            raise ConfigError("NER backend 'default': no default extractor was given")
        return default
    kind, _, location = spec.partition(":")
    loader = _LOADERS.get(kind)
    if loader is None or not location:
        raise ConfigError(
            f"unknown NER backend {spec!r}: want default, onnx:DIR, hf:DIR or crf:FILE"
        )
    return loader(Path(location))
