"""The wire format between a seat and the central ticket server (同步协议), for both sides.

One module, imported by sync.client and sync.server alike, so the two cannot drift apart. Every
model forbids unknown fields and bounds every string and list: a malformed or oversized request is
refused at the boundary with a clear 4xx, before any of it touches the store.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, Self, get_origin

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StringConstraints,
    create_model,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from app.domain import codec
from app.domain.article import Article
from app.domain.article_uses import ArticleUsage, ArticleUse, Effectiveness
from app.domain.callback import Callback
from app.domain.callback_states import CallbackKind, CallbackResult, CallbackState
from app.domain.callers import EarlierTicket
from app.domain.events import TicketEvent
from app.domain.figures import Figure, Grouping, Period
from app.domain.hotspots import MAX_WARNING_TICKETS, EarlyWarning, HotspotReport, WarningRule, Watch
from app.domain.kinds import Kind, Priority
from app.domain.lifecycle import Command
from app.domain.ops import OpKind, OpStatus
from app.domain.problem import MESSAGES, Problem
from app.domain.seat import SeatState
from app.domain.shift import SeatSession
from app.domain.status import Action, Role, Satisfaction, Status
from app.domain.ticket import Caller, Ticket

API_PREFIX = "/api/v1"
MAX_BATCH = 500  # ops in one push
MAX_PULL = 1000  # changes in one pull page
MAX_BODY_BYTES = 4 * 1024 * 1024  # the server refuses larger bodies with 413 before parsing them
MAX_VERSION = codec.MAX_VERSION

# Any time on the wire lies in these years. Far wider than any clock a seat may have (a PC whose
# clock battery died says 1970 or 2000: the server refuses that op with a reason, see
# sync.server.times), yet narrow enough that no time zone offset pushes it out of Python's and the
# databases' range: 0001-01-01T00:00:00+14:00 is year 0 in UTC, and was an HTTP 500.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


def _in_range(value: datetime) -> datetime:
    if not EARLIEST <= value < LATEST:
        raise ValueError("时间超出范围，须在 1900 至 2999 年之间 (time out of range: years 1900 to 2999)")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]  # every time of the wire, with its zone

# --- free text ---------------------------------------------------------------------------------------
# Every free-text field of the wire is cleaned on the way in, on both sides, before its length is
# checked: control characters (NUL, C0 and C1; ANSI escape sequences whole), Unicode format
# characters (bidi overrides such as U+202E, zero-width characters, the BOM, soft hyphens) are
# removed. They are invisible or rewrite what is shown (a name that reads backwards, a terminal
# recoloured by a log line) and no citizen's words need them. Multi-line text keeps \n and \t
# (\r\n, \r and U+2028/U+2029 become \n); a single-line field turns them into a space. Removed
# rather than refused: one pasted zero-width space must not block a seat's whole outbox.

_ANSI = r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
# Unicode category Cf (format), as of Unicode 15.1; tests check it against unicodedata.
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029]")
_UNWANTED = re.compile(rf"{_ANSI}|[\x00-\x08\x0b-\x1f\x7f-\x9f{FORMAT_CHARS}]")


def clean_text(value: object) -> object:
    """Multi-line free text without control or format characters (see above); non-strings pass."""
    if not isinstance(value, str) or value.isprintable():
        return value
    return _UNWANTED.sub("", _LINE_BREAK.sub("\n", value))


def clean_line(value: object) -> object:
    """One line of free text: as clean_text, and line breaks and tabs become spaces."""
    text = clean_text(value)
    if not isinstance(text, str) or text.isprintable():
        return text
    return re.sub(r"[\n\t]", " ", text)


Line = Annotated[str, BeforeValidator(clean_line)]  # one line of free text, cleaned
Para = Annotated[str, BeforeValidator(clean_text)]  # free text over lines, cleaned

Id = Annotated[
    str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Code = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.\-]+$")]
Name = Annotated[Line, StringConstraints(max_length=80)]
Phone = Annotated[Line, StringConstraints(max_length=40)]
Text = Annotated[Para, StringConstraints(max_length=4000)]
Reason = Annotated[Para, StringConstraints(max_length=2000)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- tickets and events ----------------------------------------------------------------------------


# --- domain values on the wire ----------------------------------------------------------------------
# A Ticket or TicketEvent travels flat, field for field as app.domain.codec names its columns; its
# pydantic model is built from those columns, each bounded by the shape the domain declares. The
# fields of a wire model hold the domain value itself (a Ticket), validated on the way in.


def _wire_type(column: codec.Column) -> Any:
    shape = column.shape
    wire: Any
    if column.is_time:
        wire = Moment
    elif isinstance(shape, codec.Key):
        wire = Id
    elif isinstance(shape, codec.Code):
        wire = Code
    elif isinstance(shape, codec.Line):
        wire = Annotated[Line, StringConstraints(min_length=shape.shortest, max_length=shape.longest)]
    elif isinstance(shape, codec.Para):
        wire = Annotated[Para, StringConstraints(max_length=shape.longest)]
    elif isinstance(shape, codec.Count):
        wire = Annotated[int, Field(ge=0, le=shape.largest)]
    elif isinstance(shape, codec.Entries):
        key = Annotated[Line, StringConstraints(max_length=shape.key.longest)]
        wire = Annotated[
            dict[key, Annotated[Para, StringConstraints(max_length=shape.value.longest)]],
            Field(max_length=shape.most),
        ]
    elif column.type is str or get_origin(column.type) is dict:
        raise TypeError(f"{column.name}: text on the wire needs a shape (app.domain.codec)")
    else:
        wire = column.type
    return wire | None if column.optional else wire


class DomainWire:
    """A domain dataclass on the wire (Annotated[Ticket, DomainWire(Ticket)]): flat JSON in, the
    domain value out. A field absent from what came in takes its default (a seat of an older
    version does not send fields added since); a field added since the first version is left out
    of what is sent while it holds its default (codec.Since), so such a seat can read it."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        fields: dict[str, Any] = {
            c.name: (_wire_type(c), ... if c.required else c.default) for c in codec.columns(cls)
        }
        self.model = create_model(f"{cls.__name__}Wire", __base__=Wire, **fields)
        self._unsent = {c.name: c.flat_default for c in codec.columns(cls) if c.since > 1}

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        flat = handler.generate_schema(self.model)
        return core_schema.no_info_before_validator_function(
            self._flatten,
            core_schema.no_info_after_validator_function(self._decode, flat),
            serialization=core_schema.plain_serializer_function_ser_schema(self._encode, info_arg=True),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(self.model.__pydantic_core_schema__)  # what travels: the flat model

    def _flatten(self, value: object) -> object:
        return codec.to_columns(value) if isinstance(value, self.cls) else value

    def _decode(self, model: BaseModel) -> object:
        return codec.from_columns(self.cls, model)

    def _encode(self, value: object, info: SerializationInfo) -> dict[str, Any]:
        flat = codec.to_json(value) if info.mode_is_json() else codec.to_columns(value)
        return {name: v for name, v in flat.items() if name not in self._unsent or v != self._unsent[name]}


TicketWire = Annotated[Ticket, DomainWire(Ticket)]  # 工单 as it travels
EventWire = Annotated[TicketEvent, DomainWire(TicketEvent)]  # 工单流转记录, kept by the server for audit


class CallerWire(Wire):
    name: Name = ""
    phone: Phone = ""


class EditWire(Wire):
    """修改: only the fields that were set travel; an unset field is left alone by the merge."""

    kind: Kind | None = None
    category_code: Code | None = None
    priority: Priority | None = None
    caller: CallerWire | None = None
    address: Text | None = None
    district: Name | None = None
    content: Text | None = None

    @classmethod
    def from_changes(cls, changes: dict[str, object]) -> EditWire:
        data = dict(changes)
        if isinstance(caller := data.get("caller"), Caller):
            data["caller"] = CallerWire(name=caller.name, phone=caller.phone)
        return cls.model_validate(data)

    def to_changes(self) -> dict[str, object]:
        changes: dict[str, object] = {name: getattr(self, name) for name in self.model_fields_set}
        if isinstance(caller := changes.get("caller"), CallerWire):
            changes["caller"] = Caller(caller.name, caller.phone)
        return changes


class CommandWire(Wire):
    """A lifecycle command (派单, 回访, 分配, 修改 ...) with the id of the event it produced."""

    event_id: Id
    action: Action
    actor: Name
    role: Role
    at: Moment
    seat_id: Code | None = None
    reason: Reason = ""
    department: Code | None = None
    satisfaction: Satisfaction | None = None
    assign_to: Code | None = None
    changes: EditWire | None = None
    merge_into: Id | None = None  # 并单: sent only with a merge, so an older server reads the rest
    until: Moment | None = None  # 延期申请: the 办结时限 asked for

    @classmethod
    def from_domain(cls, cmd: Command, event_id: str) -> CommandWire:
        return cls(
            event_id=event_id,
            action=cmd.action,
            actor=cmd.actor,
            role=cmd.role,
            at=cmd.at,
            seat_id=cmd.seat_id,
            reason=cmd.reason,
            department=cmd.department,
            satisfaction=cmd.satisfaction,
            assign_to=cmd.assign_to,
            changes=EditWire.from_changes(cmd.changes) if cmd.changes else None,
            merge_into=cmd.merge_into,
            until=cmd.until,
        )

    def to_domain(self) -> Command:
        return Command(
            action=self.action,
            actor=self.actor,
            role=self.role,
            at=self.at,
            seat_id=self.seat_id,
            reason=self.reason,
            department=self.department,
            satisfaction=self.satisfaction,
            assign_to=self.assign_to,
            changes=self.changes.to_changes() if self.changes else {},
            merge_into=self.merge_into,
            until=self.until,
        )


# --- push ------------------------------------------------------------------------------------------


class CreateOp(Wire):
    """受理: a new ticket, made on the seat, with the 受理 event."""

    kind: Literal[OpKind.CREATE]
    op_id: Id  # idempotency key: the server applies each op_id at most once
    ticket_id: Id
    base_version: Literal[0] = 0
    at: Moment
    seat: Code
    ticket: TicketWire
    event: EventWire

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.ticket.id != self.ticket_id or self.event.ticket_id != self.ticket_id:
            raise ValueError("ticket_id differs from ticket.id or event.ticket_id")
        if self.ticket.status is not Status.ACCEPTED or self.event.action is not Action.ACCEPT:
            raise ValueError("a created ticket arrives accepted, with its accept event")
        return self


class CommandOp(Wire):
    """A change to a known ticket; base_version is the server version the seat last saw."""

    kind: Literal[OpKind.UPDATE, OpKind.TRANSITION, OpKind.ASSIGN]
    op_id: Id
    ticket_id: Id
    base_version: Annotated[int, Field(ge=0, le=MAX_VERSION)]
    at: Moment
    seat: Code
    command: CommandWire


Op = Annotated[CreateOp | CommandOp, Field(discriminator="kind")]


class PushRequest(Wire):
    ops: Annotated[list[Op], Field(min_length=1, max_length=MAX_BATCH)]


class FieldConflict(Wire):
    """One field both sides changed: what the seat sent and what the server already has."""

    field: Annotated[Line, StringConstraints(max_length=40)]
    mine: Text
    theirs: Text


class CodeFields(BaseModel):
    """Why, as `problem` and `params` (app.domain.problem), for a seat to word in its operator's
    language; the answer's readable text says the same in words, 中文 (English), for seats and logs
    that do not know the code."""

    problem: str | None = None
    params: dict[str, str | int] = Field(default_factory=dict)

    def as_problem(self) -> Problem | None:
        """The problem, when this seat knows its code (a newer server may send codes it does not)."""
        return Problem(self.problem, self.params) if self.problem in MESSAGES else None


class Coded(CodeFields):
    """CodeFields sent only with a code."""

    @model_serializer(mode="wrap")
    def _without_an_empty_code(self, handler: SerializerFunctionWrapHandler) -> Any:
        """No code, no fields: a seat that did not ask reads an answer in the fields it knows."""
        data = handler(self)
        if self.problem is None and isinstance(data, dict):
            data.pop("problem", None)
            data.pop("params", None)
        return data


def coded(problem: Problem) -> dict[str, Any]:
    """Coded's fields for `problem`."""
    return {"problem": problem.code, "params": problem.wire_params}


# The ticket wire version a seat reads (a query parameter of push and pull, which an older server
# ignores): a seat that does not say reads version 3, and the server leaves out fields added since,
# like 联系时限 (contact_due), which every accepted ticket has (app.domain.codec.as_read_by).
WIRE_PARAM = "wire"
WIRE_VERSION = max(c.since for c in codec.columns(Ticket))
PREVIOUS_WIRE = 3

# Asked for by a seat that reads OpResult's `problem` (a query parameter, which an older server
# ignores): a seat from before it refuses an answer with fields it does not know.
CODES_PARAM = "problems"


class OpResult(Wire, Coded):
    """How the server settled one op. `problem` and `params` only when the seat asked (CODES_PARAM);
    fields a later server adds are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    op_id: Id
    status: OpStatus
    original: OpStatus | None = None  # for a duplicate: how the op was settled the first time
    version: int | None = None  # the ticket's server version after this op
    number: str | None = None  # official 工单编号 once assigned
    # The server's ticket after this op (for conflicts: theirs). An applied op's answer leaves it out
    # when a later answer of the batch carries the same ticket: version and number say the rest.
    ticket: TicketWire | None = None
    reason: Reason | None = None  # bilingual, for seats that do not know the code
    conflicts: list[FieldConflict] = []


class SeqRange(Wire):
    """Feed sequence numbers first..last (both included)."""

    first: Annotated[int, Field(ge=1)]
    last: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.first > self.last:
            raise ValueError("first must not be after last")
        return self


class PushResponse(Wire):
    results: list[OpResult]
    # The feed rows of this batch whose tickets the answers carry as they now are. Passed to pull as
    # `skip`, they are not sent back: a drain of 10,000 ops would otherwise pull them all again.
    echo: SeqRange | None = None


MAX_SKIPS = 64
_SKIP = rf"^\d{{1,12}}-\d{{1,12}}(,\d{{1,12}}-\d{{1,12}}){{0,{MAX_SKIPS - 1}}}$"
SkipParam = Annotated[str, StringConstraints(max_length=MAX_SKIPS * 26, pattern=_SKIP)]


def merged_skips(ranges: list[SeqRange]) -> list[SeqRange]:
    """Overlapping or adjacent ranges joined, in order; at most MAX_SKIPS (skipping is only a
    saving, so the rest are simply pulled)."""
    joined: list[SeqRange] = []
    for r in sorted(ranges, key=lambda r: r.first):
        if joined and r.first <= joined[-1].last + 1:
            joined[-1] = SeqRange(first=joined[-1].first, last=max(joined[-1].last, r.last))
        else:
            joined.append(r)
    return joined[:MAX_SKIPS]


def format_skips(ranges: list[SeqRange]) -> str:
    return ",".join(f"{r.first}-{r.last}" for r in merged_skips(ranges))


def parse_skips(text: str) -> list[SeqRange]:
    """The ranges of a `skip` parameter that matched SkipParam; a ValueError if one is reversed."""
    pairs = (part.split("-") for part in text.split(",") if part)
    return merged_skips([SeqRange(first=int(a), last=int(b)) for a, b in pairs])


# --- pull ------------------------------------------------------------------------------------------


class TicketChange(Wire):
    """A ticket this seat should know about, as the server has it now, with the events it missed,
    and why the seat should hear of it in words (a lead moved it: 班长 李华 将工单 … 改派至 S07)."""

    seq: int
    ticket: TicketWire
    events: list[EventWire] = []
    note: Reason | None = None


class CodedTicketChange(TicketChange, CodeFields):
    """TicketChange with the note's code too, for a seat that asked (CODES_PARAM). A model of its
    own rather than fields left out when empty: a page holds up to a thousand changes, and leaving
    fields out per change doubled the time to write one."""


class ReferenceVersions(Wire):
    """Versions of the shared reference data, so a seat knows when its copy is stale: for the
    documents of /reference/{name}, the file's `version:` and a hash of the content (app.reference)."""

    taxonomy: str
    sla: str
    # Named only to a seat that asks (pull's ?emergency=1) and only when the server has a list: a
    # seat of the previous version refuses a field it does not know.
    emergency: str | None = None
    kb: str | None = None

    @model_serializer(mode="wrap")
    def _without_unknown(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("emergency") is None:
            data.pop("emergency", None)
        return data


MAX_REFERENCE_CHARS = 4 * 1024 * 1024  # per reference file
ReferenceFile = Annotated[str, StringConstraints(max_length=40)]
ReferenceText = Annotated[str, StringConstraints(max_length=MAX_REFERENCE_CHARS)]
ReferenceName = Literal["taxonomy", "sla", "emergency"]  # app.reference.FILES


class ReferenceDocumentWire(Wire):
    """One reference document as the server plans with it: its files' text, checked by the seat
    with its own loaders before it switches (GET /reference/{name})."""

    name: ReferenceName
    version: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    # Bounded like app.reference.MAX_DOCUMENT_BYTES: a document has at most two files of a few MB.
    files: Annotated[
        dict[
            Annotated[str, StringConstraints(max_length=40)],
            Annotated[str, StringConstraints(max_length=MAX_REFERENCE_CHARS)],
        ],
        Field(max_length=2),
    ]


class PullResponse(Wire):
    changes: list[TicketChange]
    cursor: int  # pass it back as ?cursor= to get what came after
    more: bool  # another page is waiting
    reference: ReferenceVersions


class CodedPullResponse(PullResponse):
    """A page for a seat that asked for codes (CODES_PARAM); what an older server sends parses too."""

    changes: list[CodedTicketChange]  # type: ignore[assignment]  # a CodedTicketChange is a TicketChange


# --- caller history (来电历史) ----------------------------------------------------------------------

MAX_CALLER_HISTORY = 50  # earlier tickets in one answer, newest first
MAX_HISTORY_DAYS = 730  # personal data of older closed tickets is masked by then anyway
# A number as the seat normalised it (app.intake.validation.normalize_phone): digits only, a landline
# with its 区号 or a mobile; 5 digits at least so that no short prefix matches a crowd of callers.
CallerPhone = Annotated[str, StringConstraints(pattern=r"^[0-9]{5,20}$")]
EarlierTicketWire = Annotated[EarlierTicket, DomainWire(EarlierTicket)]


class CallerHistoryQuery(Wire):
    """POST /callers/history: the number in the body, so it stays out of URLs and proxy logs."""

    phone: CallerPhone
    days: Annotated[int, Field(ge=1, le=MAX_HISTORY_DAYS)] = 365


class CallerHistory(Wire):
    tickets: list[EarlierTicketWire]  # newest first, at most MAX_CALLER_HISTORY
    total: int  # how many the number has within `days` (more than listed when over the bound)


class RepeatCount(Wire):
    """GET /lead/repeats (班长/管理员): 并单 repeats made since <= time < until, every seat's."""

    since: Moment
    until: Moment
    repeats: int


class FigureCell(Wire):
    """One row of a report in one period: each figure's numerator and denominator sums (ratios of
    sums add up, so the seat totals rows and periods itself)."""

    key: Annotated[str, StringConstraints(max_length=80)]  # a seat, a 大类, a district, or "*" (team)
    period: Annotated[int, Field(ge=0, le=100)]  # index into FiguresReport.days
    sums: dict[Figure, tuple[float, float]]


class FiguresReport(Wire):
    """GET /figures: 日通报 · 周汇总 · 月分析, as app.lead.figures defines them."""

    period: Period
    by: Grouping
    days: list[date]  # each period's first day, in the centre's time zone
    made_at: Moment  # "now" of the report: open tickets past a deadline count as late
    cells: list[FigureCell]


# --- auth ------------------------------------------------------------------------------------------


class LoginRequest(Wire):
    username: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class RefreshRequest(Wire):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class UserInfo(Wire):
    username: Name
    display_name: Name
    role: Role
    seat_id: Code | None = None  # an operator's seat; a department user's department code


class NewUser(Wire):
    """An account an admin creates (POST /admin/users); department users give their department code."""

    username: Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")]
    password: Annotated[str, StringConstraints(min_length=8, max_length=200)]
    role: Role
    seat_id: Code | None = None
    display_name: Name | None = None


Password = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class PasswordChange(Wire):
    """修改密码 by the signed-in user (POST /auth/password): the old password proves it is them."""

    old_password: Password
    new_password: Password


class PasswordReset(Wire):
    """重置密码 by an admin (POST /admin/users/{username}/password); the account's sessions end."""

    new_password: Password


class UserAccount(UserInfo):
    """An account as the admin's list shows it (GET /admin/users)."""

    disabled: bool
    created_at: datetime
    sessions: int  # sessions open now
    locked_until: datetime | None = None  # too many wrong passwords: logins refused until then


class AccessEntry(Wire):
    """One line of the access log (访问记录)."""

    id: int
    at: datetime
    username: Line  # as typed at a failed login: cleaned of control characters for the reader
    role: str | None
    address: Line
    action: Line
    ticket_id: str | None
    detail: dict[str, Any]
    outcome: Line


MAX_ACCESS_PAGE = 500


class AccessLogPage(Wire):
    """Newest first; pass `next_before` back as ?before= for the next (older) page."""

    entries: list[AccessEntry]
    next_before: int | None


MAX_EXPORTS = 200  # exports in one POST /access/exports
MAX_EXPORT_FILTERS = 20


class ExportWire(Wire):
    """One list or report a seat exported (导出), for the access log: what, how many rows, under
    which filter, masked or not. Who is the signed-in account, never a field of its own."""

    id: Id  # made on the seat: sending it again (a lost answer) records it once
    at: Moment  # when the file was written, on the seat's clock
    list: Code  # which list: queue, callbacks, lead.seats …
    rows: Annotated[int, Field(ge=0, le=10_000_000)]
    filters: Annotated[dict[Code, Name], Field(max_length=MAX_EXPORT_FILTERS)] = {}
    masked: bool
    format: Literal["xlsx", "csv"]


class ExportsPush(Wire):
    exports: Annotated[list[ExportWire], Field(min_length=1, max_length=MAX_EXPORTS)]


class ExportsResult(Wire):
    recorded: int  # new on the record; the rest were there already


class TokenResponse(Wire):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    refresh_expires_at: datetime
    user: UserInfo


class ErrorBody(Coded):
    """Every 4xx/5xx body: a stable `code` for programs; `problem` and `params` (app.domain.problem)
    for the seat to word it in its operator's language; `message` the same in words, 中文 (English),
    for older seats and curl. Unknown fields are ignored, so that a later addition does not turn the
    whole answer into raw text on this seat (as `problem` does on seats from before it)."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str


# --- team lead -------------------------------------------------------------------------------------


Tally = Annotated[int, Field(ge=0, le=1_000_000)]  # a count within one shift
Seconds = Annotated[int, Field(ge=0, le=7 * 24 * 3600)]  # a time within one shift, in whole seconds


class SeatReport(Wire):
    """The seat's state and its shift's counts (坐席状态 · 班次统计), sent after every sync round
    (so also while idle) for the team lead's board. 离线 is the server's to say, never a seat's."""

    state: Literal["idle", "on_call", "wrap_up", "break"]
    since: Moment  # when the state began
    break_reason: Annotated[Line, StringConstraints(max_length=40)] = ""
    calls: Tally = 0  # answered this shift
    missed: Tally = 0
    talk_seconds: Seconds = 0
    wrap_up_seconds: Seconds = 0
    tickets_filed: Tally = 0
    closed_direct: Tally = 0  # of the tickets filed, 直接办结 on the call
    # When this shift (the seat's app run) began: the server keeps each shift's counts under it
    # for the call figures (平均处理时长, 每小时接话量). None from a seat that does not say.
    shift_started: Moment | None = None


def seat_report(seat: SeatSession) -> SeatReport | None:
    """What a seat reports of itself (None when it is 离线, which only the server says)."""
    if seat.state is SeatState.OFFLINE:
        return None
    counts = seat.counters
    return SeatReport(
        state=seat.state.value,  # type: ignore[arg-type]  # one of the four, checked by the model
        since=seat.since,
        break_reason=seat.break_reason,
        calls=counts.calls,
        missed=counts.missed,
        talk_seconds=round(counts.talk_seconds),
        wrap_up_seconds=round(counts.wrap_up_seconds),
        tickets_filed=counts.tickets_filed,
        closed_direct=counts.closed_direct,
        shift_started=seat.shift_started,
    )


SkillTag = Annotated[Line, StringConstraints(min_length=1, max_length=20)]


class MoveWhy(Wire):
    """Why the balance proposes a move: the weighted loads of both seats before it, the ticket's
    weight, and the skills it needed of the receiving seat."""

    weight: float
    from_load: float
    to_load: float
    skills: list[SkillTag] = []


class SeatLoad(Wire):
    """One seat's load on the lead's board (坐席负荷)."""

    seat_id: Code
    operator: Name | None = None
    open: int  # open tickets assigned to the seat
    overdue: int  # of which past their deadline
    supervised: int  # of which under 督办
    last_seen: Moment | None = None  # last push or pull: a seat not seen is offline
    report: SeatReport | None = None  # the seat's last report of its state and shift (None: never sent)
    online: bool = False  # seen within the server's 在线 window (else 离线, whatever it last reported)
    near_due: int = 0  # of the open ones, due within app.lead.balance.NEAR (not yet past)
    handled_today: int = 0  # tickets closed today that were assigned to the seat
    skills: list[SkillTag] = []  # 方言, 涉企, English, 心理疏导 …: set by a lead (PUT /lead/skills/{seat})
    weighted: float = 0.0  # open work weighted by SLA urgency (app.lead.balance.weight)


class ReassignRequest(Wire):
    """改派坐席 by a team lead: the server owns assignment, so the lead's decision wins over a seat's.
    `to_seat` None: back to the team pool (unassigned). `versions`: each ticket's version as the lead
    saw it; a ticket another lead moved since is refused (push.taken_by names who), never moved twice."""

    ticket_ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_BATCH)]
    to_seat: Code | None
    reason: Annotated[Para, StringConstraints(min_length=1, max_length=2000)]
    versions: dict[Id, Annotated[int, Field(ge=1)]] = {}


