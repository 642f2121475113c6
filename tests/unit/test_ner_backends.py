"""NER backends: tokenizer, BIO helpers, a tiny ONNX model, a CRF trained here, HF loading."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from marsad.errors import ConfigError
from marsad.evaluate.ner import read_bio
from marsad.extract.ner_backends import (
    CrfTagger,
    OnnxTokenClassifier,
    _windows,
    bio_to_spans,
    load_backend,
    spans_to_bio,
    tokenize,
    train_crf,
)


def words_of(text: str) -> list[str]:
    return [text[start:end] for start, end in tokenize(text)]


def test_ner_backends_tokenize_words_keep_diacritics_marks_stand_alone() -> None:
    text = "قال مُحَمَّد: «التقى بوتين، في موسكو» 2018 لـ RT."
    assert words_of(text) == [
        *("قال", "مُحَمَّد", ":", "«", "التقى", "بوتين", "،", "في", "موسكو", "»"),
        *("2018", "لـ", "RT", "."),
    ]
    assert all(text[s:e].strip() == text[s:e] for s, e in tokenize(text))


def test_ner_backends_bio_to_spans_reads_bio_iob1_and_drops_other_types() -> None:
    text = "زار فلاديمير بوتين موسكو مع الوفد الروسي ومجلس الأمن"
    tokens = tokenize(text)
    tags = ["O", "B-PERS", "I-PERS", "I-GPE", "O", "B-NORP", "I-NORP", "B-ORG", "I-ORG"]
    spans = bio_to_spans(tokens, tags)
    assert [(text[s:e], kind) for s, e, kind in spans] == [
        ("فلاديمير بوتين", "PER"),
        ("موسكو", "GPE"),  # IOB1: an I- of another type opens an entity
        ("ومجلس الأمن", "ORG"),
    ]
    # malformed tags (AQMAR has a few) read as O
    assert bio_to_spans(tokens[:3], ["IO", "I--ORG", "B-MIS1"]) == []


def test_ner_backends_spans_to_bio_tags_tokens_a_span_touches() -> None:
    text = "وصل بوتين وروسيا اليوم"
    tokens = tokenize(text)
    spans = [(4, 9, "PER"), (11, 16, "GPE")]  # روسيا without its و
    assert spans_to_bio(tokens, spans) == ["O", "B-PER", "B-GPE", "O"]
    assert spans_to_bio(tokens, [(4, 16, "ORG")]) == ["O", "B-ORG", "I-ORG", "O"]
    assert bio_to_spans(tokens, spans_to_bio(tokens, [(4, 9, "PER")])) == [(4, 9, "PER")]


# -- ONNX ---------------------------------------------------------------------------------

LABELS = ["O", "B-PER", "I-PER", "B-GPE", "I-GPE"]
VOCAB_TAGS = {
    "[UNK]": "O",
    "بوتين": "B-PER",
    "putin": "B-PER",
    "موسكو": "B-GPE",
    "سان": "B-GPE",
    "بطرسبورغ": "I-GPE",
}


def write_onnx_model(
    folder: Path, *, with_mask: bool = False, extra_input: str = "", labels_dim: int | str = 5
) -> Path:
    """A one-hot embedding (Gather) times the identity (MatMul): each word gets its tag."""
    vocab = {word: index for index, word in enumerate(VOCAB_TAGS)}
    embedding = np.zeros((len(vocab), len(LABELS)), dtype=np.float32)
    for word, tag in VOCAB_TAGS.items():
        embedding[vocab[word], LABELS.index(tag)] = 5.0
    weights = np.eye(len(LABELS), dtype=np.float32)
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"])]
    for name in ("attention_mask" if with_mask else "", extra_input):
        if name:
            inputs.append(helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "seq"]))
    if isinstance(labels_dim, str):  # weights as an overridable input hide the label count
        inputs.append(
            helper.make_tensor_value_info("weights", TensorProto.FLOAT, [len(LABELS), labels_dim])
        )
    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["embedding", "input_ids"], ["hidden"]),
            helper.make_node("MatMul", ["hidden", "weights"], ["logits"]),
        ],
        "tiny-ner",
        inputs,
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "seq", labels_dim])],
        initializer=[
            numpy_helper.from_array(embedding, "embedding"),
            numpy_helper.from_array(weights, "weights"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    folder.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(folder / "model.onnx"))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(LABELS), encoding="utf-8")
    return folder


@pytest.mark.parametrize("with_mask", [False, True])
def test_ner_backends_onnx_tags_known_words(tmp_path: Path, with_mask: bool) -> None:
    backend = OnnxTokenClassifier(write_onnx_model(tmp_path, with_mask=with_mask))
    assert backend("التقى بوتين في موسكو") == [(6, 11, "PER"), (15, 20, "GPE")]
    assert backend("قال Putin") == [(4, 9, "PER")]  # looked up lower-cased
    assert backend("") == []


def test_ner_backends_onnx_windows_cut_after_a_sentence_end(tmp_path: Path) -> None:
    text = "قال إن بوتين زار موسكو . ثم سان بطرسبورغ"
    tokens = tokenize(text)
    # 8 tokens would cut سان | بطرسبورغ; the window ends after "." instead
    assert list(_windows(text, tokens, 8)) == [(0, 6), (6, 9)]
    assert list(_windows(text, tokens, 3)) == [(0, 3), (3, 6), (6, 9)]
    assert list(_windows(text, tokens, 1)) == [(index, index + 1) for index in range(9)]
    expected = [(7, 12, "PER"), (17, 22, "GPE"), (28, 40, "GPE")]
    assert text[28:40] == "سان بطرسبورغ"
    folder = write_onnx_model(tmp_path)
    for size in (256, 8, 1):  # tags of all windows are decoded together
        assert OnnxTokenClassifier(folder, max_tokens=size)(text) == expected
    with pytest.raises(ConfigError, match="max_tokens must be at least 1"):
        OnnxTokenClassifier(folder, max_tokens=0)


@pytest.mark.parametrize("name", ["model.onnx", "vocab.json", "labels.json"])
def test_ner_backends_onnx_missing_file_names_it(tmp_path: Path, name: str) -> None:
    folder = write_onnx_model(tmp_path / "model")
    (folder / name).unlink()
    pattern = f"{re.escape(str(folder))}.*{re.escape(name)} is missing"
    with pytest.raises(ConfigError, match=pattern):
        OnnxTokenClassifier(folder)


def test_ner_backends_onnx_bad_files_are_config_errors(tmp_path: Path) -> None:
    folder = write_onnx_model(tmp_path)
    (folder / "labels.json").write_text(json.dumps(LABELS[:3]), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"shape .* want \[batch, seq, 3\]"):
        OnnxTokenClassifier(folder)("بوتين")
    write_onnx_model(folder, labels_dim="labels")  # the number of labels shows at run time
    (folder / "labels.json").write_text(json.dumps(LABELS[:3]), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"logits have shape \[1, 1, 5\]; want \[1, 1, 3\]"):
        OnnxTokenClassifier(folder)("بوتين")
    write_onnx_model(folder, extra_input="token_type_ids")
    with pytest.raises(
        ConfigError, match=r"wants inputs marsad does not give: \['token_type_ids'\]"
    ):
        OnnxTokenClassifier(folder)("بوتين")
    write_onnx_model(folder)
    (folder / "vocab.json").write_text('{"[UNK]": 0, "بوتين": 99}', encoding="utf-8")
    with pytest.raises(ConfigError, match="failed to run"):  # id beyond the embedding
        OnnxTokenClassifier(folder)("بوتين")
    (folder / "vocab.json").write_text('{"بوتين": 1}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[UNK\]"):
        OnnxTokenClassifier(folder)
    (folder / "vocab.json").write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"vocab\.json cannot be read"):
        OnnxTokenClassifier(folder)
    write_onnx_model(folder)
    (folder / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ConfigError, match=r"model\.onnx cannot be loaded"):
        OnnxTokenClassifier(folder)("بوتين")


# -- CRF ----------------------------------------------------------------------------------

PERSONS = ["محمد علي", "سامي الخطيب", "ليلى حداد", "عمر", "هدى السعيد", "كريم ناصر"]
PLACES = ["دمشق", "عمان", "القاهرة", "بيروت"]
TEMPLATES = [
    "قال {per} إن الوضع في {loc} مستقر .",
    "زار {per} مدينة {loc} أمس .",
    "أكد الوزير {per} أن {loc} ترحب بالوفد .",
    "وصل {per} إلى {loc} صباح اليوم .",
    "في {loc} ، التقى {per} بالصحفيين .",
    "صرح المتحدث {per} للصحفيين في {loc} .",
]


def bio_lines(template: str, person: str, place: str) -> list[str]:
    lines = []
    for word in template.split():
        if word == "{per}":
            names = person.split()
            lines += [f"{w} {'B' if i == 0 else 'I'}-PERS" for i, w in enumerate(names)]
        elif word == "{loc}":
            lines.append(f"{place} B-GPE")
        else:
            lines.append(f"{word} O")
    return lines


@pytest.fixture(scope="module")
def crf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crf")
    lines = []
    for number, template in enumerate(TEMPLATES):
        for offset in range(len(PERSONS)):
            person = PERSONS[(number + offset) % len(PERSONS)]
            lines += [*bio_lines(template, person, PLACES[offset % len(PLACES)]), ""]
    (folder / "train.bio").write_text("\n".join(lines), encoding="utf-8")
    sentences = read_bio(folder / "train.bio")
    assert len(sentences) == len(TEMPLATES) * len(PERSONS)
    train_crf(sentences, folder / "model" / "ner.crfsuite", max_iterations=50)
    return folder / "model" / "ner.crfsuite"


def test_ner_backends_crf_finds_names_in_new_sentences(crf_model: Path) -> None:
    tagger = CrfTagger(crf_model)
    text = "قال سامي الخطيب إن الوضع في بيروت مستقر ."
    assert [(text[s:e], kind) for s, e, kind in tagger(text)] == [
        ("سامي الخطيب", "PER"),
        ("بيروت", "GPE"),
    ]
    text = "زار ليلى حداد مدينة القاهرة أمس ."  # a pair of name and place not seen together
    assert [(text[s:e], kind) for s, e, kind in tagger(text)] == [
        ("ليلى حداد", "PER"),
        ("القاهرة", "GPE"),
    ]
    assert tagger("") == []


def test_ner_backends_crf_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no sentence"):
        train_crf([("", ())], tmp_path / "empty.crfsuite")
    with pytest.raises(ConfigError, match="no such file"):
        CrfTagger(tmp_path / "missing.crfsuite")
    (tmp_path / "garbage.crfsuite").write_text("not a model", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be read"):
        CrfTagger(tmp_path / "garbage.crfsuite")


# -- Hugging Face -------------------------------------------------------------------------

HF_EXTRA = "transformers is the optional extra: pip install 'marsad[hf]' to run this test"


def test_ner_backends_hf_without_transformers_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)  # makes the import fail
    with pytest.raises(ConfigError, match=r"pip install 'marsad\[hf\]'"):
        load_backend("hf:/nonexistent")


def test_ner_backends_hf_maps_groups_and_loads_local_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    class Auto:
        def __init__(self, name: str) -> None:
            self.name = name

        def from_pretrained(self, path: Path, **kwargs: Any) -> str:
            calls.append((self.name, kwargs))
            return self.name

    def pipeline(task: str, **kwargs: Any) -> Any:
        calls.append((task, kwargs))
        return lambda text: [
            {"entity_group": "LOC", "start": 15, "end": 20, "word": "موسكو"},
            {"entity_group": "PERS", "start": 6, "end": 11, "word": "بوتين"},
            {"entity_group": "MISC", "start": 0, "end": 5, "word": "التقى"},
            {"entity_group": "ORG", "start": 16, "end": 20, "word": "وسكو"},  # overlaps
        ]

    fake = types.ModuleType("transformers")
    fake.AutoTokenizer = Auto("tokenizer")  # type: ignore[attr-defined]
    fake.AutoModelForTokenClassification = Auto("model")  # type: ignore[attr-defined]
    fake.pipeline = pipeline  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "transformers", fake)
    with pytest.raises(ConfigError, match=r"no config\.json"):
        load_backend(f"hf:{tmp_path}")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    backend = load_backend(f"hf:{tmp_path}")
    assert backend("التقى بوتين في موسكو") == [(6, 11, "PER"), (15, 20, "LOC")]
    assert calls == [
        ("tokenizer", {"local_files_only": True}),
        ("model", {"local_files_only": True}),
        (
            "token-classification",
            {"model": "model", "tokenizer": "tokenizer", "aggregation_strategy": "simple"},
        ),
    ]


def test_ner_backends_hf_runs_a_tiny_local_model(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason=HF_EXTRA)
    torch = pytest.importorskip("torch", reason="the hf backend needs torch beside transformers")
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    words = ["التقى", "بوتين", "في", "موسكو"]
    (tmp_path / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]), encoding="utf-8"
    )
    BertTokenizerFast(vocab_file=str(tmp_path / "vocab.txt")).save_pretrained(tmp_path)
    labels = {0: "O", 1: "B-PER", 2: "I-PER"}
    config = BertConfig(
        vocab_size=5 + len(words),
        hidden_size=8,
        num_hidden_layers=1,
        num_attention_heads=1,
        intermediate_size=8,
        id2label=labels,
        label2id={tag: index for index, tag in labels.items()},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.bias.copy_(torch.tensor([0.0, 10.0, 0.0]))  # every word is B-PER
    model.save_pretrained(tmp_path)
    backend = load_backend(f"hf:{tmp_path}")
    assert backend("التقى بوتين في موسكو") == [
        (0, 5, "PER"),
        (6, 11, "PER"),
        (12, 14, "PER"),
        (15, 20, "PER"),
    ]


# -- choosing a backend -------------------------------------------------------------------


def test_ner_backends_load_backend_specs(tmp_path: Path) -> None:
    def default(text: str) -> list[tuple[int, int, str]]:
        return []

    assert load_backend("default", default=default) is default
    assert isinstance(load_backend(f"onnx:{write_onnx_model(tmp_path)}"), OnnxTokenClassifier)
    with pytest.raises(ConfigError, match="no default"):
        load_backend("default")
    for spec in ("spacy:model", "onnx:", "crf", ""):
        with pytest.raises(ConfigError, match="want default, onnx:DIR, hf:DIR or crf:FILE"):
            load_backend(spec)
    with pytest.raises(ConfigError, match="no such file"):
        load_backend(f"crf:{tmp_path / 'missing.crfsuite'}")
