"""The local knowledge base: its own SQLite file (kb.sqlite3) beside the seat store.

The articles are a synced, rebuildable cache of the server's KB, so they live apart from the seat
store and its Alembic history, with a schema version of their own (PRAGMA user_version). The one
thing here that is not a cache, which article answered which ticket, is kept in the same file so
reports can join it with the articles' versions.

Every write is one transaction that updates the article rows, their categories, the FTS5 index and
the spelling vocabulary together: the index is changed in place, never rebuilt behind the reader's
back, and a reader (WAL) sees either the old or the new state.

Not encrypted, unlike the seat store (issue 16 item 7), on purpose: it holds no personal data. The
articles are the public KB every seat gets from the server; `article_uses` holds only a ticket's id
(a random uuid), an article id, a version, a time and a sent flag: no caller, phone, address or
complaint text, and an id leads to a ticket only through the encrypted seat store or the server's
access control. Search reads large parts of this file on every keystroke (FTS5 and the postings);
SQLCipher would decrypt every page read for no protection gained. tests/app/knowledge/test_store.py
holds article_uses to those columns, so personal data added here later fails a test and this reason
is judged again.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from app.domain.article import Article, plain_text
from app.domain.article_uses import ArticleUse
from app.domain.draft import ArticleRef
from app.domain.problem import ProblemError
from app.knowledge import postings
from app.knowledge.terms import HAN, index_terms, initials, words
from app.pinyin import spell

# Each entry brings the schema from version i to i+1; append, never edit a shipped one.
_SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        data TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        updated_day REAL NOT NULL
    );
    CREATE TABLE article_categories (
        code TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        PRIMARY KEY (code, article)
    ) WITHOUT ROWID;
    CREATE TABLE spellings (
        spelling TEXT NOT NULL,
        word TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        PRIMARY KEY (spelling, word, article)
    ) WITHOUT ROWID;
    CREATE INDEX spellings_article ON spellings(article);
    CREATE VIRTUAL TABLE article_fts USING fts5(
        title, tags, questions, body, initials, tokenize = 'unicode61 remove_diacritics 0'
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE article_uses (
        ticket_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (ticket_id, article_id)
    );
    """,
    # How many articles each indexed word is in: search leaves out words nearly every article has.
    "CREATE VIRTUAL TABLE article_terms USING fts5vocab(article_fts, 'row')",
    # Search scores from per-word postings (app/knowledge/postings.py); the vocabulary table served
    # the pruning of common words that the postings made unnecessary. Postings are built on open.
    """
    DROP TABLE article_terms;
    ALTER TABLE articles ADD COLUMN tokens INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN plain TEXT NOT NULL DEFAULT '';
    CREATE TABLE postings (term TEXT PRIMARY KEY, articles BLOB NOT NULL, frequencies BLOB NOT NULL);
    CREATE INDEX article_stats ON articles(tokens, updated_day, valid_from, valid_to);
    """,
    # Uses go to the server for the leads' report of every seat; 0 until the server has this one.
    "ALTER TABLE article_uses ADD COLUMN sent INTEGER NOT NULL DEFAULT 0",
)
SCHEMA_VERSION = len(_SCHEMA)
KB_VERSION = "kb_version"  # the server's KB revision this copy is at ("0": never synced)
KB_SOURCE = "kb_source"  # "seed" (shipped demo articles) or the server's address
POSTINGS_FORMAT = "postings_format"  # postings.FORMAT the postings were built with


class KbStoreError(ProblemError):
    """The KB file cannot be used; `problem` says why."""


@dataclass(frozen=True)
class KbChanges:
    """What a write did, for the views to refresh from."""

    upserted: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    version: str | None = None  # the KB version after the write, when it moved

    @property
    def any(self) -> bool:
        return bool(self.upserted or self.deleted or self.version)