class Move(Wire):
    ticket_id: Id
    from_seat: Code | None
    to_seat: Code | None  # None: the team pool
    why: MoveWhy | None = None  # a balance proposal's reason for the move


class SeatSkills(Wire):
    """A seat's skill tags (技能标签), set by a lead or admin; the balance only gives a ticket whose
    category needs a skill to a seat that has it."""

    skills: Annotated[list[SkillTag], Field(max_length=20)]


class BalanceProposal(Wire):
    """疏忙导闲: the moves that even out open work, with the loads before and after."""

    moves: list[Move]
    before: list[SeatLoad]
    after: list[SeatLoad]


class BalanceApply(Wire):
    moves: Annotated[list[Move], Field(min_length=1, max_length=MAX_BATCH)]
    reason: Annotated[Para, StringConstraints(min_length=1, max_length=2000)]


class ReassignResult(Wire):
    moved: list[Id]
    refused: list[OpResult]


# --- knowledge base (知识库) ------------------------------------------------------------------------
# The server holds the authoritative KB. Every save or delete takes the next number of the "kb"
# counter (its revision); a seat asks for what came after the revision it has (GET /kb/changes?since=)
# and gets each changed article whole, and the ids of deleted ones, oldest change first. Pull's
# ReferenceVersions.kb carries the latest revision, so a seat pulls the KB only when it moved.

