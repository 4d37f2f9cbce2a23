"""首次使用向导: what a new seat needs before its first call, without a manual or a command line.

Language (switches at once), central server and sign-in (or this PC alone), seat id and operator,
microphone with a live level meter, speech model install, and a test call event through the seat's
real socket. Shown at the first start (no config file yet), skippable, re-opened from 帮助 → 首次使用向导;
every value is a setting (app.config.settings) and stays changeable in 设置. The pages use the window's
own parts (its language switcher, login, model manager, call-event listener): the wizard adds none.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.config.settings import Config, SettingError, setting
from app.config.transport import transport_problem
from app.domain.call_states import CallEventKind
from app.domain.problem import fill
from app.paths import AppPaths
from app.telephony import CallEvent
from ui import palette
from ui.labels import problem_text
from ui.plain import plain
from ui.settings.model_page import ModelPage
from ui.settings.settings_dialog import device_choice, tr_setting
from ui.shell.i18n import LANGUAGE_NAMES, Retranslating
from ui.shell.system_check import audio_missing
from ui.wizard.level_meter import LevelMeter

if TYPE_CHECKING:
    from sync.protocol import UserInfo
    from ui.shell.main_window import MainWindow

TEST_CALL_PREFIX = "wizard-test-"  # the call id of a test call: the CTI log and the seat tell it apart


def _note(text: str = "", *, error: bool = False) -> QLabel:
    label = plain(QLabel(text, wordWrap=True))
    label.setStyleSheet(f"color: {palette.ERROR if error else palette.MUTED};")
    return label


class _Page(Retranslating, QWizardPage):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.main = window

    def retranslate(self) -> None:
        raise NotImplementedError


class LanguagePage(_Page):
    """界面语言: the whole interface, this wizard included, switches as soon as one is chosen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("languagePage")
        self.choice = QComboBox(objectName="language")
        for code, name in LANGUAGE_NAMES.items():
            self.choice.addItem(name, code)
        self.choice.setCurrentIndex(max(0, self.choice.findData(window.languages.language)))
        self.choice.currentIndexChanged.connect(lambda: window.set_language(str(self.choice.currentData())))
        self.intro = _note()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.choice)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("欢迎使用热线坐席端"))
        self.setSubTitle(self.tr("几步设置后即可接听第一个电话。每一项以后都可以在“文件 → 设置”中修改。"))
        self.intro.setText(self.tr("界面语言（选择后立即切换）："))


