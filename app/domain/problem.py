"""Problems told to people as a code with parameters, never as finished text.

The core, the central server and the wire carry `Problem(code, params)`; whoever shows it picks the
words: the seat's UI in the operator's language, a log line, the server's readable `message` or the CLI
both ("中文 (English)"). Each code's words are in MESSAGES, once, in both languages, like the English
names of categories and departments. `fill` is the one way any template gets its values, here and in
ui/ (Qt's %1 … as well as a problem's {name}).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from app.domain.call_states import CallEventKind, CallPhase
from app.domain.callback_states import CallbackEvent, CallbackState
from app.domain.kinds import Kind
from app.domain.labelled import LabelledEnum
from app.domain.seat import SeatEvent, SeatState
from app.domain.status import Action, Role, Status

_PLACEHOLDER = re.compile(r"%(\d+)|\{(\w+)\}")


def fill(template: str, *values: object, **params: object) -> str:
    """`template` with %1, %2 … replaced by `values` in order and {name} by `params`, in one pass: a
    value that itself contains "%2" or "{name}" stays as it is. Unknown placeholders are kept."""

    def value(match: re.Match[str]) -> str:
        number, name = match.group(1), match.group(2)
        if number is not None:
            index = int(number) - 1
            return str(values[index]) if 0 <= index < len(values) else match.group(0)
        return str(params[name]) if name in params else match.group(0)

    return _PLACEHOLDER.sub(value, template)


@dataclass(frozen=True)
class Message:
    zh: str
    en: str


Param = str | int  # what a parameter on the wire holds
# Locally a parameter may be another problem, worded in the same language: "{path}: {problem}".
Value: TypeAlias = "Param | Problem"

# A parameter with one of these names holds an enum's code; it is shown as the enum's label.
LABELLED_PARAMS: dict[str, type[LabelledEnum]] = {
    "action": Action,
    "status": Status,
    "role": Role,
    "acting": Role,
    "kind": Kind,
    "phase": CallPhase,
    "event": CallEventKind,
    "seat_state": SeatState,
    "seat_event": SeatEvent,
    "callback_state": CallbackState,
    "callback_event": CallbackEvent,
}

MESSAGES: dict[str, Message] = {
    # calls and the seat's state (app/domain/call.py, shift.py, desk.py; app/telephony.py)
    "call.unknown_event": Message(
        "未知的来电事件 {given}（可用：{allowed}）", "Unknown call event {given} (one of {allowed})"
    ),
    "call.bad_id": Message(
        "通话编号无效：{call}（1-64 个字母、数字或 . _ : @ -）",
        "Invalid call id {call}: 1-64 letters, digits or . _ : @ -",
    ),
    "call.field_not_for": Message("「{event}」事件不带 {fields}", "The event {event} takes no {fields}"),
    "call.too_long": Message(
        "来电事件过长（{size} 字节，最多 {limit}）",
        "The call event is too long: {size} bytes, at most {limit}",
    ),
    "call.not_json": Message("来电事件不是 JSON：{error}", "The call event is not JSON: {error}"),
    "call.not_object": Message("来电事件应为 JSON 对象", "A call event must be a JSON object"),
    "call.unknown_fields": Message(
        "来电事件含未知字段：{fields}", "The call event has unknown fields: {fields}"
    ),
    "call.missing_fields": Message("来电事件缺少字段：{fields}", "The call event lacks the fields {fields}"),
    "call.not_text": Message(
        "event、call_id、caller、to、path 应为文本", "event, call_id, caller, to and path must be strings"
    ),
    "call.unknown": Message(
        "没有振铃过编号为 {call} 的来电，不能「{event}」",
        'No call {call} has rung at this seat: "{event}" refused',
    ),
    "call.not_now": Message(
        "来电 {call} {phase}，不能「{event}」", 'The call {call} ({phase}): "{event}" refused'
    ),
    "call.rang_already": Message("来电 {call} 已振铃过", "The call {call} has rung already"),
    "call.line_busy": Message(
        "正在处理来电 {other}，来电 {call} 未接入", "The seat is on the call {other}: {call} was not taken"
    ),
    "call.transfer_without_target": Message(
        "转接来电 {call} 须指明转接号码（--to）", "A transfer of {call} needs the number it went to (--to)"
    ),
    "call.bad_target": Message("转接号码无效：{to}", "Not a number a call can be transferred to: {to}"),
    "call.recording_kept": Message("来电 {call} 已有录音", "The call {call} has its recording already"),
    "call.recording_not_absolute": Message(
        "录音文件须为完整路径：{path}", "The recording must be given as a full path: {path}"
    ),
    "call.recording_type": Message(
        "录音文件类型不支持：{path}（可用：{allowed}）",
        "Not a recording file type: {path} (one of {allowed})",
    ),
    "call.recording_outside": Message(
        "录音文件不在录音目录 {folder} 中：{path}",
        "The recording is not in the recordings folder {folder}: {path}",
    ),
    "call.recording_missing": Message("录音文件不存在：{path}", "There is no recording file {path}"),
    "seat.not_now": Message(
        "坐席{seat_state}，不能「{seat_event}」", 'The seat is {seat_state}: "{seat_event}" refused'
    ),
    "seat.break_reason_missing": Message("小休须选择原因", "A break needs a reason"),
    # callbacks (app/domain/callback.py)
    "callback.not_now": Message(
        "「{callback_state}」的回拨不能「{callback_event}」",
        'A callback {callback_state} cannot take "{callback_event}"',
    ),
    "callback.unknown": Message("没有这条回拨记录：{callback}", "There is no callback {callback}"),
    # the ticket lifecycle (app/domain/lifecycle.py)
    "lifecycle.not_from_status": Message(
        "「{status}」的工单不能「{action}」", "You cannot {action} a {status} ticket"
    ),
    "lifecycle.role_may_not": Message("{role}无权「{action}」", "The role {role} may not {action}"),
    "lifecycle.reason_needed": Message("「{action}」须填写说明", "{action} needs a reason"),
    "lifecycle.content_empty": Message(
        "诉求内容为空，不能受理", "The request content is empty: it cannot be accepted"
    ),
    "lifecycle.category_missing": Message(
        "未选择事项分类，不能受理", "There is no category: it cannot be accepted"
    ),
    "lifecycle.must_dispatch": Message(
        "「{kind}」类诉求须派单办理，不能直接办结", "A {kind} must be dispatched, not closed on the call"
    ),
    "lifecycle.department_missing": Message("派单须选择承办单位", "A dispatch needs a department"),
    "lifecycle.department_same": Message(
        "改派须选择不同的承办单位", "A re-dispatch needs another department"
    ),
    "lifecycle.satisfaction_missing": Message("回访须记录满意度", "A visit needs a satisfaction"),
    "lifecycle.unsatisfied_close": Message(
        "市民不满意，须重办或由班长决定办结",
        "The citizen is unsatisfied: reopen, or a team lead closes",
    ),
    "lifecycle.unsatisfied_reason": Message(
        "不满意工单办结须说明理由", "Give a reason: closing an unsatisfied ticket needs a reason"
    ),
    "lifecycle.satisfied_reopen": Message(
        "市民已满意，重办须由班长决定",
        "The citizen is satisfied: only a team lead reopens a satisfied ticket",
    ),
    "lifecycle.seat_missing": Message("须指定坐席", "No seat given"),
    "lifecycle.claim_only_unassigned": Message(
        "话务员只能认领未分配的工单", "Operators may only claim unassigned tickets"
    ),
    "lifecycle.not_editable": Message("不可修改的字段：{fields}", "These fields cannot be edited: {fields}"),
    "lifecycle.invalid_value": Message("字段值无效：{fields}", "Invalid value for: {fields}"),
    "lifecycle.nothing_changed": Message("没有修改内容", "Nothing was changed"),
    "lifecycle.merge_target_missing": Message("并单须选择要并入的工单", "A merge needs the ticket to join"),
    "lifecycle.merge_self": Message("不能并入工单本身", "A ticket cannot be merged into itself"),
    "lifecycle.merge_target_closed": Message(
        "要并入的工单已办结，不能并单", "The ticket to join is closed: it cannot take a merge"
    ),
    "lifecycle.extension_pending": Message(
        "已有延期申请待中心审批", "An extension request already waits for the centre's answer"
    ),
    "lifecycle.extension_until_missing": Message(
        "延期申请须填写新的办结时限", "An extension needs a new deadline"
    ),
    "lifecycle.extension_not_later": Message(
        "申请的办结时限须晚于当前时限", "The deadline asked for must be later than the current one"
    ),
    "lifecycle.no_extension_asked": Message(
        "没有待审批的延期申请", "No extension request waits for an answer"
    ),
    # the seat's encrypted store (app/store/keys.py)
    "store.passphrase_too_short": Message(
        "口令至少 {minimum} 个字符", "The passphrase needs at least {minimum} characters"
    ),
    "store.wrong_passphrase": Message("口令不正确，请重新输入", "Wrong passphrase: try again"),
    # settings and the config file (app/config)
    "setting.unknown": Message("未知配置项：{name}", "Unknown setting: {name}"),
    "setting.unsupported": Message("{name}：不支持的值 {value}", "{name}: unsupported value {value}"),
    "setting.not_bool": Message(
        "{name}：应为 true/false，实为 {value}", "{name}: expected true or false, got {value}"
    ),
    "setting.not_number": Message(
        "{name}：应为整数，实为 {value}", "{name}: expected a whole number, got {value}"
    ),
    "setting.not_text": Message("{name}：应为文本，实为 {value}", "{name}: expected text, got {value}"),
    "setting.too_small": Message(
        "{name}：不能小于 {minimum}，实为 {value}", "{name}: must be at least {minimum}, got {value}"
    ),
    "setting.too_large": Message(
        "{name}：不能大于 {maximum}，实为 {value}", "{name}: must be at most {maximum}, got {value}"
    ),
    "setting.not_a_choice": Message(
        "{name}：只能是 {allowed}，实为 {value}", "{name}: must be one of {allowed}, got {value}"
    ),
    "setting.server_url": Message(
        "{name}：服务器地址应形如 https://12345.example.gov.cn",
        "{name}: expected an http:// or https:// address such as https://12345.example.gov.cn",
    ),
    "setting.ca_bundle": Message(
        "{name}：应为证书文件 (PEM) 的完整路径", "{name}: expected the full path of a PEM certificate file"
    ),
    "setting.time_zone": Message(
        "{name}：应为 IANA 时区名，如 Asia/Shanghai",
        "{name}: expected an IANA time zone name such as Asia/Shanghai",
    ),
    "setting.jurisdiction": Message(
        "{name}：应为城市的行政区划代码或名称，如 440300 或 深圳市",
        "{name}: a city's administrative division code or name, e.g. 440300 or 深圳市",
    ),
    "setting.name_pattern": Message(
        "{name}：应为正则表达式，且含分组 (?P<call_id>…) 或 (?P<caller>…)",
        "{name}: expected a regular expression with a group (?P<call_id>…) or (?P<caller>…)",
    ),
    "setting.seat_id": Message(
        "{name}：坐席号只能由 1-16 位字母、数字、- 或 _ 组成",
        "{name}: a seat ID is 1 to 16 letters, digits, - or _",
    ),
    "transport.insecure": Message(
        "拒绝未加密的连接：{url} 不是本机地址，请改用 https://，或由管理员设置 {setting} = true",
        "Refused: plain http:// to {url}, another machine, would send passwords and citizen data "
        "unencrypted; use https:// or have an administrator set {setting} = true",
    ),
    "config.unreadable": Message(
        "{path}：无法读取配置文件，已使用默认值：{error}",
        "{path}: cannot be read, the defaults are used: {error}",
    ),
    "config.not_a_table": Message("{path}：[{section}] 应为表", "{path}: [{section}] should be a table"),
    "config.bad_value": Message("{path}：{problem}", "{path}: {problem}"),
    "config.kept_unused": Message(
        "{path}：{name}：{problem}；该值保留在配置文件中，但不会使用",
        "{path}: {name}: {problem}; the value stays in the file but is not used",
    ),
    "store.cannot_open": Message(
        "本地数据库无法打开：{path}：{problem}", "The local store cannot be opened: {path}: {problem}"
    ),
    "store.cannot_upgrade": Message(
        "本地数据库无法打开或升级：{path}：{problem}",
        "The local store cannot be opened or upgraded: {path}: {problem}",
    ),
    "store.in_use": Message(
        "另一个程序正在使用本地数据库（{mode}）", "Another program is using the local store ({mode})"
    ),
    "store.no_key": Message(
        "本地数据库已加密，但找不到它的密钥 (seat.key.json)；请联系信息科",
        "The local store is encrypted but its key (seat.key.json) is missing: call IT",
    ),
    "store.key_unreadable": Message(
        "密钥文件无法读取：{path}：{error}", "The key file cannot be read: {path}: {error}"
    ),
    "store.key_unknown_kind": Message(
        "密钥文件格式不对：{path}", "The key file is of an unknown kind: {path}"
    ),
    "store.key_damaged": Message("密钥文件已损坏：{path}", "The key file is damaged: {path}"),
    "store.keyring_did_not_keep": Message(
        "系统密钥环未能保存本地数据库密钥：{error}", "The OS keyring did not keep the store key: {error}"
    ),
    "store.no_keyring_no_passphrase": Message(
        "系统密钥环不可用，且未提供口令，无法加密本地数据库",
        "There is no OS keyring and no passphrase: the local store cannot be encrypted",
    ),
    "store.keyring_gone": Message(
        "本地数据库的密钥保存在系统密钥环中，但密钥环现在不可用；请启用系统密钥环后重试：{path}",
        "The store key is kept in the OS keyring, which is not available now; enable it and start "
        "again: {path}",
    ),
    "store.key_not_in_keyring": Message(
        "系统密钥环中找不到本地数据库的密钥，数据库无法解密；请联系信息科：{path}",
        "The store key is missing from the OS keyring, so the store cannot be decrypted; call IT: {path}",
    ),
    "store.passphrase_cancelled": Message(
        "未输入数据库口令，本地数据库未打开", "No passphrase was entered: the local store was not opened"
    ),
    # speech models and recordings (app/speech)
    "model.layout": Message(
        "{where}：模型目录结构不对，缺少 {missing}",
        "{where}: not a model folder Vosk can load; missing {missing}",
    ),
    "model.not_installed": Message("没有安装名为 {name} 的模型", "No installed model is named {name}"),
    "model.no_source": Message("找不到文件或目录：{path}", "No such file or folder: {path}"),
    "model.bad_name": Message("模型名称不合法：{name}", "Not a model name: {name}"),
    "model.installed_already": Message(
        "模型 {name} 已安装，请先删除", "The model {name} is installed already: remove it first"
    ),
    "model.wrong_size": Message(
        "{file}：文件大小 {size} 字节，应为 {expected}，文件不完整或被替换",
        "{file}: {size} bytes, where the published file has {expected}: it is incomplete or another file",
    ),
    "model.wrong_digest": Message(
        "{file}：SHA-256 校验失败，文件已损坏或被篡改（{digest} ≠ {expected}）",
        "{file}: the SHA-256 check failed, the file is damaged or was altered ({digest} ≠ {expected})",
    ),
    "model.unsafe_path": Message(
        "{file}：压缩包含非法路径：{member}", "{file}: the zip holds an unsafe path: {member}"
    ),
    "model.corrupt_zip": Message(
        "{file}：压缩包已损坏，请重新下载：{error}", "{file}: the zip is damaged, download it again: {error}"
    ),
    "model.disk_full": Message(
        "磁盘空间不足，模型未安装，请清理磁盘后重试：{error}",
        "The disk is full: the model was not installed; free some space and try again: {error}",
    ),
    "model.install_failed": Message("{file}：安装失败：{error}", "{file}: the install failed: {error}"),
    "model.folder_missing": Message("模型目录不存在：{path}", "The model folder is missing: {path}"),
    "model.cannot_load": Message(
        "无法加载语音模型，模型可能已损坏：{path}：{error}",
        "The speech model cannot be loaded, it may be damaged: {path}: {error}",
    ),
    "audio.unreadable": Message("无法读取音频文件：{error}", "The audio file cannot be read: {error}"),
    "audio.not_wav": Message("{file}：不是 WAV 文件", "{file}: not a WAV file"),
    "audio.no_fmt": Message("{file}：WAV 缺少格式块", "{file}: the WAV has no format chunk before its data"),
    "audio.truncated": Message(
        "{file}：WAV 文件不完整，没有音频数据", "{file}: the WAV is cut short, it holds no audio data"
    ),
    "audio.damaged_fmt": Message("{file}：WAV 格式块损坏", "{file}: the WAV's format chunk is damaged"),
    "audio.unsupported": Message(
        "{file}：不支持的 WAV 编码（格式 {tag}，{bits} 位），请转换为 PCM WAV",
        "{file}: unsupported WAV encoding (format {tag}, {bits} bits): convert it to PCM WAV",
    ),
    "audio.implausible": Message(
        "{file}：WAV 参数不合理（{channels} 声道，{rate} Hz）",
        "{file}: implausible WAV ({channels} channels, {rate} Hz)",
    ),
    "audio.cannot_decode": Message(
        "{file}：无法解码该音频文件：{error}", "{file}: this audio file cannot be decoded: {error}"
    ),
    "audio.unknown_format": Message(
        "{file}：不是本程序能识别的音频格式（可识别 WAV、MP3、OGG、Opus、FLAC、AMR）",
        "{file}: not an audio format this program recognizes (it reads WAV, MP3, OGG, Opus, FLAC, AMR)",
    ),
    "audio.needs_decoder": Message(
        "{file}：{format} 录音需要可选的解码组件 PyAV，本机没有（管理员：pip install hotline-seat[amr]，"
        "或换用含 AMR 支持的安装包）；装好后重新启动程序，此录音自动重试",
        "{file}: {format} recordings need the optional decoder PyAV, which is not installed (administrator: "
        "pip install hotline-seat[amr], or the installer built with AMR support); once it is, start the "
        "program again and this recording is retried",
    ),
    "audio.recognition_failed": Message("{file}：识别失败：{error}", "{file}: recognition failed: {error}"),
    "kb.store_unreadable": Message(
        "知识库文件无法打开：{path}：{error}", "The KB file cannot be opened: {path}: {error}"
    ),
    "kb.store_newer": Message(
        "知识库文件 {path} 来自更新版本的程序（结构版本 {found}，本程序为 {known}）："
        "请升级程序，或删除该文件后重新同步",
        "The KB file {path} is from a newer version (schema {found}, this program knows {known}): "
        "upgrade, or delete the file and sync again",
    ),
    "audio.silent": Message("{file}：文件中没有音频", "{file}: the file holds no audio"),
    "recording.gave_up": Message(
        "转写 {attempts} 次都中断（程序退出或崩溃），不再重试",
        "Transcribing it was cut off {attempts} times (the program stopped or crashed): not tried again",
    ),
    "recording.folder_unreadable": Message(
        "无法读取录音监视目录 {folder}：{error}", "The watch folder {folder} cannot be read: {error}"
    ),
    "recording.gone": Message("录音文件已不存在：{path}", "The recording is gone: {path}"),
    # knowledge-base articles and their import files (app/domain/article.py, app/knowledge/transfer.py)
    "article.bad_id": Message(
        "编号无效：{id}（1-40 个字母、数字、.、- 或 _）",
        "Invalid id {id}: 1-40 letters, digits, '.', '-' or '_'",
    ),
    "article.bad_title": Message(
        "标题不能为空且不超过 {limit} 字", "The title is empty or longer than {limit} characters"
    ),
    "article.bad_body": Message(
        "正文不能为空且不超过 {limit} 字", "The body is empty or longer than {limit} characters"
    ),
    "article.too_many": Message("{name} 最多 {limit} 项", "At most {limit} {name}"),
    "article.valid_order": Message("失效日期早于生效日期", "valid_to is before valid_from"),
    "article.bad_version": Message("版本号应为正整数", "The version must be 1 or more"),
    "article.naive_time": Message("更新时间缺少时区", "updated_at needs a time zone"),
    "article.missing_field": Message("缺少字段 {field}", "The field {field} is missing"),
    "article.bad_value": Message("字段格式错误：{error}", "A value has the wrong form: {error}"),
    "kb.row": Message("第 {row} 行", "row {row}"),
    "kb.at": Message("{where}：{problem}", "{where}: {problem}"),
    "kb.unsupported_type": Message(
        "不支持的文件类型 {suffix}：请用 .md 文件夹、.csv 或 .xlsx",
        "Unsupported file type {suffix}: use a folder of .md files, a .csv or an .xlsx",
    ),
    "kb.no_markdown": Message("文件夹中没有 .md 文件：{folder}", "There are no .md files in {folder}"),
    "kb.unreadable": Message("无法读取：{error}", "Cannot be read: {error}"),
    "kb.front_matter_open": Message("front matter 缺少结束的 ---", "The front matter is not closed with ---"),
    "kb.front_matter_yaml": Message(
        "front matter 不是有效的 YAML：{error}", "The front matter is not valid YAML: {error}"
    ),
    "kb.front_matter_mapping": Message("front matter 应为键值对", "The front matter must map keys to values"),
    "kb.csv_unreadable": Message(
        "无法读取 CSV，请保存为 UTF-8：{error}", "The CSV cannot be read: save it as UTF-8: {error}"
    ),
    "kb.xlsx_unreadable": Message("无法打开 XLSX 文件：{error}", "The workbook cannot be opened: {error}"),
    "kb.empty": Message("文件是空的", "The file is empty"),
    "kb.missing_columns": Message("表头缺少列 {columns}", "The first row lacks the columns {columns}"),
    "kb.unknown_columns": Message(
        "未知的列 {columns}（可用：{allowed}）", "Unknown columns {columns} (allowed: {allowed})"
    ),
    "kb.too_many_rows": Message("超过 {limit} 行", "More than {limit} rows"),
    "kb.too_many_cells": Message("列数多于表头", "More cells than the header has columns"),
    "kb.duplicate_id": Message("编号 {id} 与 {other} 重复", "The id {id} is also used at {other}"),
    "kb.too_many_articles": Message(
        "一次最多导入 {limit} 条，请拆分文件", "At most {limit} articles go in one import: split the file"
    ),
    "kb.too_large": Message(
        "文件超过 {limit} MB，请拆分后分别导入", "The file is over {limit} MB for one import: split it"
    ),
    # accounts on the central server (sync/server/users.py)
    "user.no_accounts_for_role": Message("无效角色：{role}", "No accounts for the role {role}"),
    "user.seat_needed": Message("话务员账号须指定坐席号", "An operator account needs a seat"),
    "user.department_needed": Message(
        "承办单位账号须指定承办单位代码", "A department account needs its department code"
    ),
    "user.unknown_department": Message("未知承办单位：{department}", "Unknown department: {department}"),
    "user.exists": Message("用户名已存在：{username}", "The username is taken: {username}"),
    "user.password_too_short": Message(
        "密码至少 {minimum} 位", "The password needs at least {minimum} characters"
    ),
    "user.password_has_name": Message("密码不能包含用户名", "The password must not contain the username"),
    "user.password_too_common": Message(
        "密码过于常见或简单（{hint}）", "The password is too common or simple: {hint}"
    ),
    "user.no_such_user": Message("用户不存在：{username}", "No such user: {username}"),
    "user.last_admin": Message("不能停用最后一个管理员", "The last enabled administrator cannot be disabled"),
    "user.passwords_differ": Message("两次输入的密码不同", "The passwords differ"),
    # the central server's answers (sync/server), shown by the seat
    "server.wrong_login": Message("用户名或密码错误", "Wrong username or password"),
    "server.token_missing": Message("未登录：缺少访问令牌", "Not signed in: the access token is missing"),
    "server.token_invalid": Message(
        "登录已失效，请重新登录", "The sign-in has expired or was revoked: sign in again"
    ),
    "server.disabled": Message("账号已停用，请联系管理员", "This account is disabled: ask an administrator"),
    "server.locked": Message(
        "尝试次数过多，请 {seconds} 秒后再试", "Too many failed sign-ins: try again in {seconds} s"
    ),
    "server.busy": Message("登录繁忙，请稍后重试", "The server is busy checking sign-ins: retry shortly"),
    "server.wrong_old_password": Message("原密码错误", "The current password is wrong"),
    "server.forbidden": Message("无权执行此操作", "Your role may not do this"),
    "server.too_many_lookups": Message(
        "来电查询过于频繁，请 {seconds} 秒后再试", "Too many caller look-ups: try again in {seconds} s"
    ),
    "server.not_found": Message("资源不存在", "Not found"),
    "server.no_endpoint": Message("接口不存在", "No such endpoint"),
    "server.method_not_allowed": Message("不支持此请求方法", "Method not allowed"),
    "server.bad_request": Message("请求无效", "Bad request"),
    "server.http_error": Message("请求失败（HTTP {status_code}）", "The request failed (HTTP {status_code})"),
    "server.too_large": Message("请求过大", "The request is too large"),
    "server.body_too_large": Message(
        "请求过大（最多 {limit} 字节）", "The request body is too large: at most {limit} bytes"
    ),
    "server.bad_length": Message("Content-Length 无效", "The Content-Length is invalid"),
    "server.bad_json": Message("请求不是有效的 JSON", "The request is not valid JSON"),
    "server.invalid": Message("请求数据无效：{details}", "The request is invalid: {details}"),
    "server.unstorable": Message(
        "数据含无法保存的字符或数值", "The data holds characters or numbers the server cannot store"
    ),
    "server.unavailable": Message(
        "服务器数据库暂不可用，请稍后重试", "The server's database is unavailable: retry shortly"
    ),
    "server.internal": Message("服务器内部错误", "Internal server error"),
    "server.ticket_not_yours": Message("工单不存在或不属于本坐席", "No such ticket for this seat"),
    "server.callback_not_yours": Message(
        "回拨记录 {callback} 属于其他坐席", "The callback {callback} belongs to another seat"
    ),
    "server.unknown_category": Message("未知事项分类：{category}", "Unknown category: {category}"),
    "server.unknown_department": Message("未知承办单位：{department}", "Unknown department: {department}"),
    "server.time_too_old": Message(
        "时间 {at} 早于服务器时间 {hours} 小时以上，请检查本机时钟",
        "The time {at} is more than {hours} h before the server's clock: check this PC's clock",
    ),
    "server.time_ahead": Message(
        "时间 {at} 晚于服务器时间 {minutes} 分钟以上，请检查本机时钟",
        "The time {at} is more than {minutes} min ahead of the server's clock: check this PC's clock",
    ),
    # why the server refused a pushed op (sync/server/push.py), shown in the seat's conflicts dialog
    "push.before_accepted": Message(
        "操作时间早于受理时间，请检查本机时钟",
        "The change is dated before the ticket was accepted: check this PC's clock",
    ),
    "push.op_id_taken": Message("操作编号已被使用", "The change's id is already used"),
    "push.event_id_taken": Message("事件编号重复", "The event's id is already used"),
    "push.cannot_act_as": Message(
        "{role}账号不能以{acting}身份操作", "Accounts of the role {role} cannot act as {acting}"
    ),
    "push.other_seat": Message(
        "本账号属于 {account_seat}，不能代 {seat} 操作",
        "This account belongs to seat {account_seat}: it cannot act for {seat}",
    ),
    "push.command_seat_differs": Message(
        "命令的坐席与本坐席不符", "The change names another seat than this one"
    ),
    "push.department_cannot_accept": Message("承办单位不能受理工单", "A department cannot accept calls"),
    "push.ticket_seat_differs": Message(
        "工单受理坐席与本坐席不符", "The ticket was accepted at another seat than this one"
    ),
    "push.ticket_exists": Message("工单已存在", "The ticket already exists"),
    "push.fields_changed": Message("字段已被他人修改", "Someone else changed these fields first"),
    "push.some_fields_changed": Message(
        "部分字段已被他人修改，其余已保存",
        "Someone else changed some of these fields first; the others were saved",
    ),
    "push.taken_by": Message("已由{role} {actor} 分配至 {seat}", "The {role} {actor} assigned it to {seat}"),
    # the call-event channel (app/telephony.py, ui/call/call_events.py: `hotline-seat call ...`)
    "call.no_seat": Message(
        "坐席端未运行或未接收来电事件（{error}）", "No seat is listening for call events ({error})"
    ),
    "call.no_answer": Message("坐席端没有应答", "The seat did not answer"),
    "call.another_seat": Message(
        "本数据目录的另一个坐席端已在接收来电事件（{name}）",
        "Another seat on this data folder receives call events ({name})",
    ),
    "call.cannot_listen": Message(
        "无法接收来电事件（{name}）：{error}", "Cannot listen for call events on {name}: {error}"
    ),
    # folders and sockets only this user may reach (app/private_files.py)
    "private.refused": Message(
        "不安全的文件夹或套接字，已拒绝使用：{problem}", "Refused, not private to this user: {problem}"
    ),
    "private.missing": Message("{path} 不存在", "{path} does not exist"),
    "private.symlink": Message("{path} 是符号链接", "{path} is a symbolic link"),
    "private.not_folder": Message("{path} 不是文件夹", "{path} is not a folder"),
    "private.not_socket": Message("{path} 不是套接字", "{path} is not a socket"),
    "private.owner": Message("{path} 属于 {owner}，而不是 {me}", "{path} belongs to {owner}, not to {me}"),
    "private.open": Message(
        "{path} 的权限为 {mode}：其他用户可以进入（须为 700）",
        "{path} has permissions {mode}: other users may enter it (need 700)",
    ),
    # reference data (app/reference.py): a document the server serves, checked before a seat uses it
    "reference.missing": Message("缺少文件：{path}", "The file is missing: {path}"),
    "reference.unreadable": Message("无法读取 {path}：{error}", "{path} cannot be read: {error}"),
    "reference.unknown_document": Message("未知的参考数据：{name}", "No reference document is named {name}"),
    "reference.wrong_files": Message("{name}：应包含文件 {files}", "{name}: expected the files {files}"),
    "reference.too_large": Message(
        "{name}：{size} 字节，超过上限 {limit}", "{name}: {size} bytes, more than {limit}"
    ),
    "reference.invalid": Message("文件内容有误：{detail}", "The file is not valid: {detail}"),
    "reference.version_differs": Message(
        "{name}：版本号与内容不符", "{name}: the version does not match the content"
    ),
    "reference.taxonomy_refused": Message(
        "事项分类 {version} 未采用，继续使用当前版本：{problem}",
        "The taxonomy {version} was not adopted, the current one stays in use: {problem}",
    ),
    "reference.sla_refused": Message(
        "时限规则 {version} 未采用，继续使用当前版本：{problem}",
        "The SLA rules {version} were not adopted, the current ones stay in use: {problem}",
    ),
    "reference.emergency_refused": Message(
        "紧急词表 {version} 未采用，继续使用当前版本：{problem}",
        "The emergency word list {version} was not adopted, the current one stays in use: {problem}",
    ),
    # the jurisdiction's places (app/intake/places*.py): setting centre.jurisdiction, resources/places
    "places.no_city": Message(
        "全国行政区划中没有城市“{city}”", "No city of China has the name or code {city}"
    ),
    "places.ambiguous_city": Message(
        "“{city}”有多个城市（{cities}），请写行政区划代码",
        "{city} names several cities ({cities}): use the code",
    ),
    "places.not_utf8": Message("{path}：不是 UTF-8 文本（{error}）", "{path}: not UTF-8 text ({error})"),
    "places.unreadable": Message("{path}：无法读取（{error}）", "{path} cannot be read ({error})"),
    "places.yaml": Message("{where}：YAML 格式错误：{error}", "{where}: YAML syntax: {error}"),
    "places.not_mapping": Message(
        "{where}：应为含 city 和 districts 的映射", "{where}: expected a mapping with city and districts"
    ),
    "places.invalid": Message(
        "{where}：地名表有误：{node}：{error}", "{where}: the gazetteer is wrong at {node}: {error}"
    ),
    "places.not_a_name": Message(
        "{where}：{node}：“{name}”不是地名（2-30 个汉字）",
        "{where}: {node}: {name} is not a place name (2-30 Chinese characters)",
    ),
    "places.district_twice": Message(
        "{where}：区县“{district}”写了两次", "{where}: {district} is listed twice"
    ),
    "places.city_differs": Message(
        "{where}：city 应为“{city}”（文件写的是“{found}”）",
        "{where}: city should be {city}, the file names {found}",
    ),
    # what a seat is told on its next pull (sync/server/push.py): its ticket moved or was joined
    "notice.reassigned": Message(
        "{role} {actor} 将工单 {ticket} 改派至 {seat}", "The {role} {actor} reassigned {ticket} to {seat}"
    ),
    "notice.reassigned_because": Message(
        "{role} {actor} 将工单 {ticket} 改派至 {seat}：{reason}",
        "The {role} {actor} reassigned {ticket} to {seat}: {reason}",
    ),
    "notice.pooled": Message(
        "{role} {actor} 将工单 {ticket} 退回班组待分配：{reason}",
        "The {role} {actor} returned {ticket} to the team pool: {reason}",
    ),
    "notice.merged": Message(
        "{actor} 并单：{ticket} 并入本工单", "{actor} merged the repeat request {ticket} into this ticket"
    ),
    "lead.no_ticket": Message("工单不存在：{ticket}", "No such ticket: {ticket}"),
    "lead.moved_meanwhile": Message(
        "工单已不在 {seat}，未改派", "The ticket is no longer at {seat}: it was not moved"
    ),
    "sync.not_logged_in": Message(
        "未登录中心服务器，请先登录", "Not signed in to the central server: sign in"
    ),
    "sync.session_ended": Message(
        "登录已失效，请重新登录", "The sign-in has expired or was revoked: sign in again"
    ),
    "sync.malformed_answer": Message(
        "服务器应答格式不符（是否为本程序的中心服务器？）",
        "The server's answer is malformed (is this program's central server at that address?)",
    ),
    "keyring.unavailable": Message(
        "系统密钥环不可用，无法安全保存登录凭据；请启用系统密钥环服务（Windows 凭据管理器 / macOS 钥匙串 / "
        "GNOME Keyring 或 KWallet）后重新登录：{error}",
        "No OS keyring is available: tokens are never kept in plain files; enable the system keyring "
        "(Windows Credential Manager, macOS Keychain, GNOME Keyring or KWallet) and log in again: {error}",
    ),
    "sync.not_connected": Message("未连接中心服务器", "Not connected to the central server"),
    "sync.untrusted_certificate": Message(
        "中心服务器的证书不受信任，未发送任何数据；请检查地址，或由管理员配置 server.ca_bundle",
        "The central server's certificate is not trusted, nothing was sent: check the address, or "
        "have an administrator set server.ca_bundle",
    ),
    "sync.unreachable": Message(
        "中心服务器无法连接（{error}）", "The central server cannot be reached ({error})"
    ),
    "sync.unavailable": Message(
        "中心服务器暂不可用（HTTP {status_code}）", "The central server is unavailable (HTTP {status_code})"
    ),
    "sync.unsendable": Message(
        "本地待同步记录格式无效，未发送：{fields}",
        "The queued change is malformed and was not sent: {fields}",
    ),
    "server.range_reversed": Message("{name}：范围起点在终点之后", "{name}: a range starts after it ends"),
    "server.until_before_since": Message("结束时间须晚于开始时间", "The end must be after the start"),
    "server.period_too_long": Message("时间段最长 {days} 天", "The period may be at most {days} days"),
    "server.no_article": Message("知识条目不存在", "No such knowledge article"),
    "figures.last_before_first": Message("统计的结束日期早于开始日期", "The report ends before it starts"),
    "figures.too_many_periods": Message(
        "统计范围过长：最多 {most} 期", "The report is too long: at most {most} periods"
    ),
    "figures.not_your_seat": Message("只能查看本坐席的统计", "You may only see your own seat's figures"),
    "server.article_changed": Message(
        "知识条目已被他人修改，当前为第 {current} 版（你编辑的是第 {edited} 版）",
        "The article changed since you opened it: version {current} now, you edited {edited}",
    ),
    # exports (app/export/files.py): nothing half-written is left as the target
    "export.not_permitted": Message(
        "无法写入 {path}：没有权限，或文件正在被其他程序（如 Excel）打开；请关闭该文件或另选位置",
        "Cannot write {path}: no permission, or the file is open in another program (Excel?); "
        "close it or choose another place",
    ),
    "export.disk_full": Message(
        "无法写入 {path}：磁盘空间不足，未留下不完整的文件",
        "Cannot write {path}: the disk is full (nothing half-written was left)",
    ),
    "export.no_folder": Message(
        "无法写入 {path}：文件夹不存在（可能已被移走或网络盘已断开）",
        "Cannot write {path}: the folder does not exist (moved, or a network drive disconnected?)",
    ),
    "export.failed": Message("无法写入 {path}：{reason}", "Cannot write {path}: {reason}"),
}


@dataclass(frozen=True)
class Problem:
    """Why something was refused or failed: a key of MESSAGES and the values its words name."""

    code: str
    params: Mapping[str, Value] = field(default_factory=dict)

    def text(self, *, english: bool = False) -> str:
        message = MESSAGES[self.code]
        return fill(message.en if english else message.zh, **self.words(english=english))

    def words(self, *, english: bool = False) -> dict[str, Param]:
        """The parameters as shown: an enum's code becomes its label, or in English its code in words
        (close_direct: "close direct"; the seat's UI shows its own translated labels instead)."""
        shown: dict[str, Param] = {
            name: value.text(english=english) if isinstance(value, Problem) else value
            for name, value in self.params.items()
        }
        for name, enum in LABELLED_PARAMS.items():
            if name in shown:
                shown[name] = str(shown[name]).replace("_", " ") if english else enum(str(shown[name])).label
        return shown

    @property
    def wire_params(self) -> dict[str, Param]:
        """The parameters as the wire carries them: a problem within, which no code on the wire
        names, in both languages."""
        return {
            name: str(value) if isinstance(value, Problem) else value for name, value in self.params.items()
        }

    def __str__(self) -> str:
        """Both languages, for logs, the command line and seats that cannot read the code."""
        return f"{self.text()} ({self.text(english=True)})"


def as_column(said: Problem | str | None) -> str:
    """A text column's value for a problem kept to be shown later: JSON {"problem", "params"}, a
    problem within as one too (the language is picked when it is shown), or words that came
    without a code as they are."""
    if isinstance(said, Problem):
        return json.dumps(_kept(said), ensure_ascii=False)
    return said or ""


def from_column(column: str) -> Problem | str:
    """What as_column kept: the problem, or the words (also a code this version does not know, as
    its JSON: better than nothing)."""
    if column.startswith('{"problem"'):
        problem = _unkept(json.loads(column))
        if problem is not None:
            return problem
    return column


def _kept(problem: Problem) -> dict[str, object]:
    params = {name: _kept(v) if isinstance(v, Problem) else v for name, v in problem.params.items()}
    return {"problem": problem.code, "params": params}


def _unkept(kept: Mapping[str, object]) -> Problem | None:
    code, params = kept.get("problem"), kept.get("params")
    if code not in MESSAGES or not isinstance(params, Mapping):
        return None
    values: dict[str, Value] = {}
    for name, value in params.items():
        inner = _unkept(value) if isinstance(value, Mapping) else None
        values[name] = inner if inner is not None else value if isinstance(value, str | int) else str(value)
    return Problem(str(code), values)


class ProblemError(Exception):
    """An error told as a Problem (or its code and parameters); str() gives both languages."""

    def __init__(self, problem: Problem | str, /, **params: Value) -> None:
        self.problem = problem if isinstance(problem, Problem) else Problem(problem, params)
        super().__init__(str(self.problem))