MAX_KB_PULL = 500  # articles in one /kb/changes page
KbId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{1,40}$")]
Word = Annotated[Line, StringConstraints(min_length=1, max_length=60)]
Lines = Annotated[
    list[Annotated[Line, StringConstraints(min_length=1, max_length=300)]], Field(max_length=40)
]


class KbArticleEdit(Wire):
    """What a lead or admin saves (PUT /kb/articles/{id}). `base_version` is the version the editor
    opened (0 for a new article): a save over someone else's newer edit is refused with 409."""

    title: Annotated[Line, StringConstraints(min_length=1, max_length=120)]
    body: Annotated[Para, StringConstraints(min_length=1, max_length=20_000)]
    categories: Annotated[list[Code], Field(max_length=40)] = []
    kinds: Annotated[list[Kind], Field(max_length=6)] = [Kind.CONSULTATION]
    department: Annotated[Line, StringConstraints(max_length=40)] = ""
    tags: Annotated[list[Word], Field(max_length=40)] = []
    synonyms: Annotated[list[Word], Field(max_length=40)] = []
    questions: Lines = []
    valid_from: date | None = None
    valid_to: date | None = None
    source: Annotated[Line, StringConstraints(max_length=300)] = ""
    demo: bool = False
    base_version: Annotated[int, Field(ge=0, le=MAX_VERSION)]


