"""The SQLite store: one file, WAL journal, versioned schema with migrations, batched writes.

Articles are stored whole as JSON (``Article.to_dict``) beside the columns that
queries need. Failures are stored once per (source, stage, code); seeing the
same failure again updates its count instead of adding a row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from marsad.errors import StoreError
from marsad.model import Article, Failure

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

    # -- helpers --------------------------------------------------------------

    def _rows_in(
        self, query: str, values: Sequence[str], *, before: tuple[str, ...] = ()
    ) -> list[tuple[Any, ...]]:
        """Rows of ``query``, whose ``IN ({})`` takes ``values`` in chunks SQLite accepts."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows.extend(self.connection.execute(query.format(marks), (*before, *chunk)))
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
