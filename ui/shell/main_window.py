"""The seat's main window: intake in the middle, call, knowledge and queue docked around it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMessageBox, QSystemTrayIcon, QWidget

from app import logs
from app.config.settings import Config, resolve_language
from app.domain.article import Article
from app.domain.call import CallError
from app.domain.call_states import CallEventKind, CallPhase
from app.domain.callback import Callback
from app.domain.callback_states import CallbackEvent, CallbackKind
from app.domain.draft import ArticleRef, Draft
from app.domain.problem import Problem, ProblemError, fill
from app.domain.seat import SeatEvent, SeatState
from app.domain.status import Role, Status
from app.domain.ticket import Ticket
from app.knowledge.base import KnowledgeBase
from app.knowledge.search import answer_text
from app.notify.notification import Notification
from app.store.changes import Changes
from app.telephony import CallEvent, channel_address, recording_problem, simulations_folder
from app.workspace import Workspace
from sync.client.status import SyncState, SyncStatus
from ui.call.call_events import CallEventListener
from ui.call.call_panel import CallPanel
from ui.call.callback_list import CallbackList
from ui.call.recording_watch import SETTINGS as RECORDING_SETTINGS
from ui.call.recording_watch import RecordingWatcher, watch_plan
from ui.call.recordings_panel import RecordingsPanel
from ui.call.screen_pop import ScreenPop
from ui.call.seat_desk import SeatDesk
from ui.export.export_action import EXPORT_KEY, Exporter
from ui.intake.intake_form import IntakeForm
from ui.intake.parked_drafts import LIST_KEY, RETURN_KEY
from ui.kb.kb_panel import KbPanel
from ui.labels import error_text, problem_text, worded
from ui.notify.notification_list import NotificationList
from ui.notify.notifier import Notifier
from ui.ops import TRACKER, BackgroundOp, ChangeBus, Pending, drain, in_thread, pool_pending, write_op
from ui.queue.queue_view import QueueView
from ui.settings.settings_dialog import InUse, SettingsDialog, tr_setting
from ui.shell.embedded_server import EmbeddedServer
from ui.shell.font import apply_font_scale
from ui.shell.i18n import LANGUAGE_NAMES, LanguageSwitcher, Retranslating
from ui.shell.shortcuts_dialog import ShortcutsDialog
from ui.shell.status_bar import SeatStatusBar
from ui.shell.system_check import missing_parts
from ui.sync.seat_sync import Risk, SeatSync, SecurityNotice

# The dialogs are imported when first opened: several bring the sync client (httpx, the pydantic
# wire models), which the window does not need to show.
if TYPE_CHECKING:
    from sync.protocol import SeatReport, UserInfo
    from ui.kb.kb_editor import KbEditorDialog
    from ui.kb.kb_report import KbReportDialog
    from ui.lead.board import LeadBoard
    from ui.lead.figures_page import FiguresPage
    from ui.lead.hotspots_page import HotspotsPage
    from ui.sync.accounts_dialog import AccountsDialog, ChangePasswordDialog
    from ui.sync.conflicts_dialog import ConflictsDialog
    from ui.sync.login_dialog import LoginDialog
    from ui.ticket.ticket_dialog import TicketDialog
    from ui.wizard.first_run import FirstRunWizard

log = logging.getLogger(__name__)
KB_EDITORS = frozenset({Role.TEAM_LEAD, Role.ADMIN})  # the server checks again on every save
DEFAULT_SIZE = QSize(1440, 900)  # the first start's; then the size the operator left it at


SHUTDOWN_WITHIN = 30.0  # seconds: the longest the seat goes on in the background after its window closed


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


class MainWindow(Retranslating, QMainWindow):
    # Closing has finished: the draft, the config and the layout are written, the sync loop and the
    # embedded server have stopped (or SHUTDOWN_WITHIN passed, logged). The workspace may close.
    shutDown = Signal()

    def __init__(
        self,
        workspace: Workspace,
        languages: LanguageSwitcher,
        *,
        demo: bool,
        server_url: str | None = None,
        account: tuple[str, str] | None = None,
    ) -> None:
        """`server_url` overrides the configured one (the embedded demo server); `account` signs in
        to it by itself."""
        super().__init__()
        self.setObjectName("mainWindow")
        self._desk_role = Role.OPERATOR  # the signed-in user's, once someone signs in
        self.ws, self.languages, self.demo = workspace, languages, demo
        self.bus = ChangeBus(self)
        self._closing_since: float | None = None  # while closing: when the operator closed the window
        self._shut = False
        # One thread: config writes land in order. No parent: a shutdown still waiting on it
        # keeps it alive even if the window is deleted meanwhile.
        self._config_writer = QThreadPool()
        self._config_writer.setMaxThreadCount(1)
        self.intake = IntakeForm(workspace, self.bus)
        self.setCentralWidget(self.intake)
        self.screen_pop = ScreenPop(workspace)  # 来电弹屏, over the form
        self.intake.show_above(self.screen_pop)
        self.intake.callers.historyFound.connect(self.screen_pop.history_found)
        self.queue = QueueView(workspace, self.bus)
        self.call_panel = CallPanel(workspace, lambda: self.intake.current_draft().id)
        self.call_panel.sentenceChosen.connect(self.intake.insert_from_transcript)
        self.intake.draftResumed.connect(self.call_panel.show_draft)  # a parked call's transcript
        # The KB dock opens the file on its worker: a slow or locked disk never holds up the window.
        self.kb = KnowledgeBase.open(workspace.paths.kb_file, defer=True)
        self.kb_panel = KbPanel(self.kb, workspace.taxonomy, self.bus, demo=demo)
        self.call_panel.transcriptChanged.connect(self.kb_panel.feed_transcript)  # agent assist
        content = self.intake.content  # ... from what the operator types as well
        content.textChanged.connect(lambda: self.kb_panel.feed_request(content.toPlainText()))
        self.intake.newIntake.connect(self.kb_panel.start_over)
        self.call_panel.finalsChanged.connect(self.intake.hear)  # auto-fill, from settled text only
        self.intake.saidShown.connect(self.call_panel.show_said)  # provenance: where a field came from
        self.seat_desk = SeatDesk(lambda: workspace.config.number("calls.wrap_up_seconds"), parent=self)
        self.call_events = CallEventListener(
            channel_address(workspace.paths.data_dir), self._judge_call, self
        )
        self.call_events.arrived.connect(self._call_event)
        # 录音转写: recordings from the phone system, transcribed on a worker thread of their own.
        self.recordings = RecordingsPanel(workspace.recordings)
        self.recording_watch = RecordingWatcher(
            workspace.recordings,
            model=lambda: self.call_panel.model,
            busy=lambda: self.seat_desk.desk.live is not None,  # the live call has the CPU first
            live_calls=self._call_ticket,
            parent=self,
        )
        self.recording_watch.changed.connect(self.recordings.folder_changed)
        self.recording_watch.progressed.connect(self.recordings.progressed)
        self.recording_watch.attached.connect(
            lambda ticket_id: self.bus.changed.emit(Changes(transcripts=frozenset({ticket_id})))
        )
        self.recordings.ticketActivated.connect(self.open_ticket)
        self.call_panel.modelReady.connect(self._recordings_source)
        self.call_events.refused.connect(
            lambda refusal: self.statusBar().showMessage(error_text(refusal), 15_000)
        )
        self._local_risks: list[SecurityNotice] = []
        if (problem := self.call_events.listen()) is not None:
            log.warning("no call events: %s", problem)
            if self.call_events.unsafe:  # someone else's socket or folder: said until it is fixed
                self._local_risks.append(SecurityNotice(Risk.CALL_SOCKET_REFUSED, problem))
        self.notifier = Notifier(workspace, self.bus, in_call=self._in_call, parent=self)
        self.notifications = NotificationList(workspace.zone)
        self.callback_list = CallbackList(workspace, self.bus)
        self.callback_list.callbackRequested.connect(self.start_callback)
        self.callback_list.resultRecorded.connect(self._callback_recorded)
        self.docks = {
            "call": self._dock("callDock", self.call_panel, Qt.DockWidgetArea.LeftDockWidgetArea),
            "kb": self._dock("kbDock", self.kb_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            "queue": self._dock("queueDock", self.queue, Qt.DockWidgetArea.BottomDockWidgetArea),
            "callbacks": self._dock(
                "callbackDock", self.callback_list, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "recordings": self._dock(
                "recordingsDock", self.recordings, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "notifications": self._dock(
                "notificationsDock", self.notifications, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
        }
        # A tab beside 我的工单: both are lists of work, and the window has no room for a fifth pane.
        self.tabifyDockWidget(self.docks["queue"], self.docks["callbacks"])
        self.tabifyDockWidget(self.docks["queue"], self.docks["recordings"])
        self.tabifyDockWidget(self.docks["queue"], self.docks["notifications"])
        self.docks["queue"].raise_()
        # The KB dock runs the window's full height beside the queue: answers are read mid-call.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = SeatStatusBar(workspace.seat, demo=demo)
        self.missing_parts = missing_parts()  # found once: the status bar and --self-test show them
        self.status.show_missing(self.missing_parts)
        self.status.show_security(self._local_risks)
        self.setStatusBar(self.status)
        self.sync = SeatSync(
            workspace,
            self.bus,
            server_url=server_url if server_url is not None else workspace.config.text("server.url"),
            interval=workspace.config.number("sync.interval_s"),
            account=account,
            kb=self.kb.store,
            allow_insecure_http=workspace.config.get("server.allow_insecure_http") is True,
            ca_bundle=workspace.config.text("server.ca_bundle"),
            seat_report=self._seat_report,
            parent=self,
        )
        self.exporter = Exporter(  # 导出 (Ctrl+Shift+E): as the account signed in at the time may take it out
            role=lambda: self.sync.user.role if self.sync.user is not None else Role.OPERATOR,
            username=lambda: self.sync.user.username if self.sync.user is not None else "",
            exports=workspace.exports,
            zone=workspace.zone,
        )
        self.embedded_server: EmbeddedServer | None = None  # set by whoever started one for this window
        self.kb_panel.set_import_allowed(not self.sync.configured)
        if self.sync.configured:
            self.status.show_connecting()
        self.intake.callers.set_server(self.sync.caller_api)
        self.sync.statusChanged.connect(self._sync_reported)
        self.sync.securityChanged.connect(
            lambda notices: self.status.show_security(self._local_risks + notices)
        )
        self.sync.userChanged.connect(self._user_changed)
        self.sync.noticesArrived.connect(self._show_notices)
        self.status.connectionClicked.connect(self._connection_clicked)
        self.status.stateChosen.connect(self.choose_state)
        self.seat_desk.changed.connect(self._show_desk)
        self._show_desk()
        self.status.conflictsClicked.connect(self.open_conflicts)
        self._connect_notifications()
        self._actions: dict[str, QAction] = {}
        self._pending_asked = 0  # the latest pending count asked for: only its answer is shown
        self._build_menus()
        self.bus.changed.connect(self._on_changed)
        self.intake.ticketAccepted.connect(self._on_accepted)
        self.intake.articlesUsed.connect(self._record_uses)
        self.queue.ticketActivated.connect(self.open_ticket)
        self.kb_panel.answerChosen.connect(self._answer_with)
        self.kb_panel.editRequested.connect(self.open_kb_editor)
        self.retranslate()
        self._restore_layout()
        # The window shows first: what it reads from disk or the network starts once it is up.
        QTimer.singleShot(0, self, self._start_parts)

    def _start_parts(self) -> None:
        self._restore_draft()
        self.intake.parked.refresh()
        self._apply_retention()
        self._refresh_pending()
        self.callback_list.refresh()
        self.notifier.start()
        self.sync.start()
        self._start_recordings()

    # -- layout ---------------------------------------------------------------------------------
    def _dock(self, name: str, body: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(body)
        self.addDockWidget(area, dock)
        return dock

    def _layout_settings(self) -> QSettings:
        return QSettings(str(self.ws.paths.config_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        self.resize(DEFAULT_SIZE)
        screen = self.screen().availableGeometry().size()
        if DEFAULT_SIZE.width() > screen.width() or DEFAULT_SIZE.height() > screen.height():
            # A small screen (1366×768 is common on seat PCs): all of it, title and status bar in view.
            self.setWindowState(Qt.WindowState.WindowMaximized)
        self.resizeDocks([self.docks["call"], self.docks["kb"]], [360, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["queue"]], [300], Qt.Orientation.Vertical)
        settings = self._layout_settings()
        geometry, state = settings.value("geometry"), settings.value("state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    # -- menus and shortcuts --------------------------------------------------------------------
    def _action(self, key: str, shortcuts: Sequence[str], slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setObjectName(key)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self._actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self._action("settings", ["Ctrl+,"], self.open_settings))
        export = self._action("export", [EXPORT_KEY], lambda: self.exporter.export_focused(self))
        self.file_menu.addAction(export)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("quit", ["Ctrl+Q"], self.close))

        self.ticket_menu = bar.addMenu("")
        self.ticket_menu.addAction(self._action("new", ["F2"], self.intake.start_new))
        self.ticket_menu.addAction(self._action("urgent", ["F4"], self.intake.toggle_urgent))
        self.ticket_menu.addAction(
            self._action(
                "accept", ["Ctrl+Return", "Ctrl+Enter"], lambda: self.intake.accept_ticket(close_direct=False)
            )
        )
        self.ticket_menu.addAction(
            self._action(
                "closeDirect",
                ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                lambda: self.intake.accept_ticket(close_direct=True),
            )
        )
        self.ticket_menu.addAction(self._action("returnParked", [RETURN_KEY], self.intake.return_to_parked))
        self.ticket_menu.addAction(self._action("parkedList", [LIST_KEY], self.intake.parked.show_list))
        self.ticket_menu.addSeparator()
        self.ticket_menu.addAction(self._action("search", ["Ctrl+F"], self._focus_search))
        self.ticket_menu.addAction(
            self._action("refresh", ["F5"], lambda: self.bus.changed.emit(Changes(queue=True)))
        )

        self.sync_menu = bar.addMenu("")
        self.sync_menu.addAction(self._action("syncNow", ["F6"], self.sync.sync_now))
        self.sync_menu.addAction(self._action("conflicts", ["Ctrl+Shift+C"], self.open_conflicts))
        self.sync_menu.addSeparator()
        self.sync_menu.addAction(self._action("login", ["Ctrl+L"], self.open_login))
        self.sync_menu.addAction(self._action("logout", [], self.sync.logout))
        self.sync_menu.addSeparator()
        self.sync_menu.addAction(self._action("changePassword", [], self.open_change_password))
        self.sync_menu.addAction(self._action("accounts", [], self.open_accounts))
        self._actions["changePassword"].setEnabled(False)  # until someone is signed in
        self._actions["accounts"].setVisible(False)  # until an admin is

        self.seat_menu = bar.addMenu("")
        self.seat_menu.addAction(
            self._action("idle", ["F9"], partial(self.choose_state, SeatEvent.CHOOSE_IDLE))
        )
        self.seat_menu.addAction(
            self._action("wrapUp", ["F8"], partial(self.choose_state, SeatEvent.CHOOSE_WRAP_UP))
        )
        self.seat_menu.addAction(self._action("break", ["F10"], self.status.choose_break))
        self.seat_menu.addSeparator()
        self.seat_menu.addAction(self._action("callbacks", ["Ctrl+Shift+R"], self.show_callbacks))
        self.seat_menu.addAction(self._action("myFigures", ["Ctrl+Shift+F"], self.open_my_figures))
        self.seat_menu.addAction(self._action("notifications", ["Ctrl+Shift+M"], self.show_notifications))

        self.view_menu = bar.addMenu("")
        for index, (key, dock) in enumerate(self.docks.items(), start=1):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(f"Alt+{index}"))
            toggle.setObjectName(f"toggle_{key}")
            self.view_menu.addAction(toggle)
        self.view_menu.addAction(self._action("focusIntake", ["Alt+0"], self.intake.content.setFocus))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self._action("kbReport", [], self.open_kb_report))
        self._actions["kbReport"].setEnabled(False)  # for leads and admins, once signed in
        self.view_menu.addAction(self._action("leadBoard", ["Ctrl+Shift+B"], self.open_lead_board))
        self._actions["leadBoard"].setVisible(False)  # for leads and admins, once signed in
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        for language in LANGUAGE_NAMES:
            action = self._action(f"lang_{language}", [], partial(self.set_language, language))
            action.setCheckable(True)
            action.setChecked(language == self.languages.language)
            group.addAction(action)
            self.language_menu.addAction(action)

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self._action("shortcuts", ["F1"], self.show_shortcuts))
        self.help_menu.addAction(self._action("wizard", [], self.open_wizard))

    def retranslate(self) -> None:
        # Ends with the program's name, which Qt would otherwise add once more (it adds the display
        # name to every title that does not end with it).
        seat = fill(self.tr("坐席 %1"), self.ws.seat.seat_id)
        demo = self.tr(" [演示数据]") if self.demo else ""
        self.setWindowTitle(f"{seat}{demo} — {QGuiApplication.applicationDisplayName()}")
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.ticket_menu.setTitle(self.tr("工单(&T)"))
        self.sync_menu.setTitle(self.tr("同步(&Y)"))
        self.seat_menu.setTitle(self.tr("坐席(&S)"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.language_menu.setTitle(self.tr("界面语言"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        texts = {
            "settings": self.tr("设置…"),
            "export": self.tr("导出当前列表…"),
            "quit": self.tr("退出"),
            "new": self.tr("新建受理单"),
            "urgent": self.tr("标记紧急 / 取消紧急"),
            "accept": self.tr("受理"),
            "closeDirect": self.tr("受理并直接办结"),
            "returnParked": self.tr("返回挂起的受理单"),
            "parkedList": self.tr("挂起的受理单列表…"),
            "search": self.tr("搜索我的工单"),
            "refresh": self.tr("刷新"),
            "syncNow": self.tr("立即同步"),
            "conflicts": self.tr("同步冲突…"),
            "login": self.tr("登录中心服务器…"),
            "logout": self.tr("注销"),
            "changePassword": self.tr("修改密码…"),
            "accounts": self.tr("账号管理…"),
            "idle": self.tr("置为空闲"),
            "wrapUp": self.tr("话后处理"),
            "break": self.tr("小休"),
            "callbacks": self.tr("漏接回拨列表"),
            "myFigures": self.tr("我的统计…"),
            "notifications": self.tr("通知列表"),
            "focusIntake": self.tr("转到受理单"),
            "kbReport": self.tr("知识库使用统计…"),
            "leadBoard": self.tr("班长台…"),
            **{f"lang_{language}": name for language, name in LANGUAGE_NAMES.items()},
            "shortcuts": self.tr("快捷键…"),
            "wizard": self.tr("首次使用向导…"),
        }
        for key, text in texts.items():
            self._actions[key].setText(text)
        self.docks["call"].setWindowTitle(self.tr("通话转写"))
        self.docks["kb"].setWindowTitle(self.tr("知识库"))
        self.docks["callbacks"].setWindowTitle(self.tr("漏接回拨"))
        self.docks["recordings"].setWindowTitle(self.tr("录音转写"))
        self.docks["notifications"].setWindowTitle(self.tr("通知"))
        self._title_queue()

    def _title_queue(self) -> None:
        department = self._desk_role is Role.DEPARTMENT
        self.docks["queue"].setWindowTitle(self.tr("本单位工单") if department else self.tr("我的工单"))

    # -- behaviour ------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.docks["queue"].show()
        self.queue.focus_search()

    def set_language(self, language: str) -> None:
        if not self.languages.switch(language):
            QMessageBox.warning(self, self.tr("界面语言"), self.tr("找不到该语言的翻译文件，仍使用中文。"))
        self._actions[f"lang_{self.languages.language}"].setChecked(True)
        self.ws.config.set("ui.language", self.languages.language)
        self._save_config()

    def settings_dialog(self) -> SettingsDialog:
        """The settings as configured, with the values this run uses from elsewhere beside them."""
        dialog = SettingsDialog(self.ws.config, self, models=self.call_panel.models, in_use=self._in_use())
        dialog.modelsChanged.connect(self.call_panel.reload_model)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_config or self.ws.config))
        return dialog

    def open_settings(self) -> SettingsDialog:
        dialog = self.settings_dialog()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _in_use(self) -> dict[str, InUse]:
        """Values this run uses that the config file does not say: the demo's embedded server and its
        account, the language followed from the system or given at start (--lang)."""
        in_use = {}
        url = self.sync.server_url
        if url and url != self.ws.config.text("server.url"):
            source = (
                self.tr("内置演示服务器，不写入配置文件") if self.embedded_server else self.tr("本次启动指定")
            )
            in_use["server.url"] = InUse(url, source)
        user = self.sync.user
        if user is not None and user.username != self.ws.config.text("server.username"):
            in_use["server.username"] = InUse(user.username, self.tr("已登录"))
        configured, language = self.ws.config.text("ui.language"), self.languages.language
        if configured != language:
            name = LANGUAGE_NAMES.get(language, language)
            source = self.tr("跟随系统语言") if configured == "auto" else self.tr("本次启动指定")
            in_use["ui.language"] = InUse(name, source)
        return in_use

    def apply_settings(self, config: Config) -> None:
        """Take the settings from the dialog: saved, applied at once where the seat can, and the
        ones that wait for a restart named."""
        before = Config(values=dict(self.ws.config.values))
        self.ws.config.values.update(config.values)
        self._save_config()
        now = self.ws.config
        changed = {name for name, value in now.values.items() if value != before.values[name]}
        if "ui.language" in changed:
            self.set_language(resolve_language(now.text("ui.language")))
        if "ui.font_scale" in changed:
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_font_scale(app, now.number("ui.font_scale"))
        if "intake.autosave_ms" in changed:
            self.intake.set_autosave_ms(now.number("intake.autosave_ms"))
        if "log.level" in changed:
            logs.set_level(now.text("log.level"))
        if "queue.page_size" in changed:
            self.queue.model.set_page_size(now.number("queue.page_size"))
        if "sync.interval_s" in changed:
            self.sync.set_interval(now.number("sync.interval_s"))
        if changed & set(RECORDING_SETTINGS):
            self.recording_watch.set_window(now.number("calls.match_window_minutes"))
            self._start_recordings()
        if any(name.startswith("retention.") for name in changed):
            self.ws.set_retention(now)
            self._apply_retention()
        if waiting := now.restart_needed(before):
            QMessageBox.information(
                self,
                self.tr("设置"),
                self.tr("以下设置在重启程序后生效：")
                + "\n"
                + "\n".join(f"· {tr_setting(s.title)}" for s in waiting),
            )

    def _save_config(self) -> None:
        """Write the settings as they are now, off the GUI thread (the file is fsynced), one write
        after the other so that the last change is the one the file keeps."""
        snapshot, path = Config(values=dict(self.ws.config.values)), self.ws.paths.config_file
        op = BackgroundOp(self, lambda: snapshot.save(path), pool=self._config_writer)
        op.failure(self._config_not_saved).run()

    def _config_not_saved(self, exc: Exception) -> None:
        QMessageBox.critical(self, self.tr("设置"), fill(self.tr("无法保存配置文件：%1"), error_text(exc)))

    def open_wizard(self) -> FirstRunWizard:
        """首次使用向导: at the first start, and from 帮助 whenever the operator wants it again."""
        from ui.wizard.first_run import FirstRunWizard

        wizard = FirstRunWizard(self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def shortcut_rows(
        self, form: QKeySequence.SequenceFormat = QKeySequence.SequenceFormat.NativeText
    ) -> list[tuple[str, str]]:
        """(key, what it does) for every key this window answers to: the actions' own and those of
        the widgets (the queue's Enter and search keys). The F1 table (keys as the system names
        them), and what the manual may list (`PortableText`: the same on every system)."""
        native = form
        rows = [
            (action.shortcut().toString(native), action.text().replace("&", ""))
            for action in self.findChildren(QAction)
            if not action.shortcut().isEmpty()
        ]
        rows += [
            (QKeySequence(key).toString(native), text)
            for key, text in (
                ("Return", self.tr("打开选中的工单（我的工单，也可双击）")),
                ("Down", self.tr("从搜索框转到搜索结果")),
                ("Esc", self.tr("清空搜索框")),
            )
        ]
        return rows

    def show_shortcuts(self) -> ShortcutsDialog:
        """F1: `shortcut_rows` in two aligned columns."""
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def report_config_problems(self, problems: list[Problem]) -> None:
        if problems:
            QMessageBox.warning(
                self,
                self.tr("配置文件有误"),
                self.tr("以下配置项无效，已使用默认值：")
                + "\n\n"
                + "\n".join(problem_text(p) for p in problems),
            )

    def _apply_retention(self) -> None:
        """The seat's retention periods (设置 → 隐私), once per start, off the GUI thread: masked
        tickets and deleted rows reach the views through the bus."""
        write_op(self, self.bus, self.ws.purge, lambda report: log.info("retention: %s", report)).run()

    def _restore_draft(self) -> None:
        drafts, seat = self.ws.drafts, self.ws.seat.seat_id
        BackgroundOp(self, lambda: drafts.latest(seat)).success(self._draft_found).run()

    def _draft_found(self, found: tuple[Draft, int] | None) -> None:
        # Only if the operator has not started typing meanwhile: never overwrite fresh input.
        if found is not None and self.intake.revision == 0:
            draft, revision = found
            self.intake.load_draft(draft, revision, restored=not draft.is_blank)
            self.call_panel.show_saved(draft.id)  # the call that was going on when the seat stopped

    def open_ticket(self, ticket_id: str) -> TicketDialog:
        from ui.ticket.ticket_dialog import TicketDialog

        dialog = TicketDialog(self.ws, self.bus, ticket_id, self, role=self.desk_role())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_accepted(self, ticket: Ticket) -> None:
        self.seat_desk.seat_event(SeatEvent.TICKET_FILED, direct=ticket.status is Status.CLOSED)
        self.status.showMessage(fill(self.tr("已受理：%1"), ticket.display_no), 8000)
        self.queue.select_ticket(ticket.id)

    def _record_uses(self, ticket_id: str, used: list[ArticleRef]) -> None:
        """Which articles answered the accepted ticket, for the KB reports."""
        kb = self.kb
        BackgroundOp(self, lambda: [kb.record_use(ticket_id, a) for a in used]).run()

    # -- knowledge base -------------------------------------------------------------------------
    def _answer_with(self, article: Article) -> None:
        self.intake.insert_answer(answer_text(article), ArticleRef(article.id, article.version))
        self.status.showMessage(fill(self.tr("已插入知识库答复：%1"), article.title), 5000)

    def open_kb_editor(self, article: Article | None) -> KbEditorDialog:
        from ui.kb.kb_editor import KbEditorDialog

        dialog = KbEditorDialog(
            article, self.ws.taxonomy, self.sync.kb_save, self, delete=self.sync.kb_delete
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_kb_report(self) -> KbReportDialog:
        from ui.kb.kb_report import KbReportDialog

        central = self.sync.kb_report if self.sync.configured else None
        dialog = KbReportDialog(self.kb, self, central=central, zone=self.ws.zone)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.exporter.install(dialog)
        dialog.open()
        return dialog

    def open_lead_board(self) -> LeadBoard:
        """班长台, a window of its own (the server refuses the calls of anyone but a lead)."""
        from ui.lead.board import LeadBoard

        taxonomy = self.ws.taxonomy

        def name(code: str) -> str:
            return taxonomy.get(code).name if code in taxonomy else code

        board = LeadBoard(self.sync.lead, self, category_name=name, zone=self.ws.zone)
        board.add_page(self._hotspots_page(board, name))
        board.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.exporter.install(board)  # its seat board and seat queue, like any list
        board.show()
        board.start()
        return board

    def _hotspots_page(self, board: LeadBoard, name: Callable[[str], str]) -> HotspotsPage:
        """热点 · 苗头预警 from the server; in the demo from this seat's store (its demo tickets never
        reach the demo server)."""
        from app.lead.local import StoreHotspots
        from ui.lead.hotspots_page import HotspotSource, HotspotsPage

        ws, taxonomy = self.ws, self.ws.taxonomy

        def domain(code: str) -> str:
            return taxonomy.path(code)[0].code if code in taxonomy else code.split(".")[0]

        local = StoreHotspots(ws.store, ws.tickets, ws.zone, domain)
        source: Callable[[], HotspotSource] = (lambda: local) if self.demo else self.sync.lead
        page = HotspotsPage(source, ws.zone, board, category_name=name)
        page.ticketActivated.connect(self.open_ticket)
        return page

    def open_my_figures(self) -> FiguresPage:
        """我的统计: this seat's figures from its own store (offline too), a window of its own."""
        from datetime import datetime

        from app.domain.figures import Grouping
        from app.lead.figures import shift_fact
        from ui.lead.figures_page import FiguresPage, row_namer, seat_loader

        seat, ws, desk = self.ws.seat.seat_id, self.ws, self.seat_desk
        taxonomy = ws.taxonomy
        page = FiguresPage(
            seat_loader(ws.store, seat, ws.zone, lambda now: shift_fact(seat, desk.desk.seat, now)),
            [Grouping.SEAT, Grouping.CATEGORY, Grouping.DISTRICT],
            lambda: datetime.now(ws.zone).date(),
            self,
            name=row_namer(lambda code: taxonomy.get(code).name if code in taxonomy else code),
        )
        page.setWindowFlag(Qt.WindowType.Window)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.exporter.install(page)  # its table, like any list
        page.resize(1366, 768)
        page.show()
        page.refresh()
        return page

    def open_accounts(self) -> AccountsDialog:
        from ui.sync.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.sync.accounts, self, zone=self.ws.zone)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_change_password(self) -> ChangePasswordDialog:
        from ui.sync.accounts_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.sync.accounts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.status.showMessage(self.tr("密码已修改。"), 10000))
        dialog.open()
        return dialog

    def _on_changed(self, changes: Changes) -> None:
        if changes.outbox:
            self._refresh_pending()
        if changes.reference:  # Workspace.switch: a catalogue or SLA rules pulled from the server
            self.queue.model.plan_with(self.ws.sla)
            self.kb_panel.use(self.ws.taxonomy)

    def _refresh_pending(self) -> None:
        if self.sync.configured:
            return  # the sync loop reports the pending count with its state
        outbox = self.ws.outbox
        self._pending_asked += 1
        asked = self._pending_asked

        def show(pending: int) -> None:
            # Counts run on the pool side by side: one asked before a new ticket may answer after it.
            if asked == self._pending_asked:
                self.status.show_sync(None, pending)

        BackgroundOp(self, outbox.pending_count).success(show).run()

    # -- central server -------------------------------------------------------------------------
    def _sync_reported(self, status: SyncStatus | None) -> None:
        if status is None:
            self._refresh_pending()
        else:
            self.status.show_sync(status)

    def desk_role(self) -> Role:
        """The role the signed-in user works tickets in (the operator's while nobody signed in)."""
        return self._desk_role

    def _user_changed(self, user: UserInfo | None) -> None:
        # An admin decides as a team lead does (延期, 退单审核, 督办).
        role = Role.OPERATOR if user is None else user.role
        self._desk_role = Role.TEAM_LEAD if role is Role.ADMIN else role
        self.status.set_operator(user.display_name if user else self.ws.seat.operator, self._desk_role)
        # A 承办单位 account's list is the tickets dispatched to its unit (its "seat" is the unit code).
        department = user is not None and user.role is Role.DEPARTMENT
        self.queue.show_department(user.seat_id if department and user is not None else None)
        self._title_queue()
        self.kb_panel.set_can_edit(user is not None and user.role in KB_EDITORS)
        self._actions["kbReport"].setEnabled(user is not None and user.role in KB_EDITORS)
        self.callback_list.set_central(
            self.sync.lead_callbacks
            if user is not None and user.role in (Role.TEAM_LEAD, Role.ADMIN)
            else None
        )
        self._actions["leadBoard"].setVisible(user is not None and user.role in KB_EDITORS)
        if self.sync.configured:  # a synced seat's KB is the server's: a lead imports into that one
            lead = user is not None and user.role in KB_EDITORS
            self.kb_panel.set_import_allowed(lead, to_server=self.sync.kb_import if lead else None)
        self._actions["logout"].setEnabled(user is not None)
        self._actions["changePassword"].setEnabled(user is not None)
        # Only admins see it; the server refuses everyone else's calls anyway.
        self._actions["accounts"].setVisible(user is not None and user.role is Role.ADMIN)
        if user is not None and user.seat_id and user.seat_id != self.ws.seat.seat_id:
            self.status.showMessage(
                fill(
                    self.tr("注意：账号 %1 属于坐席 %2，本机坐席号为 %3"),
                    user.username,
                    user.seat_id,
                    self.ws.seat.seat_id,
                ),
                15000,
            )

    def _show_notices(self, notes: list[Problem | str]) -> None:
        """Server decisions (改派, 并单) and reference data refused, worded in the interface language."""
        self.status.showMessage(self.tr("；").join(worded(note) for note in notes), 20000)

    def _connection_clicked(self) -> None:
        status = self.sync.status
        if not self.sync.configured:
            self.open_settings()
        elif self.sync.user is None or (status is not None and status.state is SyncState.AUTH_REQUIRED):
            self.open_login()
        else:
            self.sync.sync_now()

    def open_login(self, server_url: str | None = None) -> LoginDialog:
        """`server_url`: the address to sign in at (the first-run wizard's), else the one in use."""
        from ui.sync.login_dialog import LoginDialog

        url = server_url or self.sync.server_url or self.ws.config.text("server.url")
        username = self.ws.config.text("server.username")
        dialog = LoginDialog(
            self.sync.login, server_url=url, username=username, kept=self.sync.remembers_login, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.open()
        return dialog

    def _logged_in(self, dialog: LoginDialog) -> None:
        if dialog.user is None:
            return
        url = dialog.server.text().strip()
        self.ws.config.set("server.username", dialog.user.username)
        if url != self.sync.server_url:
            self.ws.config.set("server.url", url)
        self._save_config()
        self.sync.signed_in(dialog.user, url)

    def open_conflicts(self) -> ConflictsDialog:
        from ui.sync.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.ws, self.bus, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.sync.sync_now())
        dialog.open()
        return dialog

    # -- the seat and its calls ----------------------------------------------------------------
    def _judge_call(self, event: CallEvent) -> ProblemError | None:
        """Whether the seat takes a call event: the call and the seat must allow it (app.domain.desk),
        and a recording must be a file in the recordings folder. A refusal changes nothing."""
        if event.kind is CallEventKind.RECORDING:
            configured = self.ws.config.text("calls.recordings_folder")
            folder = Path(configured) if configured else self.ws.paths.data_dir / "recordings"
            if (problem := recording_problem(event.path, folder)) is not None:
                return CallError(problem)
        if event.kind is CallEventKind.ANSWERED and event.path:  # a simulated call's sound
            folder = simulations_folder(self.ws.paths.data_dir)
            if (problem := recording_problem(event.path, folder)) is not None:
                return CallError(problem)
        return self.seat_desk.call_event(event, ticket_id=self.intake.current_draft().id)

    def _call_event(self, event: CallEvent) -> None:
        """What a call event the seat took does beyond the desk: 振铃 pops the caller up and gives
        them a form of their own, 接通 starts the transcript, 挂断, 未接 and 转接 stop it."""
        if event.kind is CallEventKind.RINGING:
            # Never two callers in one form: a half-filled one is parked, a fresh one takes the number.
            parked = self.intake.take_call(event.caller)
            self.screen_pop.ringing(event.call_id, event.caller)
            text = fill(self.tr("来电 %1"), event.caller or self.tr("（未显示号码）"))
            if parked is not None:
                text += fill(self.tr("；上一张受理单已挂起（%1 返回）"), RETURN_KEY)
            self.statusBar().showMessage(text, 15_000)
        elif event.kind is CallEventKind.ANSWERED:
            self.intake.call_answered()
            self.screen_pop.answered(event.call_id)
            self.call_panel.incoming_call(event.call_id, Path(event.path) if event.path else None)
        elif event.kind in (CallEventKind.ENDED, CallEventKind.TRANSFERRED, CallEventKind.MISSED):
            self.screen_pop.finished(event.call_id)
            self.call_panel.call_ended(event.call_id)
            self.recording_watch.look_now()  # the line is free: the queue goes on
        elif event.kind is CallEventKind.RECORDING:  # any type: one no decoder reads is queued with why
            self.recording_watch.sent(event.path, event.call_id)
        call = self.seat_desk.desk.calls.get(event.call_id)
        if call is not None and call.phase is CallPhase.MISSED and event.kind is not CallEventKind.RINGING:
            self.intake.take_back_caller_phone(call.caller)
            self._missed(call.caller)
            callbacks, seat = self.ws.callbacks, self.ws.seat.seat_id
            write_op(self, self.bus, lambda: callbacks.missed(call, seat)).run()

    def _missed(self, number: str) -> None:
        text = fill(self.tr("漏接来电 %1，已加入回拨列表（Ctrl+Shift+R）"), number) if number else ""
        self.statusBar().showMessage(text or self.tr("漏接来电（未显示号码，无法回拨）"), 15_000)

    # -- callbacks (漏接回拨 · 回访) ---------------------------------------------------------------
    # -- notifications (通知) ----------------------------------------------------------------------
    def _connect_notifications(self) -> None:
        self.notifier.changed.connect(self._notifications_read)
        self.notifier.popup.connect(self._desktop_popup)
        self.seat_desk.changed.connect(self.notifier.desk_changed)
        self.notifications.ticketActivated.connect(self.open_ticket)
        self.notifications.markRead.connect(self.notifier.mark_read)
        self.notifications.markAllRead.connect(self.notifier.mark_all_read)
        self.status.notificationsClicked.connect(self.show_notifications)
        # The desktop popups' way out, where the desktop has a tray (none offscreen, say).
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
            self.tray.show()

    def _in_call(self) -> bool:
        return self.seat_desk.state is SeatState.ON_CALL

    def _notifications_read(self, notes: list[Notification], unread: int) -> None:
        """The list and the counter follow quietly: neither takes the focus (mid-call least of all)."""
        self.notifications.show_notifications(notes)
        self.status.show_unread(unread)

    def _desktop_popup(self, title: str, text: str) -> None:
        # showMessage never activates or raises the window: the operator's keys stay where they are.
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    def show_notifications(self) -> None:
        """Ctrl+Shift+M or the status bar's counter: the list, with the keys in it."""
        dock = self.docks["notifications"]
        dock.show()
        dock.raise_()
        self.notifications.focus_list()

    def show_callbacks(self) -> None:
        dock = self.docks["callbacks"]
        dock.show()
        dock.raise_()
        self.callback_list.setFocus()

    def start_callback(self, callback: Callback) -> None:
        """回拨: the blank form gets the number and the link to the callback (filing it records
        已回拨), and the attempt is counted; 回访 opens its ticket instead. Never over a call on the
        line or a form with another caller in it."""
        if self.seat_desk.desk.live is not None:
            self.statusBar().showMessage(self.tr("通话中，不能回拨"), 10_000)
            return
        if callback.kind is CallbackKind.FOLLOW_UP:  # 回访: the ticket is where the visit is recorded
            callbacks = self.ws.callbacks
            step = write_op(self, self.bus, lambda: callbacks.step(callback.id, CallbackEvent.START))
            step.failure(self.callback_list.show_problem).run()
            self.open_ticket(callback.ticket_id)
            return
        current = self.intake.current_draft()
        # The form may hold this very number, filled in when the missed call rang: nothing else.
        if not current.with_fields(caller_phone="").is_blank or _digits(current.caller_phone) not in (
            "",
            _digits(callback.number),
        ):
            self.statusBar().showMessage(self.tr("当前受理单未完成：请先受理或新建（F2）再回拨"), 10_000)
            return
        draft = current.with_fields(caller_phone=callback.number, callback_id=callback.id)
        revision, drafts, callbacks = self.intake.revision + 1, self.ws.drafts, self.ws.callbacks

        def work() -> tuple[Callback, Changes]:
            drafts.save(draft, revision)  # first: the link to the callback outlives a crash mid-callback
            return callbacks.step(callback.id, CallbackEvent.START, draft_id=draft.id)

        op = write_op(self, self.bus, work, lambda started: self._callback_started(started, draft, revision))
        op.failure(self.callback_list.show_problem).run()

    def _callback_started(self, callback: Callback, draft: Draft, revision: int) -> None:
        self.intake.load_draft(draft, revision, restored=False)
        self.intake.content.setFocus()
        self.statusBar().showMessage(
            fill(self.tr("回拨 %1（第 %2 次）：受理工单即记为已回拨"), callback.number, callback.attempts),
            15_000,
        )

    def _callback_recorded(self, callback: Callback) -> None:
        """未接通 / 号码错误 / 无需回拨: the attempt's draft goes when it holds nothing but the number."""
        draft = self.intake.current_draft()
        if draft.callback_id == callback.id and draft.with_fields(caller_phone="").is_blank:
            BackgroundOp(self, partial(self.ws.drafts.discard, draft.id)).run()
            self.intake.load_draft(self.ws.new_draft(), 0, restored=False)

    def _call_ticket(self, call_id: str) -> str | None:
        """The draft a call of this run was transcribed into, for its recording. Called on the
        recordings' worker: the desk is an immutable value the GUI thread replaces whole."""
        call = self.seat_desk.desk.calls.get(call_id)
        return call.ticket_id or None if call is not None else None

    def _start_recordings(self) -> None:
        self.recording_watch.start(watch_plan(self.ws.config, self.ws.sla.calendar.timezone))
        self._recordings_source()
        self.recordings.folder_changed(None)

    def _recordings_source(self) -> None:
        folder = self.ws.config.text("calls.watch_folder").strip()
        self.recordings.set_source(folder, has_model=self.call_panel.model is not None)
        self.recording_watch.look_now()  # a model that just loaded can start on the queue

    def choose_state(self, event: SeatEvent, reason: str = "") -> None:
        """The operator's 空闲 / 小休 / 话后处理; said in the status bar when it makes no sense now."""
        if (refusal := self.seat_desk.seat_event(event, reason=reason)) is not None:
            self.statusBar().showMessage(error_text(refusal), 10_000)
            self._show_desk()  # the box goes back to the seat's state

    def _seat_report(self) -> SeatReport | None:
        """The seat's state and shift counts for the server. Called on the sync thread: the desk is
        an immutable value the GUI thread replaces whole, so reading it there is safe."""
        from sync.protocol import seat_report  # the wire models load with the sync client, after the window

        return seat_report(self.seat_desk.desk.seat)

    def _show_desk(self) -> None:
        desk, now = self.seat_desk.desk, self.seat_desk.clock()
        self.status.show_desk(desk, now)
        self.call_panel.show_call(desk.last, now)

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """The window goes at once; what is typed, recorded and queued is saved in the background,
        and `shutDown` says when (then the window really closes). Nothing here waits."""
        if self._shut:
            super().closeEvent(event)
            return
        if self._closing_since is None:
            self._shut_down_in_background()
        event.ignore()  # for now: closed again once everything is saved

    @property
    def shut_down(self) -> bool:
        return self._shut

    def _shut_down_in_background(self) -> None:
        self._closing_since = time.monotonic()
        geometry, state = self.saveGeometry(), self.saveState()
        self.hide()
        self.call_events.close()
        draft = self.intake.flush()
        self.call_panel.shutdown()
        recordings = self.recording_watch.stop()  # a recording half-done is put back for the next start
        sync = self.sync.stop()  # the loop finishes its round: a settled batch is one transaction
        layout_file = self._layout_settings().fileName()

        def keep_layout(_seconds: float) -> bool:
            settings = QSettings(layout_file, QSettings.Format.IniFormat)
            settings.setValue("geometry", geometry)
            settings.setValue("state", state)
            settings.sync()
            return settings.status() is QSettings.Status.NoError

        steps = [
            draft,  # first: the operator's last keystrokes
            Pending("operations", TRACKER.wait),  # a 受理 on its way, the recording's last blocks …
            pool_pending("config", self._config_writer),
            recordings,
            sync,
            self.kb_panel.searches_pending(),
            Pending("layout", keep_layout),
        ]
        if (server := self.embedded_server) is not None:  # after the sync, which may still talk to it
            steps.append(in_thread("embedded server", server.stop))
        kb, since = self.kb, self._closing_since

        def finished(late: list[str]) -> None:
            took = time.monotonic() - since
            log.info("closed in %.1f s%s", took, f"; not finished: {', '.join(late)}" if late else "")
            if "knowledge base" not in late:  # else a search still reads it: the process exit closes it
                kb.close()
            if shiboken6.isValid(self):  # whoever deleted the window meanwhile does not need telling
                self._shut_down()

        drain(steps, within=SHUTDOWN_WITHIN, done=finished)

    def _shut_down(self) -> None:
        self._shut = True
        self.shutDown.emit()
        self.close()  # now for real: accepted this time
        self.close()