class KbArticleWire(Wire):
    """An article as the server has it now."""

    id: KbId
    title: Line
    body: Para
    categories: list[str]
    kinds: list[Kind]
    department: Line
    tags: list[Line]
    synonyms: list[Line]
    questions: list[Line]
    valid_from: date | None
    valid_to: date | None
    version: int
    source: Line
    demo: bool
    updated_at: Moment
    revision: int  # the KB revision that wrote this version

    @classmethod
    def from_domain(cls, article: Article, revision: int) -> Self:
        return cls.model_validate({**article.to_dict(), "revision": revision})

    def to_domain(self) -> Article:
        """ArticleError if the article breaks a rule the seat keeps (a newer server's, say)."""
        return Article.from_dict(self.model_dump(mode="json", exclude={"revision"}))


MAX_KB_IMPORT = 5000  # articles in one bulk import (and the request stays under MAX_BODY_BYTES)
_Loose = Annotated[Para, StringConstraints(max_length=40_000)]


class KbImportArticle(Wire):
    """One article of a bulk import. Bounded but loosely typed on purpose: the article rules are
    checked by the server per article, so a bad row is reported with `where` instead of failing
    the request as a whole."""

    id: Annotated[Line, StringConstraints(max_length=200)]
    where: Annotated[Line, StringConstraints(max_length=300)]  # 第 3 行 (row 3), a file name
    title: _Loose
    body: _Loose
    categories: Annotated[list[_Loose], Field(max_length=200)] = []
    kinds: Annotated[list[_Loose], Field(max_length=20)] = [Kind.CONSULTATION.value]
    department: _Loose = ""
    tags: Annotated[list[_Loose], Field(max_length=200)] = []
    synonyms: Annotated[list[_Loose], Field(max_length=200)] = []
    questions: Annotated[list[_Loose], Field(max_length=200)] = []
    valid_from: date | None = None
    valid_to: date | None = None
    source: _Loose = ""
    demo: bool = False