class ServerPage(_Page):
    """中心服务器: its address and a sign-in through the seat's own login dialog, or this PC alone."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("serverPage")
        config = window.ws.config
        url = window.sync.server_url or config.text("server.url")
        self.alone = QRadioButton(objectName="standalone")
        self.central = QRadioButton(objectName="useServer")
        group = QButtonGroup(self)
        group.addButton(self.alone)
        group.addButton(self.central)
        (self.central if url else self.alone).setChecked(True)
        self.url = QLineEdit(url, objectName="serverUrl")
        self.url.setPlaceholderText("https://12345.example.gov.cn")
        self.login_button = QPushButton(objectName="login")
        self.login_button.clicked.connect(self.log_in)
        self.signed_in = plain(QLabel(objectName="signedIn", wordWrap=True))
        self.error = _note(error=True)
        self.error.setObjectName("serverError")
        form = QFormLayout()
        self.url_label = QLabel()
        form.addRow(self.url_label, self.url)
        form.addRow("", self.login_button)
        form.addRow("", self.signed_in)
        layout = QVBoxLayout(self)
        layout.addWidget(self.central)
        layout.addLayout(form)
        layout.addWidget(self.alone)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.alone.toggled.connect(self._enable)
        window.sync.userChanged.connect(self._show_user)
        self._enable()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("中心服务器"))
        self.setSubTitle(self.tr("工单同步到热线中心的服务器；没有服务器时工单保存在本机，以后可再连接。"))
        self.central.setText(self.tr("连接中心服务器"))
        self.alone.setText(self.tr("暂不连接，只在本机工作"))
        self.url_label.setText(self.tr("服务器地址"))
        self.login_button.setText(self.tr("登录…"))
        self._show_user(self.main.sync.user)

    def _enable(self) -> None:
        for widget in (self.url, self.login_button, self.signed_in):
            widget.setEnabled(self.central.isChecked())
        self.error.clear()

    def _show_user(self, user: UserInfo | None) -> None:
        if user is None:
            self.signed_in.setText(self.tr("尚未登录"))
        else:
            self.signed_in.setText(fill(self.tr("已登录：%1（%2）"), user.display_name, user.username))

    def chosen_url(self) -> str:
        return self.url.text().strip().rstrip("/") if self.central.isChecked() else ""

    def problem(self) -> str:
        """Why the address cannot be used, "" when it can (as 设置 checks it)."""
        url = self.chosen_url()
        if self.central.isChecked() and not url:
            return self.tr("请填写服务器地址，或选择只在本机工作。")
        try:
            setting("server.url").check(url)
        except SettingError as exc:
            return problem_text(exc.problem)
        allow = self.main.ws.config.get("server.allow_insecure_http") is True
        if (refused := transport_problem(url, allow_insecure_http=allow)) is not None:
            return problem_text(refused)
        return ""

    def log_in(self) -> None:
        if problem := self.problem():
            self.error.setText(problem)
            return
        self.error.clear()
        self.main.open_login(server_url=self.chosen_url())

    def validatePage(self) -> bool:
        self.error.setText(self.problem())
        return not self.error.text()


class SeatPage(_Page):
    """坐席号 and 话务员: checked by the same rules as in 设置."""

    NAMES = ("seat.id", "seat.operator")

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("seatPage")
        config = window.ws.config
        self.edits = {name: QLineEdit(config.text(name), objectName=name) for name in self.NAMES}
        self.labels = {name: QLabel() for name in self.NAMES}
        self.error = _note(error=True)
        self.error.setObjectName("seatError")
        form = QFormLayout()
        for name in self.NAMES:
            form.addRow(self.labels[name], self.edits[name])
        self.hint = _note()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("坐席"))
        self.setSubTitle(self.tr("本机的坐席号由热线中心分配，中心服务器用它区分坐席。"))
        for name in self.NAMES:
            self.labels[name].setText(tr_setting(setting(name).title))
        self.hint.setText(self.tr("坐席号和话务员在重启程序后生效。"))

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def validatePage(self) -> bool:
        problems = []
        for name, value in self.values().items():
            try:
                setting(name).check(value)
            except SettingError as exc:
                problems.append(problem_text(exc.problem))
        self.error.setText("\n".join(problems))
        return not problems


class MicrophonePage(_Page):
    """麦克风: the device, and a meter that moves while the operator speaks into it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("microphonePage")
        self.devices = device_choice(window.ws.config.text("speech.input_device"))
        self.devices.setObjectName("microphone")
        self.meter = LevelMeter()
        self.message = _note()
        self.message.setObjectName("microphoneMessage")
        self.missing = audio_missing()
        self.meter.setVisible(self.missing is None)
        self.devices.currentIndexChanged.connect(self.listen)
        self.meter_label = QLabel()
        form = QFormLayout()
        self.device_label = QLabel()
        form.addRow(self.device_label, self.devices)
        form.addRow(self.meter_label, self.meter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("麦克风"))
        self.setSubTitle(self.tr("选择通话转写使用的录音设备，对着麦克风说话，音量条应随之跳动。"))
        self.device_label.setText(tr_setting(setting("speech.input_device").title))
        self.meter_label.setText(self.tr("音量"))
        if self.missing is not None:
            self.message.setText(
                fill(
                    self.tr("实时录音不可用：缺少 %1。修复方法：%2。可以先跳过此步，以后在设置中选择。"),
                    self.missing.reason,
                    self.missing.fix,
                )
            )
        elif self.meter.error:
            self.message.setText(self.meter.error)
            self.message.setStyleSheet(f"color: {palette.ERROR};")
            return
        else:
            self.message.setText(self.tr("音量条不动：请检查耳麦是否插好、是否静音，或换一个设备。"))
        self.message.setStyleSheet(f"color: {palette.MUTED};")

    def device(self) -> str:
        return str(self.devices.currentData() or "")

    def listen(self) -> None:
        if self.missing is None and self.isVisible():
            self.meter.listen(self.device())
            self.retranslate()

    def initializePage(self) -> None:
        if self.missing is None:
            self.meter.listen(self.device())
        self.retranslate()

    def cleanupPage(self) -> None:  # back to the page before
        self.meter.stop()

    def validatePage(self) -> bool:  # on to the next
        self.meter.stop()
        return True


class SpeechModelPage(_Page):
    """语音模型: installed from a zip or a folder with the 设置 page itself (progress off the GUI thread)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("speechModelPage")
        self.models = ModelPage(window.call_panel.models)
        self.models.changed.connect(window.call_panel.reload_model)
        # The bar moves as an install goes and drops back to 0 when it ends, well or not: no Next
        # while a model is half unpacked.
        self.models.progress.valueChanged.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.models)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("语音模型"))
        self.setSubTitle(
            self.tr(
                "通话转写需要一个语音识别模型：选择 IT 提供的模型压缩包或文件夹安装。没有模型也能受理工单。"
            )
        )

    def isComplete(self) -> bool:
        return not self.models.installing


def call_command(paths: AppPaths, *args: str) -> tuple[list[str], list[str]]:
    """`hotline-seat [--home DIR] call ARGS` for this seat, as the phone system runs it: how to start
    the program itself (a frozen build has no `-m`), and its arguments, with the seat's data folder
    when it is not the default one."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ui"]
    home = [] if paths == AppPaths.default() else ["--home", str(paths.data_dir.parent)]
    return program, [*home, "call", *args]


