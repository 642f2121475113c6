"""The SQLite store: one file, WAL journal, versioned schema with migrations, batched writes.

Articles are stored whole as JSON (``Article.to_dict``) beside the columns that
queries need. Failures are stored once per (source, stage, code); seeing the
same failure again updates its count instead of adding a row.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from marsad.errors import StoreError
from marsad.group.duplicates import DuplicatePair, Fingerprint, Paragraph, PassageReuse
from marsad.group.features import EventFeatures
from marsad.model import Article, Event, Failure

# MIGRATIONS[i] takes the schema from version i to version i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        input_format TEXT NOT NULL,
        external_id TEXT,
        content_hash TEXT NOT NULL,
        duplicate_of TEXT,
        url TEXT,
        title TEXT,
        outlet_id TEXT,
        outlet_name TEXT,
        published TEXT,
        language TEXT NOT NULL,
        group_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles (content_hash);
    CREATE INDEX articles_group_key ON articles (group_key);
    CREATE INDEX articles_external_id ON articles (external_id);
    CREATE TABLE failures (
        rowid INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 1,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        UNIQUE (source, stage, code)
    );
    -- Short lines of each article, for finding lines that recur across an outlet.
    CREATE TABLE article_lines (
        article_id TEXT NOT NULL,
        group_key TEXT NOT NULL,
        line_key TEXT NOT NULL,
        PRIMARY KEY (group_key, line_key, article_id)
    ) WITHOUT ROWID;
    -- Lines found to be an outlet's boilerplate and removed from its articles.
    CREATE TABLE recurring_lines (
        group_key TEXT NOT NULL,
        line_key TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (group_key, line_key)
    ) WITHOUT ROWID;
    """,
    # 2: dates, outlets and cited sources (issue 3); payloads of version 1 still load
    """
    ALTER TABLE articles ADD COLUMN event_date TEXT;
    CREATE INDEX articles_event_date ON articles (event_date);
    CREATE INDEX articles_outlet_id ON articles (outlet_id);
    """,
    # 3: near-duplicates, passage reuse and events (issue 5)
    """
    CREATE TABLE group_features (
        article_id TEXT PRIMARY KEY,
        payload TEXT NOT NULL
    ) WITHOUT ROWID;
    -- Blocking keys of event clustering, with the article's day (ordinal) when known.
    CREATE TABLE event_keys (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        day INTEGER,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_keys_article ON event_keys (article_id);
    CREATE TABLE signatures (
        article_id TEXT PRIMARY KEY,
        signature BLOB NOT NULL,
        shingles INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE duplicate_pairs (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX duplicate_pairs_b ON duplicate_pairs (b);
    CREATE TABLE paragraph_hashes (
        key_hash TEXT NOT NULL,
        article_id TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (key_hash, article_id, paragraph)
    ) WITHOUT ROWID;
    CREATE INDEX paragraph_hashes_article ON paragraph_hashes (article_id);
    CREATE TABLE passage_reuse (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX passage_reuse_b ON passage_reuse (b);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE TABLE event_members (
        article_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        component TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX event_members_event ON event_members (event_id);
    CREATE INDEX event_members_component ON event_members (component);
    CREATE TABLE event_aliases (
        alias TEXT PRIMARY KEY,
        event_id TEXT NOT NULL
    ) WITHOUT ROWID;
    -- The user's merges and splits, in order; article ids as JSON arrays.
    CREATE TABLE event_corrections (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        first TEXT NOT NULL,
        second TEXT NOT NULL,
        made_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_CHUNK = 500


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A marsad database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{self.path}: cannot open the database ({error})") from error
        try:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreError(f"{self.path}: cannot open the database ({error})") from error
        except StoreError:
            self.connection.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def _migrate(self) -> None:
        version = int(self.connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than "
                f"this marsad's ({SCHEMA_VERSION})",
                code="SCHEMA_TOO_NEW",
            )
        for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.connection.executescript(
                f"BEGIN; {script}; PRAGMA user_version = {target}; COMMIT;"
            )

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    # -- articles -------------------------------------------------------------

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return {row[0] for row in self._rows_in("SELECT id FROM articles WHERE id IN ({})", ids)}

    def first_by_content_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """For each content hash already stored, the id of the first article with it."""
        first: dict[str, str] = {}
        for content_hash, article_id in self._rows_in(
            "SELECT content_hash, id FROM articles WHERE content_hash IN ({}) ORDER BY rowid",
            hashes,
        ):
            first.setdefault(content_hash, article_id)
        return first

    def add_articles(
        self, articles: Iterable[Article], line_rows: Iterable[tuple[str, str, str]]
    ) -> int:
        """Insert articles (skipping ids already stored) and their short lines in one transaction.

        ``line_rows`` are ``(article id, group key, line key)`` triples.
        """
        stored_at = _now()
        rows = [
            (
                article.id,
                article.source,
                article.input_format,
                article.external_id,
                article.content_hash,
                article.duplicate_of,
                article.url,
                article.title,
                article.outlet.id if article.outlet else None,
                article.outlet.name if article.outlet else None,
                article.published.value if article.published else None,
                article.event_date.value if article.event_date else None,
                article.language,
                article.group_key,
                json.dumps(article.to_dict(), ensure_ascii=False),
                stored_at,
            )
            for article in articles
        ]
        try:
            with self._transaction():
                before = self.connection.total_changes
                self.connection.executemany(
                    "INSERT OR IGNORE INTO articles (id, source, input_format, external_id, "
                    "content_hash, duplicate_of, url, title, outlet_id, outlet_name, published, "
                    "event_date, language, group_key, payload, stored_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                inserted = self.connection.total_changes - before
                self.connection.executemany(
                    "INSERT OR IGNORE INTO article_lines (article_id, group_key, line_key) "
                    "VALUES (?, ?, ?)",
                    line_rows,
                )
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot store articles ({error})") from error
        return inserted

    def replace_articles(self, articles: Iterable[Article]) -> None:
        """Rewrite stored articles in place (same id), e.g. after corpus-level cleaning."""
        rows = [
            (
                json.dumps(article.to_dict(), ensure_ascii=False),
                article.title,
                article.outlet.id if article.outlet else None,
                article.outlet.name if article.outlet else None,
                article.published.value if article.published else None,
                article.event_date.value if article.event_date else None,
                article.id,
            )
            for article in articles
        ]
        with self._transaction():
            self.connection.executemany(
                "UPDATE articles SET payload = ?, title = ?, outlet_id = ?, outlet_name = ?, "
                "published = ?, event_date = ? WHERE id = ?",
                rows,
            )

    def articles(self, *, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Stored articles (all, or those with the given ids) in the order they were stored."""
        if ids is None:
            cursor = self.connection.execute("SELECT payload FROM articles ORDER BY rowid")
            for (payload,) in cursor:
                yield Article.from_dict(json.loads(payload))
            return
        for (payload,) in self._rows_in(
            "SELECT payload FROM articles WHERE id IN ({}) ORDER BY rowid", ids
        ):
            yield Article.from_dict(json.loads(payload))

    def article_ids(self) -> list[str]:
        """Ids of all stored articles, in the order they were stored."""
        return [row[0] for row in self.connection.execute("SELECT id FROM articles ORDER BY rowid")]

    def find_article(self, reference: str) -> Article | None:
        """An article by id, unique id prefix, or external id (e.g. a TREC DOCNO)."""
        rows = self.connection.execute(
            "SELECT payload FROM articles WHERE id = ? OR external_id = ? "
            "UNION ALL SELECT payload FROM articles WHERE substr(id, 1, length(?)) = ? LIMIT 2",
            (reference, reference, reference, reference),
        ).fetchall()
        unique = {payload for (payload,) in rows}
        if len(unique) != 1:
            return None
        return Article.from_dict(json.loads(unique.pop()))

    def resolve_articles(self, references: Sequence[str]) -> dict[str, str]:
        """Reference (article id or external id such as a DOCNO) → article id, for those found."""
        found: dict[str, str] = {}
        for article_id, external_id in self._rows_in(
            "SELECT id, external_id FROM articles WHERE id IN ({0}) OR external_id IN ({0})",
            references,
            repeat=2,
        ):
            found[article_id] = article_id
            if external_id:
                found.setdefault(external_id, article_id)
        wanted = set(references)
        return {
            reference: article_id for reference, article_id in found.items() if reference in wanted
        }

    def count_articles(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- failures -------------------------------------------------------------

    def add_failures(self, failures: Iterable[Failure]) -> None:
        now = _now()
        rows = [(f.source, f.stage, f.code, f.message, now, now) for f in failures]
        with self._transaction():
            self.connection.executemany(
                "INSERT INTO failures (source, stage, code, message, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, stage, code) DO UPDATE SET "
                "seen = seen + 1, message = excluded.message, last_seen = excluded.last_seen",
                rows,
            )

    def failures(self) -> list[tuple[Failure, int, str]]:
        """Every stored failure with how often it was seen and when last."""
        rows = self.connection.execute(
            "SELECT source, stage, code, message, seen, last_seen FROM failures ORDER BY rowid"
        )
        return [(Failure(*row[:4]), int(row[4]), str(row[5])) for row in rows]

    # -- recurring lines ------------------------------------------------------

    def group_sizes(self, group_keys: Iterable[str]) -> dict[str, int]:
        rows = self._rows_in(
            "SELECT group_key, COUNT(*) FROM articles WHERE group_key IN ({}) GROUP BY group_key",
            sorted(set(group_keys)),
        )
        return {key: int(count) for key, count in rows}

    def frequent_lines(self, group_key: str, min_articles: int) -> dict[str, int]:
        rows = self.connection.execute(
            "SELECT line_key, COUNT(*) FROM article_lines WHERE group_key = ? "
            "GROUP BY line_key HAVING COUNT(*) >= ?",
            (group_key, min_articles),
        )
        return {key: int(count) for key, count in rows}

    def recurring_lines(self, group_key: str) -> frozenset[str]:
        rows = self.connection.execute(
            "SELECT line_key FROM recurring_lines WHERE group_key = ?", (group_key,)
        )
        return frozenset(row[0] for row in rows)

    def add_recurring_lines(self, group_key: str, lines: dict[str, int]) -> None:
        with self._transaction():
            self.connection.executemany(
                "INSERT OR REPLACE INTO recurring_lines (group_key, line_key, articles) "
                "VALUES (?, ?, ?)",
                [(group_key, key, count) for key, count in lines.items()],
            )

    def articles_with_lines(self, group_key: str, line_keys: Iterable[str]) -> list[str]:
        rows = self._rows_in(
            "SELECT article_id FROM article_lines WHERE group_key = ? AND line_key IN ({})",
            sorted(line_keys),
            before=(group_key,),
        )
        return sorted({row[0] for row in rows})

    # -- grouping: features, signatures, duplicates, passage reuse -------------

    def save_group_index(
        self,
        features: Sequence[EventFeatures],
        keys: Iterable[tuple[str, str, int | None]],
        fingerprints: Sequence[Fingerprint],
        paragraphs: Sequence[Paragraph],
    ) -> None:
        """Replace what grouping keeps of these articles (features, blocking keys
        ``(key, article id, day)``, MinHash fingerprints, paragraph hashes)."""
        ids = sorted({item.article_id for item in features})
        with self._transaction():
            for table in ("group_features", "event_keys", "signatures", "paragraph_hashes"):
                self._execute_in(f"DELETE FROM {table} WHERE article_id IN ({{}})", ids)
            self.connection.executemany(
                "INSERT INTO group_features (article_id, payload) VALUES (?, ?)",
                [
                    (item.article_id, json.dumps(item.to_dict(), ensure_ascii=False))
                    for item in features
                ],
            )
            self.connection.executemany(
                "INSERT OR IGNORE INTO event_keys (key, article_id, day) VALUES (?, ?, ?)", keys
            )
            self.connection.executemany(
                "INSERT INTO signatures (article_id, signature, shingles) VALUES (?, ?, ?)",
                [(f.article_id, f.signature.tobytes(), f.shingles) for f in fingerprints],
            )
            self.connection.executemany(
                "INSERT OR IGNORE INTO paragraph_hashes (key_hash, article_id, paragraph) "
                "VALUES (?, ?, ?)",
                [(p.key_hash, p.article_id, p.index) for p in paragraphs],
            )

    def group_features(self, ids: Sequence[str] | None = None) -> list[EventFeatures]:
        """Stored clustering features (of all articles, or of the given ids)."""
        if ids is None:
            rows = list(self.connection.execute("SELECT payload FROM group_features"))
        else:
            rows = self._rows_in("SELECT payload FROM group_features WHERE article_id IN ({})", ids)
        return [EventFeatures.from_dict(json.loads(payload)) for (payload,) in rows]

    def keyed_neighbours(self, key_days: Iterable[tuple[str, int | None]], window: int) -> set[str]:
        """Articles holding a blocking key within ``window`` days of the given day
        (any day when the day or the article's day is unknown)."""
        found: set[str] = set()
        for key, day in key_days:
            if day is None:
                rows = self.connection.execute(
                    "SELECT article_id FROM event_keys WHERE key = ?", (key,)
                )
            else:
                rows = self.connection.execute(
                    "SELECT article_id FROM event_keys WHERE key = ? "
                    "AND (day IS NULL OR day BETWEEN ? AND ?)",
                    (key, day - window, day + window),
                )
            found.update(row[0] for row in rows)
        return found

    def fingerprints(self) -> list[Fingerprint]:
        rows = self.connection.execute("SELECT article_id, signature, shingles FROM signatures")
        return [
            Fingerprint(article_id, np.frombuffer(blob, dtype=np.uint32), int(shingles))
            for article_id, blob, shingles in rows
        ]

    def save_duplicate_pairs(self, pairs: Iterable[DuplicatePair]) -> None:
        with self._transaction():
            self.connection.executemany(
                "INSERT OR REPLACE INTO duplicate_pairs (a, b, similarity) VALUES (?, ?, ?)",
                [(pair.a, pair.b, pair.similarity) for pair in pairs],
            )

    def duplicate_pairs(self, ids: Sequence[str] | None = None) -> list[DuplicatePair]:
        """Stored near-duplicate pairs (all, or those with both articles among ``ids``)."""
        rows = list(self.connection.execute("SELECT a, b, similarity FROM duplicate_pairs"))
        pairs = [DuplicatePair(a, b, float(similarity)) for a, b, similarity in rows]
        if ids is None:
            return pairs
        wanted = set(ids)
        return [pair for pair in pairs if pair.a in wanted and pair.b in wanted]

    def paragraphs_sharing(self, ids: Sequence[str]) -> list[Paragraph]:
        """Every stored paragraph whose hash some paragraph of the given articles has."""
        rows = self._rows_in(
            "SELECT key_hash, article_id, paragraph FROM paragraph_hashes WHERE key_hash IN "
            "(SELECT key_hash FROM paragraph_hashes WHERE article_id IN ({}))",
            ids,
        )
        return sorted({Paragraph(article_id, int(index), key) for key, article_id, index in rows})

    def save_passage_reuse(self, reuses: Iterable[PassageReuse]) -> None:
        with self._transaction():
            self.connection.executemany(
                "INSERT OR REPLACE INTO passage_reuse (a, b, payload) VALUES (?, ?, ?)",
                [(r.a, r.b, json.dumps(r.to_dict(), ensure_ascii=False)) for r in reuses],
            )

    def passage_reuse(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Stored passage reuse involving any of the given articles."""
        rows = self._rows_in(
            "SELECT payload FROM passage_reuse WHERE a IN ({0}) UNION "
            "SELECT payload FROM passage_reuse WHERE b IN ({0})",
            ids,
            repeat=2,
        )
        return sorted((json.loads(payload) for (payload,) in rows), key=lambda r: (r["a"], r["b"]))

    # -- events -----------------------------------------------------------------

    def components_of(self, ids: Sequence[str]) -> list[str]:
        """Every article in the clustering components of the given articles."""
        rows = self._rows_in(
            "SELECT article_id FROM event_members WHERE component IN "
            "(SELECT component FROM event_members WHERE article_id IN ({}))",
            ids,
        )
        return sorted({row[0] for row in rows})

    def memberships(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """Article id → event id (all, or of the given articles)."""
        if ids is None:
            rows = list(self.connection.execute("SELECT article_id, event_id FROM event_members"))
        else:
            rows = self._rows_in(
                "SELECT article_id, event_id FROM event_members WHERE article_id IN ({})", ids
            )
        return {article_id: event_id for article_id, event_id in rows}

    def event_ages(self) -> dict[str, int]:
        """Event id → creation order, for every id ever given (aliases keep theirs)."""
        return {
            row[0]: int(row[1]) for row in self.connection.execute("SELECT id, seq FROM events")
        }

    def taken_event_ids(self) -> set[str]:
        rows = self.connection.execute(
            "SELECT id FROM events UNION SELECT alias FROM event_aliases"
        )
        return {row[0] for row in rows}

    def save_events(
        self,
        events: Sequence[Event],
        members: Sequence[tuple[str, str, str]],
        aliases: Mapping[str, str],
        *,
        replace_articles: Sequence[str],
    ) -> None:
        """Replace the memberships of ``replace_articles`` by ``members`` (article id, event id,
        component), store the event records, retire aliased ids, drop emptied events."""
        with self._transaction():
            self._execute_in("DELETE FROM event_members WHERE article_id IN ({})", replace_articles)
            self.connection.executemany(
                "INSERT INTO event_members (article_id, event_id, component) VALUES (?, ?, ?)",
                members,
            )
            next_seq = self.connection.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM events"
            ).fetchone()[0]
            for offset, event in enumerate(events):
                payload = json.dumps(event.to_dict(), ensure_ascii=False)
                self.connection.execute(
                    "INSERT INTO events (id, seq, payload) VALUES (?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload",
                    (event.id, next_seq + offset, payload),
                )
            for alias, target in aliases.items():
                self.connection.execute(
                    "INSERT OR REPLACE INTO event_aliases (alias, event_id) VALUES (?, ?)",
                    (alias, target),
                )
                self.connection.execute(
                    "UPDATE event_aliases SET event_id = ? WHERE event_id = ?", (target, alias)
                )
            self.connection.execute(
                "DELETE FROM events WHERE id NOT IN (SELECT DISTINCT event_id FROM event_members)"
            )

    def events(self) -> list[Event]:
        """Every event, with its aliases, oldest first."""
        aliases: dict[str, list[str]] = {}
        for alias, event_id in self.connection.execute("SELECT alias, event_id FROM event_aliases"):
            aliases.setdefault(event_id, []).append(alias)
        found = []
        for event_id, payload in self.connection.execute(
            "SELECT id, payload FROM events ORDER BY seq"
        ):
            event = Event.from_dict(json.loads(payload))
            found.append(
                dataclasses.replace(event, aliases=tuple(sorted(aliases.get(event_id, ()))))
            )
        return found

    def resolve_event(self, reference: str) -> str | None:
        """An event id from an id, an alias, or a unique id prefix."""
        row = self.connection.execute(
            "SELECT event_id FROM event_aliases WHERE alias = ?", (reference,)
        ).fetchone()
        if row:
            return str(row[0])
        rows = self.connection.execute(
            "SELECT id FROM events WHERE substr(id, 1, length(?)) = ? LIMIT 2",
            (reference, reference),
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def add_correction(self, kind: str, first: Sequence[str], second: Sequence[str]) -> None:
        with self._transaction():
            self.connection.execute(
                "INSERT INTO event_corrections (kind, first, second, made_at) VALUES (?, ?, ?, ?)",
                (kind, json.dumps(sorted(first)), json.dumps(sorted(second)), _now()),
            )

    def corrections(self) -> list[tuple[str, frozenset[str], frozenset[str]]]:
        rows = self.connection.execute(
            "SELECT kind, first, second FROM event_corrections ORDER BY seq"
        )
        return [
            (kind, frozenset(json.loads(first)), frozenset(json.loads(second)))
            for kind, first, second in rows
        ]

    # -- helpers --------------------------------------------------------------

    def _execute_in(self, statement: str, values: Sequence[str]) -> None:
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            self.connection.execute(statement.format(",".join("?" * len(chunk))), chunk)

    def _rows_in(
        self,
        query: str,
        values: Sequence[str],
        *,
        before: tuple[str, ...] = (),
        repeat: int = 1,
    ) -> list[tuple[Any, ...]]:
        """Rows of ``query``, whose ``IN ({})`` (``{0}`` ``repeat`` times) takes ``values``
        in chunks SQLite accepts."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(values), _CHUNK):
            chunk = tuple(values[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows.extend(self.connection.execute(query.format(marks), (*before, *chunk * repeat)))
        return rows

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection)


class _Transaction:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.connection.execute("ROLLBACK" if kind else "COMMIT")