class KbImport(Wire):
    """POST /kb/import (班长/管理员): every article is stored, each as a new version of its id, or,
    when any breaks a rule, none is, and every problem is answered."""

    articles: Annotated[list[KbImportArticle], Field(min_length=1, max_length=MAX_KB_IMPORT)]


class KbImportProblem(Wire, Coded):
    """A refused article: `message` in both languages; its code too when the seat asked
    (CODES_PARAM). Fields a later server adds are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    index: int  # in KbImport.articles
    where: Line
    message: Para


class KbImportResult(Wire):
    created: int
    updated: int
    revision: int  # the KB revision after the import (unchanged when refused)
    problems: list[KbImportProblem]  # not empty: nothing was stored

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_KB_USES = 500  # uses in one POST /kb/uses


class KbUseWire(Wire):
    """Which article, at which version, answered a ticket (a seat's F7 插入答复)."""

    ticket_id: Id
    article_id: KbId
    version: Annotated[int, Field(ge=1, le=MAX_VERSION)]
    at: Moment

    @classmethod
    def from_domain(cls, use: ArticleUse) -> Self:
        return cls(ticket_id=use.ticket_id, article_id=use.article_id, version=use.version, at=use.at)

    def to_domain(self) -> ArticleUse:
        return ArticleUse(self.ticket_id, self.article_id, self.version, self.at)


class KbUses(Wire):
    """POST /kb/uses: a seat's recorded uses. Sending one again changes nothing (one use per ticket
    and article; the latest version and time count)."""

    uses: Annotated[list[KbUseWire], Field(min_length=1, max_length=MAX_KB_USES)]


class KbUseRefusal(Wire):
    """A use the server did not keep, and why (it counts in no report)."""

    index: int  # in KbUses.uses
    ticket_id: Id
    article_id: KbId
    reason: Reason


class KbUsesResult(Wire):
    """POST /kb/uses answer: the uses kept and, each with its reason, those dropped. A dropped use
    (a ticket the account may not see, an article that does not exist, a time far from the
    server's clock) would be dropped again, so a seat does not send it again."""

    recorded: int
    refused: list[KbUseRefusal] = []


class KbUsageWire(Wire):
    article_id: str
    title: Line  # "" when the article is no longer in the KB
    uses: int
    last_used: Moment | None


class KbReport(Wire):
    """GET /kb/report (班长/管理员): the KB effectiveness report over every seat's uses."""

    since: Moment
    until: Moment
    used: list[KbUsageWire]
    unused: list[KbUsageWire]
    tickets: int
    articles: int

    @classmethod
    def from_domain(cls, report: Effectiveness) -> Self:
        def wire(usage: ArticleUsage) -> KbUsageWire:
            return KbUsageWire(
                article_id=usage.article_id, title=usage.title, uses=usage.uses, last_used=usage.last_used
            )

        return cls(
            since=report.since,
            until=report.until,
            used=[wire(u) for u in report.used],
            unused=[wire(u) for u in report.unused],
            tickets=report.tickets,
            articles=report.articles,
        )

    def to_domain(self) -> Effectiveness:
        def usage(wire: KbUsageWire) -> ArticleUsage:
            return ArticleUsage(wire.article_id, wire.title, wire.uses, wire.last_used)

        return Effectiveness(
            self.since,
            self.until,
            tuple(usage(u) for u in self.used),
            tuple(usage(u) for u in self.unused),
            self.tickets,
            self.articles,
        )


class KbChanges(Wire):
    articles: list[KbArticleWire]  # saved after `since`, each once, as it is now
    deleted: list[KbId]  # deleted after `since`
    revision: int  # pass it back as ?since= for the next page; the seat's KB version once applied
    more: bool


# --- callbacks (漏接回拨 · 回访) ----------------------------------------------------------------------

MAX_CALLBACKS = 500  # callbacks in one PUT /callbacks, and in one answer of the lists
CallId = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9._:@-]*$")]  # app.telephony's


