"""Typed settings registry (配置项): one declaration drives the config file and the settings dialog."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w

from app.config.transport import ALLOW_SETTING, transport_problem
from app.domain.calendar import DEFAULT_TIMEZONE
from app.domain.problem import Problem, ProblemError

Value = str | int | bool
# The code of the rule the value breaks (its words name the setting), or None when the value is fine.
Validator = Callable[[Any], str | None]


class SettingError(ProblemError, ValueError):
    """A setting got a value it cannot take; the problem names the setting and the rule."""

    def __init__(self, code: str, name: str, **params: str | int) -> None:
        super().__init__(Problem(code, {"name": name, **params}))


@dataclass(frozen=True)
class Setting:
    name: str  # "section.key": the TOML table and key
    type: type[Value]
    default: Value
    title: str  # shown in the settings dialog (Chinese source text, translated by the UI)
    description: str
    page: str  # settings dialog page
    choices: tuple[tuple[Value, str], ...] = ()  # (value, label)
    minimum: int | None = None
    maximum: int | None = None
    validator: Validator | None = None
    restart: bool = False  # takes effect after restarting the app (the others apply at once)
    advanced: bool = False  # for IT staff: on the settings dialog's 高级 page, not the operator's

    @property
    def section(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def key(self) -> str:
        return self.name.split(".", 1)[1]

    def check(self, value: object) -> Value:
        """The value converted to this setting's type, or SettingError saying why not."""
        if not isinstance(value, str | int | bool):
            raise SettingError("setting.unsupported", self.name, value=repr(value))
        if self.type is bool:
            if not isinstance(value, bool):
                raise SettingError("setting.not_bool", self.name, value=repr(value))
        elif self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise SettingError("setting.not_number", self.name, value=repr(value))
            if self.minimum is not None and value < self.minimum:
                raise SettingError("setting.too_small", self.name, minimum=self.minimum, value=value)
            if self.maximum is not None and value > self.maximum:
                raise SettingError("setting.too_large", self.name, maximum=self.maximum, value=value)
        elif not isinstance(value, str):
            raise SettingError("setting.not_text", self.name, value=repr(value))
        if self.choices and value not in [c for c, _ in self.choices]:
            allowed = ", ".join(str(c) for c, _ in self.choices)
            raise SettingError("setting.not_a_choice", self.name, allowed=allowed, value=repr(value))
        if self.validator is not None and (code := self.validator(value)) is not None:
            raise SettingError(code, self.name)
        return value


def _server_url(value: str) -> str | None:
    if value == "" or re.fullmatch(r"https?://[^\s/?#]+(:\d{1,5})?(/[^\s?#]*)?", value):
        return None
    return "setting.server_url"


def _ca_bundle(value: str) -> str | None:
    if value == "" or (Path(value).is_absolute() and Path(value).is_file()):
        return None
    return "setting.ca_bundle"


# How the phone system names a recording (app.speech.recorded): 20261207-083015_13812345678_C0042.wav,
# 13812345678_C0042.wav or C0042.wav.
RECORDING_NAME_PATTERN = (
    r"(?:(?P<time>\d{8}[-_T]?\d{6})_)?(?:(?P<caller>\+?\d{3,20})_)?(?P<call_id>[A-Za-z0-9.:@-]{1,64})"
)


def _name_pattern(value: str) -> str | None:
    """A regular expression that names the call (call_id) or the caller (caller) of a recording."""
    try:
        compiled = re.compile(value)
    except re.error:
        return "setting.name_pattern"
    return None if {"call_id", "caller"} & set(compiled.groupindex) else "setting.name_pattern"


def _time_zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        return "setting.time_zone"
    return None


def _jurisdiction(value: str) -> str | None:
    # The form only: whether the city exists is known when its places are first loaded (off the GUI
    # thread, app/intake/places.py), so start-up never reads the national table.
    if re.fullmatch(r"\d{2}(\d{2}(\d{2}(\d{6})?)?)?|[\u4e00-\u9fff]{2,20}", value.strip()):
        return None
    return "setting.jurisdiction"