class TestCallPage(_Page):
    """测试来电: `hotline-seat call ringing` run as the phone system runs it, through the seat's real
    socket, and the event seen to arrive; a `missed` for the same call then ends it, so the test
    leaves the seat as it was. (A separate process: a sender in this one would hold the GIL while it
    waits for the seat's answer, which this very process has to give.)"""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("testCallPage")
        self.button = QPushButton(objectName="sendTestCall")
        self.button.clicked.connect(self.send_test_call)
        self.command = plain(QLabel(objectName="testCallCommand", wordWrap=True))
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = plain(QLabel(objectName="testCallResult", wordWrap=True))
        self.call_id = ""
        self.arrived = False
        self._process: QProcess | None = None
        window.call_events.arrived.connect(self._arrived)
        self.hint = _note()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.button)
        layout.addWidget(self.command)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("测试来电"))
        self.setSubTitle(
            self.tr("电话系统通过本机的来电事件接口通知坐席；这里发送一个测试来电，检查它能否到达。")
        )
        self.hint.setText(self.tr("电话系统接入方法见管理员手册“来电事件”一节。"))
        self.button.setText(self.tr("发送测试来电"))

    def send_test_call(self) -> None:
        self.call_id = TEST_CALL_PREFIX + secrets.token_hex(4)
        self.arrived = False
        self.button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("正在发送测试来电…"))
        self._run("ringing", self._rang)

    def _run(self, event: str, done: Callable[[int, str], None]) -> None:
        (program, *start), args = call_command(self.main.ws.paths, event, "--id", self.call_id)
        if event == "ringing":  # what the phone system runs, for IT to compare with theirs
            self.command.setText(shlex.join(["hotline-seat", *args]))
        process = QProcess(self.main)  # the window's: a wizard closed meanwhile still ends the test call
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)

        def finished(code: int, _status: QProcess.ExitStatus) -> None:
            if not shiboken6.isValid(process):  # killed as the window closed: nobody to tell
                return
            said = bytes(process.readAll().data()).decode("utf-8", "replace").strip()
            process.deleteLater()
            if shiboken6.isValid(self):
                done(code, said)

        def failed(error: QProcess.ProcessError) -> None:
            if error is QProcess.ProcessError.FailedToStart and shiboken6.isValid(self):
                done(-1, process.errorString())  # other errors: `finished` follows

        process.finished.connect(finished)
        process.errorOccurred.connect(failed)
        process.start(program, [*start, *args])

    def _arrived(self, event: CallEvent) -> None:
        if event.call_id == self.call_id and event.kind is CallEventKind.RINGING:
            self.arrived = True

    def _rang(self, code: int, said: str) -> None:
        self.button.setEnabled(True)
        if code != 0 or not self.arrived:
            self.result.setStyleSheet(f"color: {palette.ERROR};")
            self.result.setText(fill(self.tr("测试来电未到达：%1"), said or self.tr("坐席没有收到")))
            return
        self.result.setStyleSheet(f"color: {palette.ONLINE};")
        self.result.setText(fill(self.tr("已收到测试来电 %1：来电事件接口工作正常。"), self.call_id))
        self._run("missed", lambda _code, _said: None)


class FirstRunWizard(Retranslating, QWizard):
    """Finish writes the chosen values to the config file (through the window, as 设置 does); 跳过
    writes the file as it is, so that the next start is no longer a first one."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("firstRunWizard")
        self.main = window
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.language = LanguagePage(window)
        self.server = ServerPage(window)
        self.seat = SeatPage(window)
        self.microphone = MicrophonePage(window)
        self.speech_model = SpeechModelPage(window)
        self.test_call = TestCallPage(window)
        for page in (
            self.language,
            self.server,
            self.seat,
            self.microphone,
            self.speech_model,
            self.test_call,
        ):
            self.addPage(page)
        self.finished.connect(self._finished)
        self.resize(720, 540)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("首次使用向导"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("跳过"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))

    def chosen(self) -> Config:
        """The config with what the pages hold."""
        config = Config(values=dict(self.main.ws.config.values))
        config.set("server.url", self.server.chosen_url())
        for name, value in self.seat.values().items():
            config.set(name, value)
        config.set("speech.input_device", self.microphone.device())
        return config

    def _finished(self, result: int) -> None:
        self.microphone.meter.stop()
        accepted = result == QDialog.DialogCode.Accepted.value
        self.main.apply_settings(self.chosen() if accepted else self.main.ws.config)