class CallbackWire(Wire):
    """One callback as the seat keeps it (app.domain.callback). The seat owns it: the server keeps
    the highest version it was sent, so a batch sent again or late never rolls it back."""

    id: Id
    kind: CallbackKind
    seat_id: Code
    number: Phone
    at: Moment
    call_id: CallId = ""
    ticket_id: Id | Literal[""] = ""
    state: CallbackState
    attempts: Annotated[int, Field(ge=0, le=1000)] = 0
    result: CallbackResult | None = None
    rings: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    last_attempt_at: Moment | None = None
    done_at: Moment | None = None
    version: Annotated[int, Field(ge=1, le=MAX_VERSION)] = 1

    @classmethod
    def from_domain(cls, callback: Callback) -> Self:
        return cls(
            id=callback.id,
            kind=callback.kind,
            seat_id=callback.seat_id,
            number=callback.number,
            at=callback.at,
            call_id=callback.call_id,
            ticket_id=callback.ticket_id,
            state=callback.state,
            attempts=callback.attempts,
            result=callback.result,
            rings=callback.rings,
            last_attempt_at=callback.last_attempt_at,
            done_at=callback.done_at,
            version=callback.version,
        )

    def to_domain(self) -> Callback:
        return Callback(
            id=self.id,
            kind=self.kind,
            seat_id=self.seat_id,
            number=self.number,
            at=self.at,
            call_id=self.call_id,
            ticket_id=self.ticket_id,
            state=self.state,
            attempts=self.attempts,
            result=self.result,
            rings=self.rings,
            last_attempt_at=self.last_attempt_at,
            done_at=self.done_at,
            version=self.version,
        )