def _seat_id(value: str) -> str | None:
    if re.fullmatch(r"[A-Za-z0-9_-]{1,16}", value):
        return None
    return "setting.seat_id"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "seat.id",
        str,
        "A01",
        "坐席号",
        "本机坐席编号，中心服务器用它区分坐席。",
        "坐席",
        validator=_seat_id,
        restart=True,
        advanced=True,
    ),
    Setting("seat.operator", str, "", "话务员", "当前登录的话务员姓名或工号。", "坐席", restart=True),
    Setting(
        "centre.timezone",
        str,
        DEFAULT_TIMEZONE,
        "热线中心时区",
        "工单时间、流转记录、时限和导出都按这个时区显示和计算，与本机系统时区无关 (IANA 名称)。",
        "坐席",
        validator=_time_zone,
        restart=True,
        advanced=True,
    ),
    Setting(
        "centre.jurisdiction",
        str,
        "海滨市",  # the demo's fictional city (app.intake.places.DEMO_CITY)
        "辖区城市",
        "本热线受理的城市：行政区划代码或名称，如 440300 或 深圳市。区县及其简称来自全国行政区划数据，"
        "街道、社区和地标来自 resources/places/<城市>.yaml；海滨市是演示用的虚构城市。",
        "坐席",
        validator=_jurisdiction,
        restart=True,
        advanced=True,
    ),
    Setting(
        "ui.language",
        str,
        "auto",
        "界面语言",
        "auto 表示跟随系统语言 (LANG)。",
        "界面",
        choices=(("auto", "跟随系统"), ("zh_CN", "简体中文"), ("en", "English")),
    ),
    Setting(
        "ui.font_scale",
        int,
        100,
        "字号缩放 (%)",
        "放大界面文字，方便长时间值班阅读。",
        "界面",
        minimum=80,
        maximum=200,
    ),
    Setting(
        "queue.page_size",
        int,
        200,
        "工单列表分页大小",
        "我的工单每次从本地库读取的行数。",
        "工单",
        minimum=50,
        maximum=5000,
        advanced=True,
    ),
    Setting(
        "intake.autosave_ms",
        int,
        300,
        "草稿自动保存间隔 (毫秒)",
        "停止输入多久后保存草稿；0 表示每次输入立即保存。",
        "工单",
        minimum=0,
        maximum=5000,
        advanced=True,
    ),
    # -- caller history and duplicates (来电历史, 相似工单, 并单) --
    Setting(
        "callers.history_days",
        int,
        365,
        "来电历史查询天数",
        "来电或输入号码时，列出该号码这么多天内的工单（本机和中心服务器）。",
        "工单",
        minimum=1,
        maximum=730,
    ),
    Setting(
        "callers.frequent_calls",
        int,
        3,
        "频繁来电次数",
        "同一号码在统计天数内有这么多张工单（含本次之前的），标记为频繁来电。",
        "工单",
        minimum=2,
        maximum=100,
    ),
    Setting(
        "callers.frequent_days",
        int,
        30,
        "频繁来电统计天数",
        "统计频繁来电的天数。",
        "工单",
        minimum=1,
        maximum=365,
    ),
    Setting(
        "intake.duplicate_days",
        int,
        30,
        "相似工单查找天数",
        "通话中查找同区、同分类、内容相似的未办结工单时，只看这么多天内受理的。",
        "工单",
        minimum=1,
        maximum=365,
    ),
    # -- notifications (通知, app.notify, ui.notify) --
    Setting(
        "notify.sla_warning_minutes",
        int,
        60,
        "时限预警提前量 (分钟)",
        "本坐席工单的派单或办结时限还剩这么多分钟时发出时限预警通知；超时再通知一次。",
        "工单",
        minimum=5,
        maximum=1440,
    ),
    Setting(
        "notify.desktop",
        bool,
        True,
        "桌面通知",
        "新通知除列入通知列表外，再在屏幕角落弹出系统通知；通话中不弹出，挂断后汇总提示一次。",
        "工单",
    ),
    Setting(
        "server.url",
        str,
        "",
        "中心服务器地址",
        "中心工单服务器的地址；留空表示只在本机工作（工单留在待同步队列）。",
        "同步",
        validator=_server_url,
        restart=True,
    ),
    Setting(
        ALLOW_SETTING,
        bool,
        False,
        "允许未加密连接 (http)",
        "仅限管理员：允许用 http:// 连接其他主机上的中心服务器。密码和工单数据将以明文在网络上传输，"
        "状态栏会一直提示。默认不允许（本机地址除外）。",
        "同步",
        restart=True,
        advanced=True,
    ),
    Setting(
        "server.ca_bundle",
        str,
        "",
        "服务器证书颁发机构 (CA) 文件",
        "中心服务器使用内部 CA 签发的证书时，填写该 CA 证书 (PEM) 的完整路径；留空表示使用系统信任的证书。",
        "同步",
        validator=_ca_bundle,
        restart=True,
        advanced=True,
    ),
    Setting(
        "server.username",
        str,
        "",
        "登录账号",
        "上次登录中心服务器的账号；密码和令牌只保存在系统钥匙串中。",
        "同步",
    ),
    Setting(
        "sync.interval_s",
        int,
        5,
        "同步间隔 (秒)",
        "在线时多久与中心服务器同步一次；有新工单时立即同步。",
        "同步",
        minimum=2,
        maximum=300,
        advanced=True,
    ),
    # -- calls (来电与话后处理, app.domain.shift) --
    Setting(
        "calls.wrap_up_seconds",
        int,
        30,
        "话后处理时长 (秒)",
        "挂断后留给话后处理的时间，状态栏倒计时；到时或受理工单后坐席回到空闲（选了小休则进入小休）。",
        "通话",
        minimum=5,
        maximum=1800,
    ),
    Setting(
        "calls.ring_sound",
        bool,
        False,
        "来电提示音",
        "来电振铃时，除弹出来电信息外再播放一声短提示音（电话本身不响铃时使用；默认关闭）。",
        "通话",
    ),
    Setting(
        "calls.recordings_folder",
        str,
        "",
        "电话系统录音目录",
        "电话系统发来录音事件时，只接受这个目录中的录音文件；留空表示本机数据目录中的 recordings。",
        "通话",
        advanced=True,
    ),
    # -- recorded calls (录音转写, app.speech.recorded, ui.call.recording_watch) --
    Setting(
        "calls.watch_folder",
        str,
        "",
        "录音监视目录",
        "电话系统存放通话录音 (WAV) 的目录，可为网络共享目录；新录音在后台转写，并按通话编号或来电号码和时间"
        "附到对应工单。留空表示不监视。",
        "通话",
        advanced=True,
    ),
    Setting(
        "calls.watch_interval_s",
        int,
        5,
        "录音目录检查间隔 (秒)",
        "多久查看一次录音监视目录有无新文件（网络共享目录不可靠地通知变化，所以定时查看）。",
        "通话",
        minimum=1,
        maximum=300,
        advanced=True,
    ),
    Setting(
        "calls.watch_settle_s",
        int,
        5,
        "录音写完判定 (秒)",
        "录音文件大小和修改时间这么多秒不变，才视为电话系统已写完并开始转写。",
        "通话",
        minimum=1,
        maximum=600,
        advanced=True,
    ),
    Setting(
        "calls.recording_name_pattern",
        str,
        RECORDING_NAME_PATTERN,
        "录音文件命名规则",
        "从录音文件名读出通话编号、来电号码和时间的正则表达式，分组名 call_id、caller、time"
        "（14 位数字 yyyymmddHHMMSS）；文件旁同名 .json（call_id、caller、started_at）优先。",
        "通话",
        validator=_name_pattern,
        advanced=True,
    ),
    Setting(
        "calls.match_window_minutes",
        int,
        30,
        "录音匹配工单时间范围 (分钟)",
        "没有通话编号可对时，把录音附到同一来电号码、受理时间在录音时间前后这么多分钟内最近的工单。",
        "通话",
        minimum=1,
        maximum=1440,
        advanced=True,
    ),
    # -- speech (通话转写) --
    Setting(
        "speech.input_device",
        str,
        "",
        "麦克风 / 录音设备",
        "通话转写使用的输入设备；留空表示系统默认设备。",
        "语音",
    ),
    Setting(
        "speech.phrase_pause_ms",
        int,
        200,
        "断句停顿 (毫秒)",
        "来电人停顿这么久，这句话就定稿显示；0 表示按语音模型自带的规则（约 1 秒后）。",
        "语音",
        minimum=0,
        maximum=2000,
        advanced=True,
    ),
    Setting(
        "speech.keep_audio",
        bool,
        False,
        "保存通话录音",
        "除转写文字外，是否把通话原始录音保存在本机数据目录（默认不保存）。",
        "语音",
        advanced=True,
    ),
    Setting(
        "speech.audio_retention_days",
        int,
        30,
        "录音保留天数",
        "保存的通话录音超过这个天数后自动删除。",
        "语音",
        minimum=1,
        maximum=3650,
        advanced=True,
    ),
    # -- retention (本机数据保存期限, app.store.retention): applied at each start and when changed --
    Setting(
        "retention.personal_days",
        int,
        30,
        "已办结工单个人信息保留天数",
        "办结超过这个天数后，本机把来电人姓名、电话、地址脱敏（张**、138****5678、只留区）。",
        "隐私",
        minimum=1,
        maximum=3650,
        advanced=True,
    ),
    Setting(
        "retention.outbox_days",
        int,
        7,
        "已同步记录保留天数",
        "中心服务器已确认的同步记录、已处理的同步冲突和已读通知，超过这个天数后删除。",
        "隐私",
        minimum=1,
        maximum=365,
        advanced=True,
    ),
    Setting(
        "retention.draft_days",
        int,
        7,
        "未受理草稿保留天数",
        "超过这个天数没有修改的草稿（未受理或已放弃）将被删除。",
        "隐私",
        minimum=1,
        maximum=365,
        advanced=True,
    ),
    Setting(
        "retention.transcript_days",
        int,
        30,
        "通话转写保留天数",
        "通话转写文字（只保存在本机）超过这个天数后删除。",
        "隐私",
        minimum=1,
        maximum=3650,
        advanced=True,
    ),
    Setting(
        "log.level",
        str,
        "INFO",
        "日志级别",
        "写入日志文件的最低级别；日志中的电话号码已脱敏。",
        "日志",
        choices=(("DEBUG", "DEBUG"), ("INFO", "INFO"), ("WARNING", "WARNING"), ("ERROR", "ERROR")),
        advanced=True,
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SettingError("setting.unknown", name) from None


@dataclass
class Config:
    """Current setting values; `problems` lists what was wrong in the file that was loaded."""

    values: dict[str, Value] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> Value:
        setting(name)
        return self.values[name]

    def text(self, name: str) -> str:
        value = self.get(name)
        assert isinstance(value, str)
        return value

    def number(self, name: str) -> int:
        value = self.get(name)
        assert isinstance(value, int)
        return value

    def set(self, name: str, value: object) -> None:
        self.values[name] = setting(name).check(value)

    def restart_needed(self, before: Config) -> list[Setting]:
        """The settings changed since `before` that take effect only after a restart."""
        return [s for s in SETTINGS if s.restart and self.values[s.name] != before.values[s.name]]

    def conflicts(self) -> dict[str, Problem]:
        """Problems of settings that are fine alone but not together: {setting name: problem}."""
        url = self.text("server.url")
        allow = self.get(ALLOW_SETTING)
        problem = transport_problem(url, allow_insecure_http=allow is True)
        return {} if problem is None else {"server.url": problem}

    @classmethod
    def load(cls, path: Path) -> Config:
        """Read the file; bad or unknown entries are reported in `problems` and left at their defaults."""
        config = cls()
        if not path.exists():
            return config
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            config.problems.append(Problem("config.unreadable", {"path": str(path), "error": str(exc)}))
            return config
        for section, table in data.items():
            if not isinstance(table, dict):
                config.problems.append(Problem("config.not_a_table", {"path": str(path), "section": section}))
                continue
            for key, value in table.items():
                try:
                    config.set(f"{section}.{key}", value)
                except SettingError as exc:
                    config.problems.append(
                        Problem("config.bad_value", {"path": str(path), "problem": exc.problem})
                    )
        # Kept as written (nothing is lost when the file is saved again); the seat will not use it.
        for name, problem in config.conflicts().items():
            config.problems.append(
                Problem("config.kept_unused", {"path": str(path), "name": name, "problem": problem})
            )
        return config

    def save(self, path: Path) -> None:
        """Write atomically (temp file, fsync, rename): a crash never leaves half a config file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        with temp.open("w", encoding="utf-8") as handle:
            handle.write(self.to_toml())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)

    def to_toml(self) -> str:
        """TOML with each setting's description as a comment, for IT staff editing by hand."""
        parts = [
            "# Hotline Seat 配置文件 (config file). 每项的说明见注释; 错误的值会在启动时提示并使用默认值.\n"
        ]
        for section in dict.fromkeys(s.section for s in SETTINGS):
            parts.append(f"\n[{section}]\n")
            for s in (s for s in SETTINGS if s.section == section):
                parts.append(f"# {s.title}: {s.description} (默认 default: {s.default!r})\n")
                parts.append(tomli_w.dumps({s.key: self.values[s.name]}))
        return "".join(parts)


def resolve_language(configured: str, environ: dict[str, str] | None = None) -> str:
    """'zh_CN' or 'en': the setting, or for 'auto' the LANG/LC_ALL of the environment (default zh_CN)."""
    if configured != "auto":
        return configured
    env = os.environ if environ is None else environ
    lang = env.get("LC_ALL") or env.get("LANG") or ""
    return "en" if lang.lower().startswith("en") else "zh_CN"