class KbStore:
    """Thread-safe: each thread gets its own connection; writes are serialised by a lock."""

    def __init__(self, path: Path | str, *, open_now: bool = True) -> None:
        """With `open_now` False nothing touches the disk until `open` or the first query, so a
        window can be built around the store while a worker opens (and perhaps migrates) it."""
        self.path = str(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._opened = False
        self._connections: list[sqlite3.Connection] = []
        # Queries in flight, and whether close() is at work: it waits for them, and they for it,
        # since closing a connection another thread is querying crashes the process.
        self._use = threading.Condition()
        self._nested = threading.local()  # a thread already in a query enters again without waiting
        self._users = 0
        self._closing = False
        self._revision = 0  # bumped on every write, so caches of derived data know to reload
        if open_now:
            self.open()

    # -- connections ------------------------------------------------------------------------------
    def open(self) -> None:
        """Open the file (creating or migrating it) once; KbStoreError when it cannot be used.
        Threads asking meanwhile wait for the one doing it."""
        if self._opened:
            return
        with self._in_use(), self._open_lock:
            if not self._opened:
                self._migrate()
                self._opened = True

    @property
    def opened(self) -> bool:
        return self._opened

    def _connection(self) -> sqlite3.Connection:
        if not self._opened:
            self.open()
        return self._thread_connection()

    def _thread_connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last write to a power cut is fine
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._write_lock:
                self._connections.append(conn)
        return conn

    def read(self, sql: str, params: Iterable[object] = ()) -> list[tuple[object, ...]]:
        with self._in_use():
            return list(self._connection().execute(sql, tuple(params)))

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._in_use(), self._transaction(self._connection()) as conn:
            yield conn

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        depth = getattr(self._nested, "depth", 0)
        with self._use:
            if depth == 0:
                self._use.wait_for(lambda: not self._closing)
            self._users += 1
        self._nested.depth = depth + 1
        try:
            yield
        finally:
            self._nested.depth = depth
            with self._use:
                self._users -= 1
                self._use.notify_all()

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self._revision += 1

    @property
    def revision(self) -> int:
        return self._revision

    def close(self) -> None:
        """Close every thread's connection once the queries in flight are done (a search still
        running when the window closes); a later query opens a new one."""
        with self._use:
            self._closing = True
            self._use.wait_for(lambda: self._users == 0)
        try:
            with self._write_lock:
                for conn in self._connections:
                    conn.close()
                self._connections.clear()
            self._local = threading.local()
        finally:
            with self._use:
                self._closing = False
                self._use.notify_all()

    def _migrate(self) -> None:
        try:
            conn = self._thread_connection()
            found = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise KbStoreError("kb.store_unreadable", path=str(self.path), error=str(exc)) from exc
        if found > SCHEMA_VERSION:
            raise KbStoreError("kb.store_newer", path=str(self.path), found=found, known=SCHEMA_VERSION)
        for step in range(found, SCHEMA_VERSION):
            with self._transaction(conn):
                for statement in _SCHEMA[step].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step + 1}")
        if self._meta(conn, POSTINGS_FORMAT) != postings.FORMAT:
            with self._transaction(conn):
                postings.rebuild(conn)
                self._set_meta(conn, POSTINGS_FORMAT, postings.FORMAT)
                # Rows from before schema 3 have no plain text yet: search shows it in snippets.
                rows = conn.execute("SELECT rowid, data FROM articles WHERE plain = ''").fetchall()
                conn.executemany(
                    "UPDATE articles SET plain = ? WHERE rowid = ?",
                    [(plain_text(str(json.loads(data)["body"])), rowid) for rowid, data in rows],
                )

    # -- articles ---------------------------------------------------------------------------------
    def upsert(self, articles: Iterable[Article], *, version: str | None = None) -> KbChanges:
        """Add or replace articles (by id) and their index entries, and set the KB version, in one
        transaction: a failure leaves the store as it was."""
        return self.apply(articles, (), version=version)

    def apply(
        self,
        articles: Iterable[Article],
        deleted: Iterable[str],
        *,
        version: str | None = None,
        source: str | None = None,
        reset: bool = False,
    ) -> KbChanges:
        """One page of changes in one transaction: with `reset`, every article not in it goes first
        (the first pull from a server replaces the shipped demo set, or a KB the server has lost)."""
        done: list[str] = []
        removed: dict[int, postings.Entry] = {}
        added: dict[int, postings.Entry] = {}
        with self._writing() as conn:
            if reset:
                conn.execute("DELETE FROM article_fts")
                conn.execute("DELETE FROM articles")
                conn.execute("DELETE FROM postings")
            gone = tuple(i for i in deleted if self._delete_rows(conn, i, removed, added))
            for given in articles:
                article = given.checked()  # what is stored is read back without checks (search)
                self._delete_rows(conn, article.id, removed, added)
                columns = _indexed_columns(article)
                item = postings.entry(columns)
                rowid = conn.execute(
                    "INSERT INTO articles (id, version, title, data, valid_from, valid_to, updated_day, "
                    "tokens, plain) VALUES (?, ?, ?, ?, ?, ?, julianday(?), ?, ?)",
                    (
                        article.id,
                        article.version,
                        article.title,
                        json.dumps(article.to_dict(), ensure_ascii=False),
                        article.valid_from.isoformat() if article.valid_from else None,
                        article.valid_to.isoformat() if article.valid_to else None,
                        article.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                        item.length,
                        plain_text(article.body),
                    ),
                ).lastrowid
                assert rowid is not None
                conn.executemany(
                    "INSERT INTO article_categories (code, article) VALUES (?, ?)",
                    [(code, rowid) for code in article.categories],
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO spellings (spelling, word, article) VALUES (?, ?, ?)",
                    [(spell(w), w, rowid) for w in _vocabulary_words(article)],
                )
                conn.execute(
                    f"INSERT INTO article_fts (rowid, {', '.join(postings.COLUMNS)}) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (rowid, *columns),
                )
                added[rowid] = item
                done.append(article.id)
            postings.update(conn, removed, added)
            if version is not None:
                self._set_meta(conn, KB_VERSION, version)
            if source is not None:
                self._set_meta(conn, KB_SOURCE, source)
        return KbChanges(upserted=tuple(done), deleted=gone, version=version)

    def delete(self, ids: Iterable[str], *, version: str | None = None) -> KbChanges:
        return self.apply((), ids, version=version)

    @staticmethod
    def _delete_rows(
        conn: sqlite3.Connection,
        article_id: str,
        removed: dict[int, postings.Entry],
        added: dict[int, postings.Entry],
    ) -> bool:
        """Delete an article's rows, noting what leaves the postings: an article added earlier in
        the same write was never in them."""
        row = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return False
        rowid = int(row[0])
        if added.pop(rowid, None) is None:
            removed.update(postings.indexed(conn, (rowid,)))
        conn.execute("DELETE FROM article_fts WHERE rowid = ?", row)
        conn.execute("DELETE FROM articles WHERE rowid = ?", row)  # categories, spellings cascade
        return True

    def get(self, article_id: str) -> Article | None:
        rows = self.read("SELECT data FROM articles WHERE id = ?", (article_id,))
        return Article.from_dict(json.loads(str(rows[0][0]))) if rows else None

    def articles(self) -> list[Article]:
        return [Article.from_dict(json.loads(str(r[0]))) for r in self.read("SELECT data FROM articles")]

    def versions(self) -> dict[str, int]:
        return {str(i): int(str(v)) for i, v in self.read("SELECT id, version FROM articles")}

    def count(self) -> int:
        return int(str(self.read("SELECT count(*) FROM articles")[0][0]))

    def categories(self) -> list[str]:
        return [str(r[0]) for r in self.read("SELECT DISTINCT code FROM article_categories ORDER BY code")]

    def article_stats(self) -> list[tuple[object, ...]]:
        """Per article what search scores with: rowid, length in tokens, julian days of its last
        change and validity (±1e308 when open). Read from an index: the rows hold the articles."""
        return self.read(
            "SELECT rowid, tokens, updated_day, coalesce(julianday(valid_from), -1e308), "
            "coalesce(julianday(valid_to), 1e308) FROM articles"
        )

    def postings(self, term: str, *, prefix: bool = False) -> list[tuple[bytes, bytes]]:
        """The packed postings of `term`, or of every word starting with it."""
        if prefix:
            rows = self.read(
                "SELECT articles, frequencies FROM postings WHERE term >= ? AND term < ?",
                (term, postings.after(term)),
            )
        else:
            rows = self.read("SELECT articles, frequencies FROM postings WHERE term = ?", (term,))
        return cast(list[tuple[bytes, bytes]], rows)

    def in_category(self, code: str) -> list[int]:
        """Rowids of the articles filed under `code` or a child of it."""
        rows = self.read(
            "SELECT DISTINCT article FROM article_categories WHERE code = ? OR code BETWEEN ? AND ?",
            (code, code + ".", code + ".\uffff"),
        )
        return [int(str(r[0])) for r in rows]

    def data(self, rowids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """The stored JSON of these articles and their body as plain text, by rowid."""
        marks = ", ".join("?" * len(rowids))
        rows = self.read(f"SELECT rowid, data, plain FROM articles WHERE rowid IN ({marks})", rowids)
        return {int(str(r)): (str(d), str(p)) for r, d, p in rows}

    def vocabulary(self) -> dict[str, str]:
        """Pinyin → the word most articles spell that way (for homophone typos)."""
        rows = self.read(
            "SELECT spelling, word FROM spellings GROUP BY spelling, word ORDER BY spelling, count(*)"
        )
        return {str(spelling): str(word) for spelling, word in rows}

    # -- meta -------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        with self._in_use():
            return self._meta(self._connection(), key)

    @staticmethod
    def _meta(conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing() as conn:
            self._set_meta(conn, key, value)

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
            (key, value, value),
        )

    def version(self) -> str:
        return self.meta(KB_VERSION) or "0"

    # -- which article answered which ticket --------------------------------------------------------
    def record_use(self, ticket_id: str, article: Article | ArticleRef, at: datetime) -> ArticleUse:
        """Remember that `article` (at its current version) answered the ticket; a second use of the
        same article for the same ticket keeps the latest version and time."""
        use = ArticleUse(ticket_id, article.id, article.version, at)
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO article_uses (ticket_id, article_id, version, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (ticket_id, article_id) DO UPDATE SET version = excluded.version, "
                "at = excluded.at, sent = 0",
                (ticket_id, article.id, article.version, at.astimezone(UTC).isoformat()),
            )
        return use

    def uses(self, ticket_id: str | None = None) -> list[ArticleUse]:
        where, params = ("WHERE ticket_id = ?", (ticket_id,)) if ticket_id else ("", ())
        return self._read_uses(f"{where} ORDER BY at", params)

    def unsent_uses(self, limit: int) -> list[ArticleUse]:
        """Uses the server has not confirmed yet, oldest first."""
        return self._read_uses("WHERE sent = 0 ORDER BY at LIMIT ?", (limit,))

    def _read_uses(self, clauses: str, params: Sequence[object]) -> list[ArticleUse]:
        rows = self.read(f"SELECT ticket_id, article_id, version, at FROM article_uses {clauses}", params)
        return [
            ArticleUse(str(t), str(a), int(str(v)), datetime.fromisoformat(str(at))) for t, a, v, at in rows
        ]

    def mark_sent(self, uses: Iterable[ArticleUse]) -> None:
        """The server has these; a use recorded again meanwhile (a later version) stays unsent."""
        with self._writing() as conn:
            conn.executemany(
                "UPDATE article_uses SET sent = 1 WHERE ticket_id = ? AND article_id = ? AND version = ? "
                "AND at = ?",
                [(u.ticket_id, u.article_id, u.version, u.at.astimezone(UTC).isoformat()) for u in uses],
            )

    def use_counts(self) -> dict[str, int]:
        """How often each article answered a ticket (the KB effectiveness report's first column)."""
        rows = self.read("SELECT article_id, count(*) FROM article_uses GROUP BY article_id")
        return {str(a): int(str(n)) for a, n in rows}


def _indexed_columns(article: Article) -> tuple[str, str, str, str, str]:
    """The article's text as the FTS5 columns hold it (postings.COLUMNS), cut into words."""
    return (
        index_terms(article.title),
        index_terms(" ".join((*article.tags, *article.synonyms))),
        index_terms(" ".join(article.questions)),
        index_terms(article.body),
        initials((article.title, *article.tags, *article.synonyms)),
    )


def _vocabulary_words(article: Article) -> set[str]:
    return {
        w
        for text in (article.title, *article.tags, *article.synonyms)
        for w in words(text)
        if len(w) > 1 and HAN.search(w)
    }