class CallbackPush(Wire):
    """PUT /callbacks: the seat's callbacks changed since the server last had them."""

    callbacks: Annotated[list[CallbackWire], Field(min_length=1, max_length=MAX_CALLBACKS)]


class CallbackRefusal(Wire, CodeFields):
    """A callback the server did not keep, and why (`problem`, `params`)."""

    id: Id


class CallbackPushResult(Wire):
    """How many were kept, and each one refused with why (another seat's callback, or one this
    account does not speak for): it would be refused again, so the seat does not send it again."""

    kept: int
    refused: list[CallbackRefusal] = []


# --- 热点 · 苗头预警 (班长/管理员) ----------------------------------------------------------------------
# The dataclasses of app.domain.hotspots travel as they are: pydantic reads and writes them by field.

MAX_LEAD_TICKETS = MAX_WARNING_TICKETS  # tickets in one POST /lead/tickets: those behind one warning


class Hotspots(Wire):
    """GET /lead/hotspots: top categories and districts of `since` <= created < `until` with the
    period of the same length before, and the district × category domain heat grid."""

    report: HotspotReport


class Warnings(Wire):
    """GET /lead/warnings: 苗头预警 for the 24 hours before `at`, most surprising first; `judged`
    False when the server has too little history to judge by (nothing is then said)."""

    at: Moment
    judged: bool
    rule: WarningRule
    warnings: list[EarlyWarning]

    def to_domain(self) -> Watch:
        return Watch(self.at, self.judged, tuple(self.warnings))


class LeadTickets(Wire):
    """POST /lead/tickets: the tickets behind a warning, by id (ids in the body, not the URL)."""

    ticket_ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_LEAD_TICKETS)]
