"""The settings dialog, generated from the typed registry in app.config.settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config.settings import SETTINGS, Config, Setting, SettingError, Value
from app.domain.problem import Problem, fill
from app.intake.places import jurisdiction_problem
from app.speech.models import ModelManager
from ui import palette
from ui.labels import problem_text
from ui.ops import BackgroundOp
from ui.plain import plain
from ui.settings.model_page import ModelPage
from ui.shell.system_check import audio_missing

# Page, title, description and choice texts of the registry, marked for lupdate.
_REGISTRY_TEXTS = (
    QT_TRANSLATE_NOOP("Settings", "坐席"),
    QT_TRANSLATE_NOOP("Settings", "界面"),
    QT_TRANSLATE_NOOP("Settings", "工单"),
    QT_TRANSLATE_NOOP("Settings", "日志"),
    QT_TRANSLATE_NOOP("Settings", "坐席号"),
    QT_TRANSLATE_NOOP("Settings", "本机坐席编号，中心服务器用它区分坐席。"),
    QT_TRANSLATE_NOOP("Settings", "话务员"),
    QT_TRANSLATE_NOOP("Settings", "当前登录的话务员姓名或工号。"),
    QT_TRANSLATE_NOOP("Settings", "热线中心时区"),
    QT_TRANSLATE_NOOP(
        "Settings", "工单时间、流转记录、时限和导出都按这个时区显示和计算，与本机系统时区无关 (IANA 名称)。"
    ),
    QT_TRANSLATE_NOOP("Settings", "辖区城市"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "本热线受理的城市：行政区划代码或名称，如 440300 或 深圳市。区县及其简称来自全国行政区划数据，"
        "街道、社区和地标来自 resources/places/<城市>.yaml；海滨市是演示用的虚构城市。",
    ),
    QT_TRANSLATE_NOOP("Settings", "界面语言"),
    QT_TRANSLATE_NOOP("Settings", "auto 表示跟随系统语言 (LANG)。"),
    QT_TRANSLATE_NOOP("Settings", "跟随系统"),
    QT_TRANSLATE_NOOP("Settings", "简体中文"),
    QT_TRANSLATE_NOOP("Settings", "字号缩放 (%)"),
    QT_TRANSLATE_NOOP("Settings", "放大界面文字，方便长时间值班阅读。"),
    QT_TRANSLATE_NOOP("Settings", "工单列表分页大小"),
    QT_TRANSLATE_NOOP("Settings", "我的工单每次从本地库读取的行数。"),
    QT_TRANSLATE_NOOP("Settings", "草稿自动保存间隔 (毫秒)"),
    QT_TRANSLATE_NOOP("Settings", "停止输入多久后保存草稿；0 表示每次输入立即保存。"),
    QT_TRANSLATE_NOOP("Settings", "来电历史查询天数"),
    QT_TRANSLATE_NOOP("Settings", "来电或输入号码时，列出该号码这么多天内的工单（本机和中心服务器）。"),
    QT_TRANSLATE_NOOP("Settings", "频繁来电次数"),
    QT_TRANSLATE_NOOP("Settings", "同一号码在统计天数内有这么多张工单（含本次之前的），标记为频繁来电。"),
    QT_TRANSLATE_NOOP("Settings", "频繁来电统计天数"),
    QT_TRANSLATE_NOOP("Settings", "统计频繁来电的天数。"),
    QT_TRANSLATE_NOOP("Settings", "相似工单查找天数"),
    QT_TRANSLATE_NOOP("Settings", "通话中查找同区、同分类、内容相似的未办结工单时，只看这么多天内受理的。"),
    QT_TRANSLATE_NOOP("Settings", "时限预警提前量 (分钟)"),
    QT_TRANSLATE_NOOP(
        "Settings", "本坐席工单的派单或办结时限还剩这么多分钟时发出时限预警通知；超时再通知一次。"
    ),
    QT_TRANSLATE_NOOP("Settings", "桌面通知"),
    QT_TRANSLATE_NOOP(
        "Settings", "新通知除列入通知列表外，再在屏幕角落弹出系统通知；通话中不弹出，挂断后汇总提示一次。"
    ),
    QT_TRANSLATE_NOOP("Settings", "同步"),
    QT_TRANSLATE_NOOP("Settings", "中心服务器地址"),
    QT_TRANSLATE_NOOP("Settings", "中心工单服务器的地址；留空表示只在本机工作（工单留在待同步队列）。"),
    QT_TRANSLATE_NOOP("Settings", "允许未加密连接 (http)"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "仅限管理员：允许用 http:// 连接其他主机上的中心服务器。密码和工单数据将以明文在网络上传输，"
        "状态栏会一直提示。默认不允许（本机地址除外）。",
    ),
    QT_TRANSLATE_NOOP("Settings", "服务器证书颁发机构 (CA) 文件"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "中心服务器使用内部 CA 签发的证书时，填写该 CA 证书 (PEM) 的完整路径；留空表示使用系统信任的证书。",
    ),
    QT_TRANSLATE_NOOP("Settings", "登录账号"),
    QT_TRANSLATE_NOOP("Settings", "上次登录中心服务器的账号；密码和令牌只保存在系统钥匙串中。"),
    QT_TRANSLATE_NOOP("Settings", "同步间隔 (秒)"),
    QT_TRANSLATE_NOOP("Settings", "在线时多久与中心服务器同步一次；有新工单时立即同步。"),
    QT_TRANSLATE_NOOP("Settings", "日志级别"),
    QT_TRANSLATE_NOOP("Settings", "通话"),
    QT_TRANSLATE_NOOP("Settings", "话后处理时长 (秒)"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "挂断后留给话后处理的时间，状态栏倒计时；到时或受理工单后坐席回到空闲（选了小休则进入小休）。",
    ),
    QT_TRANSLATE_NOOP("Settings", "来电提示音"),
    QT_TRANSLATE_NOOP(
        "Settings", "来电振铃时，除弹出来电信息外再播放一声短提示音（电话本身不响铃时使用；默认关闭）。"
    ),
    QT_TRANSLATE_NOOP("Settings", "电话系统录音目录"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "电话系统发来录音事件时，只接受这个目录中的录音文件；留空表示本机数据目录中的 recordings。",
    ),
    QT_TRANSLATE_NOOP("Settings", "录音监视目录"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "电话系统存放通话录音 (WAV) 的目录，可为网络共享目录；新录音在后台转写，并按通话编号或来电号码和时间"
        "附到对应工单。留空表示不监视。",
    ),
    QT_TRANSLATE_NOOP("Settings", "录音目录检查间隔 (秒)"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "多久查看一次录音监视目录有无新文件（网络共享目录不可靠地通知变化，所以定时查看）。",
    ),
    QT_TRANSLATE_NOOP("Settings", "录音写完判定 (秒)"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "录音文件大小和修改时间这么多秒不变，才视为电话系统已写完并开始转写。",
    ),
    QT_TRANSLATE_NOOP("Settings", "录音文件命名规则"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "从录音文件名读出通话编号、来电号码和时间的正则表达式，分组名 call_id、caller、time"
        "（14 位数字 yyyymmddHHMMSS）；文件旁同名 .json（call_id、caller、started_at）优先。",
    ),
    QT_TRANSLATE_NOOP("Settings", "录音匹配工单时间范围 (分钟)"),
    QT_TRANSLATE_NOOP(
        "Settings",
        "没有通话编号可对时，把录音附到同一来电号码、受理时间在录音时间前后这么多分钟内最近的工单。",
    ),
    QT_TRANSLATE_NOOP("Settings", "语音"),
    QT_TRANSLATE_NOOP("Settings", "麦克风 / 录音设备"),
    QT_TRANSLATE_NOOP("Settings", "通话转写使用的输入设备；留空表示系统默认设备。"),
    QT_TRANSLATE_NOOP("Settings", "断句停顿 (毫秒)"),
    QT_TRANSLATE_NOOP(
        "Settings", "来电人停顿这么久，这句话就定稿显示；0 表示按语音模型自带的规则（约 1 秒后）。"
    ),
    QT_TRANSLATE_NOOP("Settings", "保存通话录音"),
    QT_TRANSLATE_NOOP("Settings", "除转写文字外，是否把通话原始录音保存在本机数据目录（默认不保存）。"),
    QT_TRANSLATE_NOOP("Settings", "录音保留天数"),
    QT_TRANSLATE_NOOP("Settings", "保存的通话录音超过这个天数后自动删除。"),
    QT_TRANSLATE_NOOP("Settings", "写入日志文件的最低级别；日志中的电话号码已脱敏。"),
    QT_TRANSLATE_NOOP("Settings", "隐私"),
    QT_TRANSLATE_NOOP("Settings", "已办结工单个人信息保留天数"),
    QT_TRANSLATE_NOOP(
        "Settings", "办结超过这个天数后，本机把来电人姓名、电话、地址脱敏（张**、138****5678、只留区）。"
    ),
    QT_TRANSLATE_NOOP("Settings", "已同步记录保留天数"),
    QT_TRANSLATE_NOOP(
        "Settings", "中心服务器已确认的同步记录、已处理的同步冲突和已读通知，超过这个天数后删除。"
    ),
    QT_TRANSLATE_NOOP("Settings", "未受理草稿保留天数"),
    QT_TRANSLATE_NOOP("Settings", "超过这个天数没有修改的草稿（未受理或已放弃）将被删除。"),
    QT_TRANSLATE_NOOP("Settings", "通话转写保留天数"),
    QT_TRANSLATE_NOOP("Settings", "通话转写文字（只保存在本机）超过这个天数后删除。"),
)


JURISDICTION = "centre.jurisdiction"  # whether its places load is known only once they are read


@dataclass(frozen=True)
class InUse:
    """A value in use this run that the config file does not hold, and where it comes from."""

    value: str
    source: str  # translated: 内置演示服务器, 跟随系统语言 …


def tr_setting(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


class SettingsDialog(QDialog):
    """Edits a copy of the config; `result_config` holds the checked values after OK.

    The operator's pages come first; what only IT staff should change (page sizes, timings, log level,
    retention, the link to the server) is on the last page, 高级. Under each field: what it does,
    whether it needs a restart, and the value in use when that comes from elsewhere (`in_use`).
    """

    modelsChanged = Signal()  # a speech model was installed, chosen or removed (at once, not on OK)

    def __init__(
        self,
        config: Config,
        parent: QWidget | None = None,
        *,
        models: ModelManager | None = None,
        in_use: Mapping[str, InUse] | None = None,
    ) -> None:
        """`in_use`: values this run took from elsewhere than the config file (the demo's embedded
        server, the language of the system …), shown under their fields."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self._config = config
        self._in_use = dict(in_use or {})
        self.result_config: Config | None = None
        self.editors: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self._tips: dict[str, str] = {}
        self.tabs = QTabWidget()
        for page in dict.fromkeys(s.page for s in SETTINGS if not s.advanced):
            self.tabs.addTab(
                self._form([s for s in SETTINGS if s.page == page and not s.advanced]), tr_setting(page)
            )
        self.model_page: ModelPage | None = None
        if models is not None:
            self.model_page = ModelPage(models)
            self.model_page.changed.connect(self.modelsChanged)
            self.tabs.addTab(self.model_page, self.tr("语音模型"))
        self.advanced_page = self._advanced()
        self.tabs.addTab(self.advanced_page, self.tr("高级"))
        self.errors = plain(QLabel(objectName="errors", wordWrap=True))
        self.errors.setStyleSheet(f"color: {palette.ERROR};")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.resize(720, 560)
        # Per jurisdiction checked, why its places cannot be used (None: they load). The one in use
        # is checked now and a problem shown; a new one must load before OK takes it.
        self._places: dict[str, Problem | None] = {}
        self._accepting: str | None = None  # the jurisdiction OK waits for
        self._check_places(str(config.get(JURISDICTION)))

    def _advanced(self) -> QScrollArea:
        """The IT staff's settings, grouped as the operator's pages are, in one scrolling page."""
        body = QWidget()
        column = QVBoxLayout(body)
        intro = QLabel(self.tr("供 IT 人员使用：话务员通常无需修改以下设置。"), wordWrap=True)
        intro.setStyleSheet(f"color: {palette.MUTED};")
        column.addWidget(intro)
        for page in dict.fromkeys(s.page for s in SETTINGS if s.advanced):
            group = QGroupBox(tr_setting(page))
            QVBoxLayout(group).addWidget(self._form([s for s in SETTINGS if s.page == page and s.advanced]))
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea(objectName="advancedPage")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _form(self, settings: list[Setting]) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        for setting in settings:
            editor = self._editor(setting, self._config.get(setting.name))
            editor.setObjectName(setting.name)
            lines = [tr_setting(setting.description)]
            if setting.restart:
                lines.append(self.tr("重启程序后生效。"))
            tip = "\n".join(lines)
            if (in_use := self._in_use.get(setting.name)) is not None:
                lines.append(fill(self.tr("正在使用：%1（%2）"), in_use.value, in_use.source))
                if isinstance(editor, QLineEdit):
                    editor.setPlaceholderText(in_use.value)
            note = plain(QLabel("\n".join(lines), wordWrap=True))
            note.setStyleSheet(f"color: {palette.MUTED};")
            editor.setToolTip(tip)
            self._tips[setting.name] = tip
            self.editors[setting.name] = editor
            self.notes[setting.name] = note
            form.addRow(tr_setting(setting.title), editor)
            form.addRow("", note)
        return widget

    @staticmethod
    def _editor(setting: Setting, value: Value) -> QWidget:
        if setting.name == "speech.input_device":  # the choices are the devices plugged in now
            return device_choice(str(value))
        if setting.choices:
            combo = QComboBox()
            for choice, text in setting.choices:
                combo.addItem(tr_setting(text), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            spin.setValue(int(value))
            return spin
        line = QLineEdit(str(value))
        return line

    def value_of(self, name: str) -> object:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def accept(self) -> None:
        """Check every value; stay open, name the problems and bring up the first field at fault."""
        checked = Config(values=dict(self._config.values))
        problems: dict[str, str] = {}
        for name in self.editors:
            try:
                checked.set(name, self.value_of(name))
            except SettingError as exc:
                problems[name] = problem_text(exc.problem)
        if not problems:
            # Settings fine alone but not together (http:// to another machine without permission).
            problems = {name: f"{name}: {problem_text(p)}" for name, p in checked.conflicts().items()}
        place = str(checked.get(JURISDICTION))
        if not problems and place != self._config.get(JURISDICTION):
            if place not in self._places:  # its places load off the GUI thread; OK comes back then
                self._accepting = place
                self.errors.setText(self.tr("正在检查辖区城市…"))
                self._check_places(place)
                return
            if (problem := self._places[place]) is not None:
                problems[JURISDICTION] = problem_text(problem)
        self._flag(problems)
        if problems:
            self._bring_up(self.editors[next(iter(problems))])
            return
        self.result_config = checked
        super().accept()

    def _flag(self, problems: Mapping[str, str]) -> None:
        for name, editor in self.editors.items():
            if name in problems:
                editor.setStyleSheet(f"border: 2px solid {palette.ERROR};")
                editor.setToolTip(problems[name])
            elif editor.styleSheet():  # flagged by the last attempt: back to normal
                editor.setStyleSheet("")
                editor.setToolTip(self._tips[name])
        self.errors.setText("\n".join(problems.values()))

    def _check_places(self, place: str) -> None:
        BackgroundOp(self, lambda: jurisdiction_problem(place)).success(
            lambda problem: self._places_checked(place, problem)
        ).run()

    def _places_checked(self, place: str, problem: Problem | None) -> None:
        self._places[place] = problem
        if self._accepting == place:
            self._accepting = None
            self.accept()
        elif problem is not None and place == self.value_of(JURISDICTION):  # the one in use is broken
            self._flag({JURISDICTION: problem_text(problem)})

    def _bring_up(self, editor: QWidget) -> None:
        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        page = next(p for p in pages if p is not None and p.isAncestorOf(editor))
        self.tabs.setCurrentWidget(page)
        if page is self.advanced_page:
            self.advanced_page.ensureWidgetVisible(editor)
        editor.setFocus()


def device_choice(value: str) -> QComboBox:
    """The input devices plugged in now; without Qt Multimedia, why there are none and the fix
    (the configured device is kept)."""
    devices = QComboBox()
    if (audio := audio_missing()) is not None:
        text = QCoreApplication.translate("SettingsDialog", "实时录音不可用：缺少 %1。修复方法：%2")
        devices.addItem(fill(text, audio.reason, audio.fix), value)
        devices.setEnabled(False)
        return devices
    from ui.call.audio_capture import input_devices

    devices.addItem(QCoreApplication.translate("SettingsDialog", "系统默认设备"), "")
    for device, description in input_devices():
        devices.addItem(description, device)
    if devices.findData(value) < 0:  # configured but unplugged: keep it, say so
        devices.addItem(
            fill(QCoreApplication.translate("SettingsDialog", "%1（未连接）"), value),
            value,
        )
    devices.setCurrentIndex(max(0, devices.findData(value)))
    return devices
