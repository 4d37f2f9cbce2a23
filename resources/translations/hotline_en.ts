<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="239"/>
        <source>账号管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="241"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="242"/>
        <source>新建账号…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="243"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="244"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="245"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="246"/>
        <source>结束全部会话</source>
        <translation>End all sessions</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="252"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="253"/>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="254"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="255"/>
        <source>坐席号/单位代码</source>
        <translation>Seat / department code</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="256"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="257"/>
        <source>会话数</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="258"/>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="267"/>
        <source>正在读取账号…</source>
        <translation>Reading accounts…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="272"/>
        <source>共 %1 个账号。</source>
        <translation>%1 accounts.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="281"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="281"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="327"/>
        <source>已停用 %1，其会话已结束。</source>
        <translation>%1 disabled; its sessions have ended.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="328"/>
        <source>已启用 %1。</source>
        <translation>%1 enabled.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="329"/>
        <source>已结束 %1 的全部会话。</source>
        <translation>All sessions of %1 have ended.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="343"/>
        <source>已新建账号 %1。</source>
        <translation>Account %1 created.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="359"/>
        <source>已重置 %1 的密码，其会话已结束。</source>
        <translation>Password of %1 reset; its sessions have ended.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="385"/>
        <source>操作未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../../ui/intake/alarm_banner.py" line="76"/>
        <source>紧急情况：听到%1，请立即转接 %2。已标记紧急</source>
        <translation>Emergency %1: transfer to %2 now · marked urgent</translation>
    </message>
    <message>
        <location filename="../../ui/intake/alarm_banner.py" line="78"/>
        <source>紧急情况：听到%1，请立即转接 %2</source>
        <translation>Emergency %1: transfer to %2 now</translation>
    </message>
    <message>
        <location filename="../../ui/intake/alarm_banner.py" line="80"/>
        <source>标记紧急 (F4)</source>
        <translation>Mark urgent (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/alarm_banner.py" line="82"/>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/shell/i18n.py" line="60"/>
        <source>热线坐席端</source>
        <translation>Hotline Seat</translation>
    </message>
</context>
<context>
    <name>BreakReason</name>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="28"/>
        <source>休息</source>
        <translation>Rest</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="29"/>
        <source>用餐</source>
        <translation>Meal</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="30"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="31"/>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../../ui/call/call_panel.py" line="160"/>
        <source>停止转写</source>
        <translation>Stop transcribing</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="160"/>
        <source>开始转写</source>
        <translation>Start transcribing</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="162"/>
        <source>转写录音文件…</source>
        <translation>Transcribe a file…</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="163"/>
        <source>在转写中查找</source>
        <translation>Find in the transcript</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="178"/>
        <source>（未显示号码）</source>
        <translation>(number withheld)</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="179"/>
        <source>来电 %1 · %2</source>
        <translation>Call from %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="183"/>
        <source>转至 %1</source>
        <translation>to %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="185"/>
        <source>录音已收到</source>
        <translation>recording received</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="194"/>
        <source>正在加载语音模型…</source>
        <translation>Loading the speech model…</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="197"/>
        <source>未安装语音识别模型：通话转写不可用，请在受理单中手工记录。
安装方法：文件 → 设置 → 语音模型 → 从压缩包安装（如 vosk-model-small-cn-0.22.zip）</source>
        <translation>No speech model installed: call transcription is off, take notes in the intake form.
To install one: File → Settings → Speech models → Install from zip (e.g. vosk-model-small-cn-0.22.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="201"/>
        <source>正在转写录音文件…</source>
        <translation>Transcribing the recording…</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="203"/>
        <source>正在转写通话（模型 %1）</source>
        <translation>Transcribing the call (model %1)</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="205"/>
        <source>语音模型 %1 已就绪</source>
        <translation>Speech model %1 is ready</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="215"/>
        <source>实时录音不可用：缺少系统组件 %1。修复方法：%2
录音文件（WAV）仍可转写。</source>
        <translation>Live audio is unavailable: the system lacks %1. To fix it: %2
Recorded WAV files can still be transcribed.</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="298"/>
        <source>找不到录音设备，请在设置 → 语音中选择麦克风。</source>
        <translation>No recording device found: choose a microphone in Settings → Speech.</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="360"/>
        <source>转写未能保存：%1</source>
        <translation>Transcript could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="373"/>
        <source>识别出错：%1</source>
        <translation>Recognition failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="393"/>
        <source>转写录音文件</source>
        <translation>Transcribe a recording</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="395"/>
        <source>录音文件 (*.wav *.mp3 *.flac *.ogg *.opus *.m4a *.aac *.amr);;所有文件 (*)</source>
        <translation>Recordings (*.wav *.mp3 *.flac *.ogg *.opus *.m4a *.aac *.amr);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="409"/>
        <source>无法转写 %1：缺少系统组件 %2，只能转写 WAV 录音。修复方法：%3</source>
        <translation>Cannot transcribe %1: the system lacks %2, so only WAV recordings can be transcribed. To fix it: %3</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="473"/>
        <source>录音文件不完整，已转写现有的 %1 秒。</source>
        <translation>The recording is incomplete; its %1 s were transcribed.</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="564"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="564"/>
        <source>话务员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/call/call_panel.py" line="654"/>
        <source>%1 处</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>CallbackList</name>
    <message>
        <location filename="../../ui/call/callback_list.py" line="115"/>
        <source>来电时间</source>
        <translation>Called at</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="116"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="117"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="118"/>
        <source>未接</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="119"/>
        <source>回拨次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="120"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="121"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="125"/>
        <source>全部坐席的未回拨来电（服务器）</source>
        <translation>Every seat&apos;s unreturned calls (server)</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="127"/>
        <source>回拨 (%1)</source>
        <translation>Call back (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="131"/>
        <source>回拨选中的号码</source>
        <translation>Call back the selected number</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="131"/>
        <source>回拨结果：%1</source>
        <translation>Callback result: %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/callback_list.py" line="201"/>
        <source>待回拨 %1 个</source>
        <translation>%1 to call back</translation>
    </message>
</context>
<context>
    <name>CallerPanel</name>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="107"/>
        <source>并单 (Ctrl+M)</source>
        <translation>Merge (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="109"/>
        <source>受理本次诉求并并入所选的未办结工单：两张工单都记录并单，本单计为重复来电</source>
        <translation>Accept this request and merge it into the chosen open ticket: both tickets record the merge, and this one counts as a repeat call</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="111"/>
        <source>仅本机</source>
        <translation>This seat only</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="112"/>
        <source>未连接中心服务器：只列出本机工单</source>
        <translation>Not connected to the central server: this seat&apos;s tickets only</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="197"/>
        <source>来电历史（%1 张）</source>
        <translation>Caller history (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="197"/>
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="207"/>
        <source>频繁来电 %2次/%1天</source>
        <translation>Frequent: %2 calls/%1 d</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="209"/>
        <source>相似工单（%1）</source>
        <translation>Similar tickets (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/caller_panel.py" line="223"/>
        <source>%1  · 本坐席</source>
        <translation>%1  · this seat</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="94"/>
        <source>关键词：%1</source>
        <translation>keyword: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="95"/>
        <source>拼音：%1</source>
        <translation>pinyin: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="96"/>
        <source>首字母：%1</source>
        <translation>initials: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/category_picker.py" line="97"/>
        <source>提到：%1</source>
        <translation>mentioned: %1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="409"/>
        <source>正在修改…</source>
        <translation>Changing…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="421"/>
        <source>密码未修改：%1</source>
        <translation>Password not changed: %1</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="64"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="73"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="73"/>
        <source>我的修改</source>
        <translation>My change</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="73"/>
        <source>中心服务器上</source>
        <translation>On the central server</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="126"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="126"/>
        <source>被退回</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="134"/>
        <source>没有待处理的同步冲突。</source>
        <translation>No sync conflicts to resolve.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="138"/>
        <source>中心服务器的说明：%1</source>
        <translation>The central server says: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="157"/>
        <source>重新提交</source>
        <translation>Submit again</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="157"/>
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="159"/>
        <source>采用服务器的</source>
        <translation>Take the server&apos;s</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="160"/>
        <source>知道了</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="175"/>
        <source>不能保留我的修改：%1</source>
        <translation>Cannot keep my change: %1</translation>
    </message>
</context>
<context>
    <name>DetailFields</name>
    <message>
        <location filename="../../ui/intake/detail_fields.py" line="40"/>
        <source>发生时间，如 2026-12-06 22:00</source>
        <translation>When it happened, e.g. 2026-12-06 22:00</translation>
    </message>
    <message>
        <location filename="../../ui/intake/detail_fields.py" line="41"/>
        <source>涉及单位（商家、物业、公司）名称</source>
        <translation>Business concerned (shop, property manager, company)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/detail_fields.py" line="42"/>
        <source>车牌号，如 粤B12345</source>
        <translation>Plate number, e.g. 粤B12345</translation>
    </message>
    <message>
        <location filename="../../ui/intake/detail_fields.py" line="43"/>
        <source>身份证号（18 位）</source>
        <translation>ID card number (18 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/detail_fields.py" line="44"/>
        <source>订单号</source>
        <translation>Order number</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>求助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>表扬</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>快速</source>
        <translation>Fast</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>已派单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>退单待审</source>
        <translation>Return under review</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>已答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>已回访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>空闲</source>
        <translation>Idle</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>通话中</source>
        <translation>On call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>话后处理</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>小休</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>振铃</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>接通</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>保持</source>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>恢复通话</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>转接</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>未接</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>挂断</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>录音</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>振铃中</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>保持中</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>已转接</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>已挂断</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>接听来电</source>
        <translation>Answer a call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>结束通话</source>
        <translation>End a call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52"/>
        <source>漏接来电</source>
        <translation>Miss a call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>受理工单</source>
        <translation>File a ticket</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>话后处理到时</source>
        <translation>Wrap-up time is up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>置为空闲</source>
        <translation>Set idle</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>不满意</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>直接办结</source>
        <translation>Close directly</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>退单</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>签收</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>回访</source>
        <translation>Follow-up visit</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>漏接回拨</source>
        <translation>Missed call</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>待回拨</source>
        <translation>To call back</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>回拨中</source>
        <translation>Calling back</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="69"/>
        <source>已处理</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70"/>
        <source>已回拨</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>未接通</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>号码错误</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>无需回拨</source>
        <translation>Not needed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>开始回拨</source>
        <translation>Call back</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>办结</source>
        <translation>Close ticket</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>重办</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>督办</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>分配</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>并单</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>延期申请</source>
        <translation>Ask for extension</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>批准延期</source>
        <translation>Grant extension</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>驳回延期</source>
        <translation>Refuse extension</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>同意退单</source>
        <translation>Accept return</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>驳回退单</source>
        <translation>Refuse return</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>撤单</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>催办</source>
        <translation>Chase</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>话务员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>班长</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="93"/>
        <source>来电人姓名</source>
        <translation>caller&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94"/>
        <source>联系电话</source>
        <translation>phone number</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95"/>
        <source>所属区县</source>
        <translation>district</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="96"/>
        <source>详细地址</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="97"/>
        <source>发生时间</source>
        <translation>time it happened</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="98"/>
        <source>涉及单位</source>
        <translation>business concerned</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>车牌号</source>
        <translation>plate number</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100"/>
        <source>身份证号</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101"/>
        <source>订单号</source>
        <translation>Order number</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../ui/export/export_action.py" line="104"/>
        <source>请先点选要导出的列表（工单、回拨、坐席……），再按 %1。</source>
        <translation>Click the list to export first (tickets, callbacks, seats …), then press %1.</translation>
    </message>
    <message>
        <location filename="../../ui/export/export_action.py" line="137"/>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/export/export_action.py" line="139"/>
        <source>（电话、证件号等个人信息已脱敏）</source>
        <translation> (phone numbers, ID numbers and other personal data masked)</translation>
    </message>
    <message>
        <location filename="../../ui/export/export_action.py" line="152"/>
        <location filename="../../ui/export/export_action.py" line="188"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/export/export_action.py" line="182"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/export/export_action.py" line="183"/>
        <source>CSV，UTF-8 (*.csv)</source>
        <translation>CSV, UTF-8 (*.csv)</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="38"/>
        <source>诉求类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="39"/>
        <source>事项分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="40"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="41"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="42"/>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="43"/>
        <source>事发地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="44"/>
        <source>所属区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="45"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="46"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="47"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="48"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/sync/conflicts_dialog.py" line="49"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="82"/>
        <source>按时受理率</source>
        <translation>On-time acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="83"/>
        <source>按时派单率</source>
        <translation>On-time dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="84"/>
        <source>按时办结率</source>
        <translation>On-time closing</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="85"/>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="86"/>
        <source>一次性解决率</source>
        <translation>First-call resolution</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="87"/>
        <source>重办率</source>
        <translation>Reopen rate</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="88"/>
        <source>平均处理时长</source>
        <translation>Avg. handling time</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="89"/>
        <source>平均话后时长</source>
        <translation>Avg. wrap-up time</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="90"/>
        <source>每小时接话量</source>
        <translation>Calls per hour</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="104"/>
        <source>%1 秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="147"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="175"/>
        <source>对象</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="262"/>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="263"/>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="264"/>
        <source>按</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="265"/>
        <source>图表</source>
        <translation>Chart</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="266"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="268"/>
        <source>日通报</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="269"/>
        <source>周汇总</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="270"/>
        <source>月分析</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="273"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="274"/>
        <location filename="../../ui/lead/figures_page.py" line="457"/>
        <source>全班</source>
        <translation>Whole team</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="275"/>
        <source>大类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="276"/>
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="308"/>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="322"/>
        <source>%1 期，%2 行</source>
        <translation>%1 periods, %2 rows</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="371"/>
        <source>%1（各%2）</source>
        <translation>%1 (per %2)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="400"/>
        <source>%1（逐期）</source>
        <translation>%1 (per period)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/figures_page.py" line="459"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="441"/>
        <source>首次使用向导</source>
        <translation>First-run wizard</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="442"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="443"/>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="444"/>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="445"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="64"/>
        <source>%1 已问 · %2 下一待填 · %3 分类</source>
        <translation>%1 asked · %2 next to fill · %3 category</translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="91"/>
        <source>引导问题：%1</source>
        <translation>Questions: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="108"/>
        <location filename="../../ui/intake/guide_panel.py" line="111"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="109"/>
        <source>待填：%1</source>
        <translation>Still to fill: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="109"/>
        <source>必填项已填齐</source>
        <translation>All required fields filled</translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="112"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/intake/guide_panel.py" line="112"/>
        <source>待问：%1</source>
        <translation>To ask: %1</translation>
    </message>
</context>
<context>
    <name>HeatTable</name>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="169"/>
        <source>%1 · %2：%3 件</source>
        <translation>%1 · %2: %3 tickets</translation>
    </message>
</context>
<context>
    <name>HotspotsPage</name>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="434"/>
        <source>热点</source>
        <translation>Hot spots</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="442"/>
        <source>前</source>
        <translation>Top</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="443"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="444"/>
        <source>热点类别（与上一等长时段比）</source>
        <translation>Hot categories (against the period of the same length before)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="445"/>
        <source>热点区域</source>
        <translation>Hot districts</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="446"/>
        <source>区域热力图：各区 × 事项大类</source>
        <translation>Heat grid: districts × category domains</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="448"/>
        <source>苗头预警：近 24 小时明显高于自身近 4 周基线（回车查看工单）</source>
        <translation>Early warnings: well above their own 4-week baseline in the last 24 hours (Enter lists the tickets)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="450"/>
        <source>件数：</source>
        <translation>Tickets:</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="499"/>
        <source>历史数据不足两周，暂不预警。</source>
        <translation>Less than two weeks of history: no warnings yet.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="501"/>
        <source>近 24 小时没有明显高于基线的类别或区域。</source>
        <translation>No category or district is well above its baseline in the last 24 hours.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="503"/>
        <source>%1 条预警</source>
        <translation>%1 warnings</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="506"/>
        <source>本期 %1 件，上期 %2 件；更新于 %3</source>
        <translation>%1 tickets in the period, %2 in the one before; updated %3</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="513"/>
        <source>诉求类型 / 紧急程度</source>
        <translation>Kind / urgency</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="514"/>
        <source>事项分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="515"/>
        <source>来电人 / 电话</source>
        <translation>Caller / phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="516"/>
        <source>所在区 / 事发地址</source>
        <translation>District / address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="518"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="519"/>
        <source>答复内容</source>
        <translation>Answer given</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="542"/>
        <source>姓名或称呼，如：王先生</source>
        <translation>Name or form of address, e.g. Mr Wang</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="279"/>
        <location filename="../../ui/intake/intake_form.py" line="543"/>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="280"/>
        <location filename="../../ui/intake/intake_form.py" line="544"/>
        <source>区 / 街道</source>
        <translation>District / street</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="281"/>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="289"/>
        <source>已从通话中填入：%1</source>
        <translation>Filled in from the call: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="289"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="339"/>
        <source>来自通话：“%1”（从通话中自动填入，请核对）</source>
        <translation>From the call: “%1” (filled in from the call, please check)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="397"/>
        <source>没有挂起的受理单</source>
        <translation>No parked intake forms</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="517"/>
        <source>补充信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="534"/>
        <source>输入关键词查找分类，如：电梯、医保、供暖（%1）</source>
        <translation>Type to find a category, e.g. lift, medical insurance, heating (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="537"/>
        <source>引导问题：当前问题已问</source>
        <translation>Guided questions: current question asked</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="538"/>
        <source>转到下一个待填项</source>
        <translation>Go to the next field to fill</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="539"/>
        <source>选择事项分类</source>
        <translation>Choose the category</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="545"/>
        <source>详细地址，如：幸福路 18 号 5 栋</source>
        <translation>Full address, e.g. Building 5, 18 Xingfu Road</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="546"/>
        <source>市民反映的问题和诉求</source>
        <translation>What the citizen reports and asks for</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="547"/>
        <source>当场答复的内容（直接办结时必填）</source>
        <translation>Answer given on the call (required to close directly)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="548"/>
        <source>受理 (Ctrl+Enter)</source>
        <translation>Accept (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="549"/>
        <source>受理并直接办结 (Ctrl+Shift+Enter)</source>
        <translation>Close directly (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="550"/>
        <source>新建 (F2)</source>
        <translation>New (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="551"/>
        <source>紧急 (F4)</source>
        <translation>Urgent (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="552"/>
        <source>来电反映紧急情况：按紧急时限办理（F4 标记或取消）</source>
        <translation>The caller reported an emergency: handled on the urgent deadline (F4 marks or unmarks)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="553"/>
        <source>已恢复上次未完成的受理单草稿。</source>
        <translation>Restored the unfinished intake draft from last time.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="717"/>
        <source>草稿保存失败：%1</source>
        <translation>Draft could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="724"/>
        <source>草稿自动保存</source>
        <translation>Draft saves automatically</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="726"/>
        <source>草稿已保存 %1</source>
        <translation>Draft saved %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="787"/>
        <source>新建受理单</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="787"/>
        <source>当前受理单尚未受理，确定放弃并新建吗？</source>
        <translation>The current intake has not been accepted. Discard it and start a new one?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="835"/>
        <source>受理失败：%1</source>
        <translation>Could not accept: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/intake_form.py" line="845"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>KbEditorDialog</name>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="57"/>
        <source>编辑知识条目</source>
        <translation>Edit knowledge article</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="57"/>
        <source>新建知识条目</source>
        <translation>New knowledge article</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="85"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="101"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="102"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="103"/>
        <source>事项分类（代码，逗号分隔）</source>
        <translation>Categories (codes, comma-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="104"/>
        <source>承办单位代码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="105"/>
        <source>标签（空格分隔）</source>
        <translation>Tags (space-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="106"/>
        <source>同义词（空格分隔）</source>
        <translation>Synonyms (space-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="107"/>
        <source>常见问法（每行一个）</source>
        <translation>How callers ask (one per line)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="112"/>
        <source>有效期（生效—失效）</source>
        <translation>Valid (from — to)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="113"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="119"/>
        <source>正文（Markdown）与预览</source>
        <translation>Body (Markdown) and preview</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="146"/>
        <source>编号只能由 1-40 位字母、数字、.、- 或 _ 组成</source>
        <translation>The ID may only have 1-40 letters, digits, ., - or _</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="150"/>
        <source>未知的事项分类：%1</source>
        <translation>Unknown category: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="155"/>
        <source>日期应写成 2026-01-31</source>
        <translation>Write dates as YYYY-MM-DD, e.g. 2026-01-31</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="173"/>
        <source>请检查这些字段：%1</source>
        <translation>Please check these fields: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="183"/>
        <source>正在保存到中心服务器…</source>
        <translation>Saving to the central server…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="192"/>
        <source>删除知识条目</source>
        <translation>Delete KB article</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="193"/>
        <source>确定删除“%1”吗？删除后所有坐席在下次同步时都将不再看到这条知识。</source>
        <translation>Delete “%1”? Every seat stops seeing this article at its next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="199"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="211"/>
        <source>正在从中心服务器删除…</source>
        <translation>Deleting on the central server…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="220"/>
        <source>删除失败：%1</source>
        <translation>Delete failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_editor.py" line="228"/>
        <source>保存失败：%1</source>
        <translation>Could not save: %1</translation>
    </message>
</context>
<context>
    <name>KbPanel</name>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="222"/>
        <source>搜索知识库：关键词、拼音或首字母</source>
        <translation>Search: words, pinyin or initials</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="272"/>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="224"/>
        <source>插入答复 (%1)</source>
        <translation>Insert answer (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="225"/>
        <source>把所选条目的答复写入受理单，并记录使用了哪条知识</source>
        <translation>Write the selected article&apos;s answer into the intake form and record which article was used</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="226"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="227"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="228"/>
        <source>插入知识库答复</source>
        <translation>Insert knowledge-base answer</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="229"/>
        <source>导入导出</source>
        <translation>Import/export</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="231"/>
        <source>从 CSV / Excel 导入…</source>
        <translation>Import from CSV / Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="232"/>
        <source>从 Markdown 文件夹导入…</source>
        <translation>Import from a Markdown folder…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="233"/>
        <source>导出为 CSV…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="234"/>
        <source>导出为 Excel…</source>
        <translation>Export as Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="235"/>
        <source>导出为 Markdown 文件夹…</source>
        <translation>Export as a Markdown folder…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="249"/>
        <source>知识库无法打开：%1</source>
        <translation>The knowledge base cannot be opened: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="297"/>
        <source>知识库为空：登录中心服务器后自动同步</source>
        <translation>Knowledge base empty: it syncs once you sign in to the central server</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="300"/>
        <source>知识库：演示数据</source>
        <translation>Knowledge base: demo data</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="302"/>
        <source>知识库版本 %1</source>
        <translation>Knowledge base version %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="378"/>
        <source>正在载入知识库…</source>
        <translation>Loading the knowledge base…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="380"/>
        <source>实时推荐（根据通话和诉求内容）</source>
        <translation>Live suggestions (from the call and the request)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="383"/>
        <source>最相关的前 %1 条</source>
        <translation>Top %1 matches</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="385"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="387"/>
        <source>没有找到相关条目，换个说法试试</source>
        <translation>Nothing found: try other words</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="389"/>
        <source>输入关键词，或在通话时查看实时推荐</source>
        <translation>Type to search, or see live suggestions during a call</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_panel.py" line="466"/>
        <source>仅班长或管理员登录中心服务器后可编辑知识库</source>
        <translation>Only team leads or administrators signed in to the central server may edit the knowledge base</translation>
    </message>
</context>
<context>
    <name>KbReportDialog</name>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="110"/>
        <source>知识库使用统计</source>
        <translation>KB usage report</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="112"/>
        <source>近 %1 天</source>
        <translation>Last %1 days</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="113"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="114"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="114"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="114"/>
        <source>使用次数</source>
        <translation>Uses</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="114"/>
        <source>最近使用</source>
        <translation>Last used</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="117"/>
        <source>期间用过的条目（按使用次数）</source>
        <translation>Articles used in the period (most used first)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="118"/>
        <source>期间未用过的条目（从未用过的在前）</source>
        <translation>Articles not used in the period (never used first)</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="125"/>
        <source>统计的是全部坐席上报到中心服务器的使用</source>
        <translation>Counts the uses every seat reported to the central server</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="127"/>
        <source>未能连接中心服务器，只统计本坐席记录的使用</source>
        <translation>The central server could not be reached: counts only the uses recorded on this seat</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="129"/>
        <source>统计的是本坐席记录的使用</source>
        <translation>Counts the uses recorded on this seat</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="130"/>
        <source>：话务员用 F7 插入答复并受理的工单，每张工单每条知识计一次。</source>
        <translation>: tickets where the operator inserted an answer with F7, each article counted once per ticket.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="154"/>
        <source>结束日期早于开始日期。</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="160"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="163"/>
        <source>无法统计：%1</source>
        <translation>Cannot count: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="175"/>
        <source>期间 %1 张工单用了知识库答复，涉及 %2 条；现有 %3 条，%4 条期间未用（%5 条从未用过）。</source>
        <translation>%1 tickets were answered from the KB in the period, with %2 articles; the KB has %3, %4 unused in the period (%5 never used).</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="194"/>
        <source>从未使用</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_report.py" line="196"/>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
</context>
<context>
    <name>KbTransfer</name>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="39"/>
        <source>导出到文件夹</source>
        <translation>Export to folder</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="44"/>
        <location filename="../../ui/kb/kb_transfer.py" line="53"/>
        <source>导出知识库</source>
        <translation>Export the knowledge base</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="54"/>
        <source>已导出 %1 条。</source>
        <translation>%1 articles exported.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="57"/>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="76"/>
        <source>选择 Markdown 文件夹</source>
        <translation>Choose a Markdown folder</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="81"/>
        <location filename="../../ui/kb/kb_transfer.py" line="104"/>
        <location filename="../../ui/kb/kb_transfer.py" line="136"/>
        <source>导入知识库</source>
        <translation>Import into the knowledge base</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="99"/>
        <source>无法导入：%1</source>
        <translation>Cannot import: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="106"/>
        <source>已导入 %1 条。</source>
        <translation>%1 articles imported.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="111"/>
        <source>已导入中心服务器：新增 %1 条，更新 %2 条。各坐席同步后即可使用。</source>
        <translation>Imported into the central server: %1 new, %2 updated. Every seat has them after its next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="121"/>
        <source>中心服务器发现 %1 处问题，未导入任何条目。请修改后重新导入：</source>
        <translation>The central server found %1 problems; nothing was imported. Please fix them and import again:</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="132"/>
        <source>……另有 %1 处问题</source>
        <translation>… and %1 more problems</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="126"/>
        <source>文件中有 %1 处问题，未导入任何条目。请修改后重新导入：</source>
        <translation>The file has %1 problems, so nothing was imported. Fix them and import again:</translation>
    </message>
    <message>
        <location filename="../../ui/kb/kb_transfer.py" line="150"/>
        <source>知识库</source>
        <translation>Knowledge base</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="90"/>
        <source>欢迎使用热线坐席端</source>
        <translation>Welcome to Hotline Seat</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="91"/>
        <source>几步设置后即可接听第一个电话。每一项以后都可以在“文件 → 设置”中修改。</source>
        <translation>A few steps and the seat is ready for its first call. Everything can be changed later in File → Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="92"/>
        <source>界面语言（选择后立即切换）：</source>
        <translation>Interface language (switches as soon as you choose):</translation>
    </message>
</context>
<context>
    <name>LeadBoard</name>
    <message>
        <location filename="../../ui/lead/board.py" line="174"/>
        <source>班长台</source>
        <translation>Team lead board</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="175"/>
        <source>坐席看板</source>
        <translation>Seat board</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="176"/>
        <source>筛选：坐席、话务员或技能</source>
        <translation>Filter: seat, operator or skill</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="180"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="185"/>
        <source>疏忙导闲…</source>
        <translation>Balance load…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="186"/>
        <source>技能…</source>
        <translation>Skills…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="187"/>
        <source>统计…</source>
        <translation>Figures…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="188"/>
        <source>团队池（拖到此处退回待分配）</source>
        <translation>Team pool (drop here to unassign)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="227"/>
        <source>%1 个坐席，%2 个在线；更新于 %3</source>
        <translation>%1 seats, %2 online; updated %3</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="278"/>
        <source>点一个坐席看它的工单</source>
        <translation>Click a seat to see its tickets</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="280"/>
        <source>团队池的工单</source>
        <translation>Tickets in the team pool</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="282"/>
        <source>坐席 %1 的工单</source>
        <translation>Tickets of seat %1</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="290"/>
        <source>团队池</source>
        <translation>the team pool</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="304"/>
        <source>已改派 %1 张</source>
        <translation>Moved %1</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="307"/>
        <source>；%1 张未改派：%2</source>
        <translation>; %1 not moved: %2</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="328"/>
        <location filename="../../ui/lead/dialogs.py" line="84"/>
        <source>疏忙导闲</source>
        <translation>Load balancing</translation>
    </message>
    <message>
        <location filename="../../ui/lead/board.py" line="337"/>
        <source>先选一个坐席</source>
        <translation>Choose a seat first</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="38"/>
        <source>忙闲调整</source>
        <translation>Evening out load</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="39"/>
        <source>坐席小休</source>
        <translation>Seat on a break</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="40"/>
        <source>坐席下班</source>
        <translation>Seat off shift</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="41"/>
        <source>技能匹配</source>
        <translation>Skill match</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="42"/>
        <source>督办件集中处理</source>
        <translation>Supervised tickets handled together</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="48"/>
        <source>改派原因</source>
        <translation>Reason for the move</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="53"/>
        <source>必填：为什么改派</source>
        <translation>Required: why move it</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="56"/>
        <source>将 %1 张工单改派至 %2</source>
        <translation>Move %1 ticket(s) to %2</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="89"/>
        <source>建议移动 %1 张工单；在线坐席负荷离散度（最高/平均加权负荷）%2 → %3</source>
        <translation>%1 moves proposed; spread of online seats (max/mean weighted load) %2 → %3</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="97"/>
        <source>工单</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="98"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="99"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="100"/>
        <source>原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="118"/>
        <source>全部应用</source>
        <translation>Apply all</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="121"/>
        <source>应用所选</source>
        <translation>Apply ticked</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="156"/>
        <source>%1 加权负荷 %2，%3 为 %4；本单权重 %5</source>
        <translation>%1 weighted load %2, %3 has %4; this ticket weighs %5</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="164"/>
        <source>；需技能：%1</source>
        <translation>; needs skill: %1</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="174"/>
        <source>坐席 %1 的技能</source>
        <translation>Skills of seat %1</translation>
    </message>
    <message>
        <location filename="../../ui/lead/dialogs.py" line="179"/>
        <source>其他，用逗号分隔</source>
        <translation>Others, comma separated</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="109"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="110"/>
        <source>话务员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="50"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="51"/>
        <source>近 7 天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="52"/>
        <source>近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="87"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="88"/>
        <source>热点</source>
        <translation>Hot spots</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="89"/>
        <source>本期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="90"/>
        <source>上期</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="91"/>
        <source>趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="175"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="176"/>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="177"/>
        <source>近 24 小时</source>
        <translation>Last 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="178"/>
        <source>预期</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="179"/>
        <source>倍数</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="180"/>
        <source>近 4 周每日</source>
        <translation>Daily, last 4 weeks</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="184"/>
        <location filename="../../ui/lead/hotspots_page.py" line="227"/>
        <source>区域</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="225"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="228"/>
        <location filename="../../ui/lead/models.py" line="111"/>
        <location filename="../../ui/lead/models.py" line="247"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="229"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="112"/>
        <source>状态时长</source>
        <translation>In state</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="113"/>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="114"/>
        <source>加权负荷</source>
        <translation>Weighted</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="115"/>
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="116"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="117"/>
        <source>今日办结</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="118"/>
        <source>技能</source>
        <translation>Skills</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="119"/>
        <source>最后同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="176"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="224"/>
        <location filename="../../ui/lead/models.py" line="245"/>
        <source>工单号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="183"/>
        <location filename="../../ui/lead/hotspots_page.py" line="226"/>
        <location filename="../../ui/lead/models.py" line="246"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="248"/>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="249"/>
        <location filename="../../ui/lead/models.py" line="293"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="250"/>
        <location filename="../../ui/lead/models.py" line="295"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../ui/lead/models.py" line="278"/>
        <source>权重 %1</source>
        <translation>Weight %1</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <location filename="../../ui/wizard/level_meter.py" line="42"/>
        <source>找不到该录音设备</source>
        <translation>This recording device was not found</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/level_meter.py" line="42"/>
        <source>本机没有可用的录音设备</source>
        <translation>This PC has no recording device</translation>
    </message>
</context>
<context>
    <name>LiveCapture</name>
    <message>
        <location filename="../../ui/call/audio_capture.py" line="78"/>
        <source>无法打开录音设备</source>
        <translation>Cannot open the recording device</translation>
    </message>
    <message>
        <location filename="../../ui/call/audio_capture.py" line="102"/>
        <source>录音设备出错或已断开</source>
        <translation>The recording device failed or was unplugged</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="46"/>
        <source>登录中心服务器</source>
        <translation>Sign in to the central server</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="62"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="63"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="64"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="68"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="72"/>
        <source>密码只用于本次登录；登录凭据保存在系统钥匙串中，不写入任何文件。</source>
        <translation>The password is used for this login only; the login is kept in the system keyring, never in a file.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="74"/>
        <source>没有系统密钥环：登录只在程序运行期间有效，不写入任何文件，下次启动需重新登录。</source>
        <translation>No OS keyring: this login lasts only while the program runs, is never written to a file, and must be entered again at the next start.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="92"/>
        <source>请填写服务器地址、账号和密码。</source>
        <translation>Please enter the server address, account and password.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="101"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="117"/>
        <source>账号或密码不正确。</source>
        <translation>Wrong account or password.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="119"/>
        <source>无法连接中心服务器，请检查地址和网络；工单会先保存在本机。</source>
        <translation>Cannot reach the central server: check the address and the network. Tickets are kept on this PC meanwhile.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="121"/>
        <source>不安全的服务器地址：只有本机服务器可以使用 http://，其他服务器请使用 https://。</source>
        <translation>Insecure server address: only a server on this PC may use http://; use https:// for any other server.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="123"/>
        <source>系统钥匙串不可用，无法安全保存登录凭据：%1</source>
        <translation>The system keyring is unavailable, so the login cannot be kept safely: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/login_dialog.py" line="126"/>
        <location filename="../../ui/sync/login_dialog.py" line="127"/>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="376"/>
        <source>坐席 %1</source>
        <translation>Seat %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="377"/>
        <source> [演示数据]</source>
        <translation> [demo data]</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="379"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="380"/>
        <source>工单(&amp;T)</source>
        <translation>&amp;Tickets</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="381"/>
        <source>同步(&amp;Y)</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="382"/>
        <source>坐席(&amp;S)</source>
        <translation>&amp;Seat</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="383"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="384"/>
        <location filename="../../ui/shell/main_window.py" line="437"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="385"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="387"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="388"/>
        <source>导出当前列表…</source>
        <translation>Export the current list…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="389"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="390"/>
        <source>新建受理单</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="391"/>
        <source>标记紧急 / 取消紧急</source>
        <translation>Mark or unmark urgent</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="392"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="393"/>
        <source>受理并直接办结</source>
        <translation>Accept and close directly</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="394"/>
        <source>返回挂起的受理单</source>
        <translation>Back to the parked intake form</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="395"/>
        <source>挂起的受理单列表…</source>
        <translation>Parked intake forms…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="396"/>
        <source>搜索我的工单</source>
        <translation>Search my queue</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="397"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="398"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="399"/>
        <source>同步冲突…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="400"/>
        <source>登录中心服务器…</source>
        <translation>Sign in to the central server…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="401"/>
        <source>注销</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="402"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="403"/>
        <source>账号管理…</source>
        <translation>Accounts…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="404"/>
        <source>置为空闲</source>
        <translation>Set idle</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="405"/>
        <source>话后处理</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="406"/>
        <source>小休</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="407"/>
        <source>漏接回拨列表</source>
        <translation>Missed calls to call back</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="408"/>
        <source>我的统计…</source>
        <translation>My figures…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="409"/>
        <source>通知列表</source>
        <translation>Notifications list</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="410"/>
        <source>转到受理单</source>
        <translation>Go to intake</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="411"/>
        <source>知识库使用统计…</source>
        <translation>KB usage report…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="412"/>
        <source>班长台…</source>
        <translation>Team lead board…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="414"/>
        <source>快捷键…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="415"/>
        <source>首次使用向导…</source>
        <translation>First-run wizard…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="419"/>
        <source>通话转写</source>
        <translation>Call transcript</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="420"/>
        <source>知识库</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="423"/>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="428"/>
        <source>我的工单</source>
        <translation>My queue</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="421"/>
        <source>漏接回拨</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="422"/>
        <source>录音转写</source>
        <translation>Recorded calls</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="428"/>
        <source>本单位工单</source>
        <translation>Our unit&apos;s tickets</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="437"/>
        <source>找不到该语言的翻译文件，仍使用中文。</source>
        <translation>The translation file for this language is missing; staying in Chinese.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="462"/>
        <source>内置演示服务器，不写入配置文件</source>
        <translation>the demo&apos;s embedded server; not written to the config file</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="462"/>
        <location filename="../../ui/shell/main_window.py" line="471"/>
        <source>本次启动指定</source>
        <translation>given for this run</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="467"/>
        <source>已登录</source>
        <translation>signed in</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="471"/>
        <source>跟随系统语言</source>
        <translation>following the system language</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="506"/>
        <location filename="../../ui/shell/main_window.py" line="520"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="507"/>
        <source>以下设置在重启程序后生效：</source>
        <translation>These settings take effect after restarting the program:</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="520"/>
        <source>无法保存配置文件：%1</source>
        <translation>Could not save the config file: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="546"/>
        <source>打开选中的工单（我的工单，也可双击）</source>
        <translation>Open the selected ticket (or double-click it)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="547"/>
        <source>从搜索框转到搜索结果</source>
        <translation>From the search box to the results</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="548"/>
        <source>清空搜索框</source>
        <translation>Clear the search box</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="564"/>
        <source>配置文件有误</source>
        <translation>Config file has errors</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="565"/>
        <source>以下配置项无效，已使用默认值：</source>
        <translation>These settings are invalid; their defaults are used:</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="596"/>
        <source>已受理：%1</source>
        <translation>Accepted: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="607"/>
        <source>已插入知识库答复：%1</source>
        <translation>Knowledge-base answer inserted: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="701"/>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="764"/>
        <source>注意：账号 %1 属于坐席 %2，本机坐席号为 %3</source>
        <translation>Note: account %1 belongs to seat %2, but this PC is seat %3</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="774"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="840"/>
        <source>来电 %1</source>
        <translation>Incoming call %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="840"/>
        <source>（未显示号码）</source>
        <translation>(number withheld)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="842"/>
        <source>；上一张受理单已挂起（%1 返回）</source>
        <translation>; the previous form was parked (%1 to go back)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="862"/>
        <source>漏接来电 %1，已加入回拨列表（Ctrl+Shift+R）</source>
        <translation>Missed call from %1: added to the callbacks (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="863"/>
        <source>漏接来电（未显示号码，无法回拨）</source>
        <translation>Missed call (number withheld: it cannot be called back)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="912"/>
        <source>通话中，不能回拨</source>
        <translation>On a call: no callback now</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="926"/>
        <source>当前受理单未完成：请先受理或新建（F2）再回拨</source>
        <translation>The form holds another request: file it or start a new one (F2) before calling back</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="942"/>
        <source>回拨 %1（第 %2 次）：受理工单即记为已回拨</source>
        <translation>Calling back %1 (attempt %2): filing the ticket records it as reached</translation>
    </message>
</context>
<context>
    <name>MicrophonePage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="252"/>
        <source>麦克风</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="253"/>
        <source>选择通话转写使用的录音设备，对着麦克风说话，音量条应随之跳动。</source>
        <translation>Choose the recording device for call transcription, then speak into the microphone: the level bar should move with your voice.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="255"/>
        <source>音量</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="259"/>
        <source>实时录音不可用：缺少 %1。修复方法：%2。可以先跳过此步，以后在设置中选择。</source>
        <translation>Live audio is unavailable: %1 is missing. To fix it: %2. You can skip this step and choose a device later in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="269"/>
        <source>音量条不动：请检查耳麦是否插好、是否静音，或换一个设备。</source>
        <translation>Bar not moving? Check that the headset is plugged in and not muted, or choose another device.</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../ui/settings/model_page.py" line="41"/>
        <source>从压缩包安装…</source>
        <translation>Install from zip…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="42"/>
        <source>从文件夹安装…</source>
        <translation>Install from folder…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="43"/>
        <source>使用此模型</source>
        <translation>Use this model</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="44"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="49"/>
        <source>中文默认模型：vosk-model-small-cn-0.22.zip（约 42 MB，安装时核对 SHA-256）。模型只在本机使用，语音不会离开本机。</source>
        <translation>Default Chinese model: vosk-model-small-cn-0.22.zip (about 42 MB, its SHA-256 is checked on install). Models run on this PC only; no audio leaves it.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="75"/>
        <source>（使用中）</source>
        <translation>(in use)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="80"/>
        <source>尚未安装语音模型：通话转写不可用。</source>
        <translation>No speech model installed: call transcription is off.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="88"/>
        <source>选择模型压缩包</source>
        <translation>Choose a model zip</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="88"/>
        <source>模型压缩包 (*.zip)</source>
        <translation>Model zips (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="94"/>
        <source>选择模型文件夹</source>
        <translation>Choose a model folder</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="105"/>
        <source>正在安装 %1…</source>
        <translation>Installing %1…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="113"/>
        <source>核对文件</source>
        <translation>Checking the file</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="113"/>
        <source>解压/复制</source>
        <translation>Unpacking / copying</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="117"/>
        <source>已安装 %1</source>
        <translation>Installed %1</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="146"/>
        <source>删除模型</source>
        <translation>Remove model</translation>
    </message>
    <message>
        <location filename="../../ui/settings/model_page.py" line="146"/>
        <source>删除模型 %1？</source>
        <translation>Remove model %1?</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="153"/>
        <source>新建账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="155"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="156"/>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="157"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="158"/>
        <source>坐席号/单位代码</source>
        <translation>Seat / department code</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="159"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="160"/>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="179"/>
        <source>两次输入的密码不同。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="184"/>
        <source>用户名只能用字母、数字和 _ . -，密码至少 8 位。</source>
        <translation>Usernames use only letters, digits and _ . -; passwords need at least 8 characters.</translation>
    </message>
</context>
<context>
    <name>NotificationList</name>
    <message>
        <location filename="../../ui/notify/notification_list.py" line="121"/>
        <source>标为已读 (%1)</source>
        <translation>Mark read (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/notify/notification_list.py" line="122"/>
        <source>全部标为已读</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <location filename="../../ui/notify/notification_list.py" line="123"/>
        <source>通知标为已读</source>
        <translation>Mark notification read</translation>
    </message>
    <message>
        <location filename="../../ui/notify/notification_list.py" line="124"/>
        <source>没有通知</source>
        <translation>No notifications</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../ui/notify/notifier.py" line="78"/>
        <location filename="../../ui/notify/notifier.py" line="111"/>
        <source>通知</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../ui/notify/notifier.py" line="79"/>
        <source>通话期间收到 %1 条新通知</source>
        <translation>%1 new notifications came during the call</translation>
    </message>
    <message>
        <location filename="../../ui/notify/notifier.py" line="112"/>
        <source>%1 条新通知</source>
        <translation>%1 new notifications</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="21"/>
        <source>新分配工单</source>
        <translation>Ticket assigned to you</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="22"/>
        <source>工单已改派</source>
        <translation>Ticket moved</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="23"/>
        <source>退单</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="24"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="25"/>
        <source>延期待审批</source>
        <translation>Extension to approve</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="26"/>
        <source>延期答复</source>
        <translation>Extension answered</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="27"/>
        <source>催办</source>
        <translation>Chased</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="28"/>
        <source>并单</source>
        <translation>Repeat request merged</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="29"/>
        <source>时限预警</source>
        <translation>Deadline near</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="30"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="31"/>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="32"/>
        <source>苗头预警</source>
        <translation>Early warning</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="47"/>
        <source>%1 将工单 %2 分配给本坐席</source>
        <translation>%1 assigned %2 to this seat</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="50"/>
        <source>%1 将工单 %2 改派至 %3</source>
        <translation>%1 moved %2 to %3</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="54"/>
        <source>%1 将工单 %2 退回班组待分配</source>
        <translation>%1 returned %2 to the team pool</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="59"/>
        <source>%1 督办工单 %2</source>
        <translation>%1 put %2 under supervision</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="62"/>
        <source>%1 申请延期工单 %2，待审批</source>
        <translation>%1 asks for an extension of %2, to approve</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="65"/>
        <source>%1 批准了工单 %2 的延期</source>
        <translation>%1 approved the extension of %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="67"/>
        <source>%1 驳回了工单 %2 的延期</source>
        <translation>%1 refused the extension of %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="70"/>
        <source>来电人催办工单 %1（第 %2 次）</source>
        <translation>The caller chased %1 (time %2)</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="76"/>
        <source>%1 将重复诉求 %2 并入工单 %3</source>
        <translation>%1 merged repeat request %2 into ticket %3</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="84"/>
        <source>中心服务器拒绝了工单 %1 的修改</source>
        <translation>The central server refused a change to %1</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="87"/>
        <source>%1 近 24 小时 %2 件，平常约 %3 件</source>
        <translation>%1: %2 in the last 24 hours, about %3 usually</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="94"/>
        <source>工单 %1 的修改与中心服务器冲突，请处理</source>
        <translation>A change to %1 conflicts with the central server: please resolve it</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="97"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="109"/>
        <source>%1 退回工单 %2，待审核</source>
        <translation>%1 returned %2, to review</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="112"/>
        <source>%1 同意了工单 %2 的退单，请改派</source>
        <translation>%1 agreed to the return of %2: dispatch it anew</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="115"/>
        <source>%1 驳回了工单 %2 的退单</source>
        <translation>%1 refused the return of %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="117"/>
        <source>%1 收回了工单 %2</source>
        <translation>%1 recalled %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="118"/>
        <source>%1 退回了工单 %2</source>
        <translation>%1 returned %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="128"/>
        <source>工单 %1 已超过派单时限（%2）</source>
        <translation>%1 is past its dispatch deadline (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="130"/>
        <source>工单 %1 已超过办结时限（%2）</source>
        <translation>%1 is past its closing deadline (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="132"/>
        <source>工单 %1 派单时限将到：%2</source>
        <translation>%1 is due for dispatch: %2</translation>
    </message>
    <message>
        <location filename="../../ui/notify/wording.py" line="133"/>
        <source>工单 %1 办结时限将到：%2</source>
        <translation>%1 is due to close: %2</translation>
    </message>
</context>
<context>
    <name>ParkedDrafts</name>
    <message>
        <location filename="../../ui/intake/parked_drafts.py" line="86"/>
        <source>（未填来电人）</source>
        <translation>(no caller yet)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/parked_drafts.py" line="92"/>
        <source>挂起的受理单（%1）：</source>
        <translation>Parked forms (%1):</translation>
    </message>
    <message>
        <location filename="../../ui/intake/parked_drafts.py" line="98"/>
        <source>返回 %1 (%2)</source>
        <translation>Back to %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/parked_drafts.py" line="99"/>
        <source>全部挂起的受理单：%1</source>
        <translation>All parked forms: %1</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="31"/>
        <source>设置数据库口令</source>
        <translation>Set the database passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="31"/>
        <source>输入数据库口令</source>
        <translation>Enter the database passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="35"/>
        <source>本机没有可用的系统密钥环。本地数据库（来电人信息、草稿、通话转写）将用口令加密保存，以后每次启动都需要输入此口令。口令至少 %1 个字符；忘记口令将无法读取本机尚未同步的数据。</source>
        <translation>This PC has no usable system keyring. The local database (callers&apos; details, drafts, call transcripts) will be encrypted with a passphrase, which is asked at every start. It needs at least %1 characters; without it, data not yet synced on this PC cannot be read.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="41"/>
        <source>本地数据库已用口令加密，请输入口令以打开。</source>
        <translation>The local database is encrypted with a passphrase: enter it to open the database.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="51"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="53"/>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../ui/shell/passphrase_dialog.py" line="72"/>
        <source>两次输入的口令不一致</source>
        <translation>The two entries differ</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="98"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="100"/>
        <source>重置密码：%1</source>
        <translation>Reset password: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="101"/>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="102"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="103"/>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="107"/>
        <source>至少 10 位，不能含用户名，不能是常见密码。</source>
        <translation>At least 10 characters, not containing the username, not a common password.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="111"/>
        <source>请输入新密码。</source>
        <translation>Enter a new password.</translation>
    </message>
    <message>
        <location filename="../../ui/sync/accounts_dialog.py" line="113"/>
        <source>两次输入的新密码不同。</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="101"/>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="103"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="105"/>
        <source>%1分</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="107"/>
        <source>逾期 %1</source>
        <translation>overdue %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="360"/>
        <location filename="../../ui/queue/queue_model.py" line="396"/>
        <source>工单编号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="361"/>
        <location filename="../../ui/queue/queue_model.py" line="397"/>
        <source>诉求类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="362"/>
        <location filename="../../ui/queue/queue_model.py" line="398"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="363"/>
        <location filename="../../ui/queue/queue_model.py" line="399"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="364"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="365"/>
        <location filename="../../ui/queue/queue_model.py" line="400"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="366"/>
        <location filename="../../ui/queue/queue_model.py" line="371"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="367"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="368"/>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="401"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="414"/>
        <source>【督】</source>
        <translation>[Sup] </translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="433"/>
        <source>截止时间：%1</source>
        <translation>Due: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="435"/>
        <source>督办工单</source>
        <translation>Supervised ticket</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_model.py" line="437"/>
        <source>演示数据，不是真实工单</source>
        <translation>Demo data, not a real ticket</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="156"/>
        <source>搜索编号、来电人、电话、地址、内容 (Ctrl+F)</source>
        <translation>Search number, caller, phone, address, content (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="157"/>
        <source>待我处理优先</source>
        <translation>My moves first</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="158"/>
        <source>先列出待我派单、回访、办结的工单（点列标题可按该列排序）</source>
        <translation>List the tickets waiting for me to dispatch, call back or close first (click a column title to sort by it)</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="159"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="160"/>
        <source>只列出督办工单</source>
        <translation>List supervised tickets only</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="161"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="162"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="163"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="163"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="164"/>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="326"/>
        <source>共 %1 件</source>
        <translation>%1 tickets</translation>
    </message>
    <message>
        <location filename="../../ui/queue/queue_view.py" line="329"/>
        <source>查询失败</source>
        <translation>Query failed</translation>
    </message>
</context>
<context>
    <name>RecordingsPanel</name>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="66"/>
        <source>录音文件</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="66"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="66"/>
        <source>工单</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="66"/>
        <source>时长</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="66"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="85"/>
        <source>正在转写 %1：%2%</source>
        <translation>Transcribing %1: %2%</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="102"/>
        <source>草稿（未受理）</source>
        <translation>Draft (not accepted yet)</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="118"/>
        <source>未设置录音监视目录（文件 → 设置 → 高级）；电话系统发来的录音仍会转写。</source>
        <translation>No watch folder is set (File → Settings → Advanced); recordings the phone system sends are still transcribed.</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="120"/>
        <source>录音监视目录：%1</source>
        <translation>Watch folder: %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="121"/>
        <source>待转写 %1 个</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="123"/>
        <source>没有语音模型：安装模型后开始转写。</source>
        <translation>No speech model: transcribing starts once one is installed.</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="130"/>
        <source>等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="131"/>
        <source>转写中</source>
        <translation>Transcribing</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="132"/>
        <source>已附到工单</source>
        <translation>Attached</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="133"/>
        <source>未找到工单</source>
        <translation>No ticket found</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="134"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="141"/>
        <source>按通话编号 %1</source>
        <translation>By call id %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="143"/>
        <source>按来电号码 %1 和时间</source>
        <translation>By caller number %1 and time</translation>
    </message>
    <message>
        <location filename="../../ui/call/recordings_panel.py" line="145"/>
        <source>转写已保存；没有同一通话编号或号码和时间相近的工单</source>
        <translation>Transcript kept; no ticket has this call id, or this number at about this time</translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="201"/>
        <source>（未显示号码）</source>
        <translation>(number withheld)</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="202"/>
        <source>通话中 %1</source>
        <translation>On call with %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="202"/>
        <source>来电 %1</source>
        <translation>Call from %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="207"/>
        <source>上次反映：%1</source>
        <translation>last time: %1</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="210"/>
        <source>频繁来电</source>
        <translation>Frequent caller</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="215"/>
        <source>号码未显示：无法查找来电历史</source>
        <translation>Number withheld: no call history to look up</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="217"/>
        <source>正在查找来电历史…</source>
        <translation>Looking up the caller&apos;s history…</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="219"/>
        <source>（仅本机）</source>
        <translation> (this seat only)</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="221"/>
        <source>%1 天内无来电记录%2</source>
        <translation>No calls in the last %1 days%2</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="222"/>
        <source>来电历史：%1 天内 %2 张%3</source>
        <translation>History: %2 tickets in the last %1 days%3</translation>
    </message>
    <message>
        <location filename="../../ui/call/screen_pop.py" line="223"/>
        <source>最近：%1</source>
        <translation>latest: %1</translation>
    </message>
</context>
<context>
    <name>SeatPage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="206"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="207"/>
        <source>本机的坐席号由热线中心分配，中心服务器用它区分坐席。</source>
        <translation>The hotline centre assigns this PC its seat id; the central server tells seats apart by it.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="210"/>
        <source>坐席号和话务员在重启程序后生效。</source>
        <translation>Seat id and operator take effect after the program restarts.</translation>
    </message>
</context>
<context>
    <name>SeatStatusBar</name>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="220"/>
        <source>未登录</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="227"/>
        <source>坐席状态 (F9 空闲, F10 小休, F8 话后处理)</source>
        <translation>Seat state (F9 idle, F10 break, F8 wrap-up)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="242"/>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="243"/>
        <source>本机数据库中的工单为演示数据，不会同步到中心服务器</source>
        <translation>The tickets in this local store are demo data and are never synced to the central server</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="258"/>
        <source>冲突 %1</source>
        <translation>Conflicts: %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="259"/>
        <source>有同步冲突或被退回的修改，点击查看并处理</source>
        <translation>Some changes conflicted or were refused: click to review them</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="270"/>
        <source>本机模式（未配置中心服务器）</source>
        <translation>Local only (no server set)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="272"/>
        <source>工单保存在本机待同步队列；在设置中填写中心服务器地址后即可同步</source>
        <translation>Tickets wait in this PC&apos;s sync queue; enter the central server&apos;s address in Settings to sync them</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="288"/>
        <source>无法连接中心服务器%1；工单保存在本机，恢复后自动同步</source>
        <translation>Cannot reach the central server%1; tickets are kept on this PC and sync automatically once it is back</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="275"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="186"/>
        <source>通知 %1</source>
        <translation>Notifications %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="187"/>
        <source>未读通知，点击查看 (Ctrl+Shift+M)</source>
        <translation>Unread notifications: click to see them (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="191"/>
        <source>登录不保存（无系统密钥环）</source>
        <translation>Login not kept (no OS keyring)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="192"/>
        <source>没有可用的系统密钥环：登录凭据只保存在内存中，不写入任何文件，关闭程序后需重新登录。请 IT 启用系统密钥环（Windows 凭据管理器 / macOS 钥匙串 / GNOME Keyring 或 KWallet）。</source>
        <translation>No OS keyring is available: the login is kept in memory only, never written to a file, and must be entered again after the program closes. Ask IT to enable the system keyring (Windows Credential Manager / macOS Keychain / GNOME Keyring or KWallet).</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="196"/>
        <source>未加密连接</source>
        <translation>Unencrypted connection</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="197"/>
        <source>与中心服务器的连接未加密 (http://)：密码和市民信息以明文在网络上传输。这是管理员设置 server.allow_insecure_http 允许的；请尽快改用 https://。</source>
        <translation>The connection to the central server is not encrypted (http://): passwords and citizens&apos; data cross the network in clear. An administrator allowed this with server.allow_insecure_http; switch to https:// soon.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="201"/>
        <source>来电事件已停用（套接字不安全）</source>
        <translation>Call events off (unsafe socket)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="202"/>
        <source>来电事件套接字所在的文件夹或套接字属于其他用户或权限过宽，为防止来电号码被他人接收，本机不接收来电事件。请 IT 检查后重启程序。</source>
        <translation>The folder or socket for call events belongs to another user or is open to others: so that nobody else receives callers&apos; numbers, this seat takes no call events. Ask IT to check it, then restart the program.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="205"/>
        <source>已拒绝未加密连接</source>
        <translation>Unencrypted connection refused</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="206"/>
        <source>中心服务器地址不是本机却使用 http://：为保护密码和市民信息，不与其同步，工单保存在本机。请在设置中改用 https:// 地址。</source>
        <translation>The central server is not on this PC but its address uses http://: to protect passwords and citizens&apos; data the seat does not sync with it, and tickets stay on this PC. Use an https:// address in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="213"/>
        <source>无实时录音（缺少 %1）</source>
        <translation>No live audio (%1 missing)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="220"/>
        <source>正在连接…</source>
        <translation>connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="222"/>
        <source>坐席 %1 · %2 %3</source>
        <translation>Seat %1 · %2 %3</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="225"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="264"/>
        <source>正在连接中心服务器…</source>
        <translation>Connecting to the central server…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="266"/>
        <source>正在连接中心服务器并登录；在此之前工单保存在本机</source>
        <translation>Connecting to the central server and signing in; until then tickets are kept on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="275"/>
        <source>已连接中心服务器；点击立即同步 (F6)</source>
        <translation>Connected to the central server; click to sync now (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="278"/>
        <source>同步中 %1</source>
        <translation>Syncing (%1 to send)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="280"/>
        <source>正在与中心服务器同步</source>
        <translation>Syncing with the central server</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="283"/>
        <source>未登录中心服务器</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="283"/>
        <source>点击登录；登录前工单保存在本机</source>
        <translation>Click to sign in; until then tickets are kept on this PC</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="284"/>
        <source>，%1 秒后重试</source>
        <translation>, retrying in %1 s</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="286"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="303"/>
        <source>来电 %1</source>
        <translation>Call from %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="303"/>
        <source>（未显示号码）</source>
        <translation>(number withheld)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="307"/>
        <source>话后处理 剩 %1 秒</source>
        <translation>Wrap-up: %1 s left</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="309"/>
        <source>，之后小休（%1）</source>
        <translation>, then a break (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="312"/>
        <source>小休 %1</source>
        <translation>Break %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/status_bar.py" line="250"/>
        <source> · 待同步 %1</source>
        <translation> · %1 to sync</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="133"/>
        <source>中心服务器</source>
        <translation>Central server</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="134"/>
        <source>工单同步到热线中心的服务器；没有服务器时工单保存在本机，以后可再连接。</source>
        <translation>Tickets sync with the hotline centre&apos;s server; without one they are kept on this PC and can be synced later.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="135"/>
        <source>连接中心服务器</source>
        <translation>Connect to a central server</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="136"/>
        <source>暂不连接，只在本机工作</source>
        <translation>Not now: work on this PC only</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="137"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="138"/>
        <source>登录…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="148"/>
        <source>尚未登录</source>
        <translation>Not signed in yet</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="150"/>
        <source>已登录：%1（%2）</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="159"/>
        <source>请填写服务器地址，或选择只在本机工作。</source>
        <translation>Enter the server&apos;s address, or choose to work on this PC only.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="39"/>
        <source>坐席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="40"/>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="41"/>
        <source>工单</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="42"/>
        <source>日志</source>
        <translation>Logs</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="43"/>
        <source>坐席号</source>
        <translation>Seat ID</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="44"/>
        <source>本机坐席编号，中心服务器用它区分坐席。</source>
        <translation>This PC&apos;s seat ID; the central server tells seats apart by it.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="45"/>
        <source>话务员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="46"/>
        <source>当前登录的话务员姓名或工号。</source>
        <translation>Name or staff number of the operator on this seat.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="47"/>
        <source>热线中心时区</source>
        <translation>Hotline centre time zone</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="48"/>
        <source>工单时间、流转记录、时限和导出都按这个时区显示和计算，与本机系统时区无关 (IANA 名称)。</source>
        <translation>Ticket times, history, deadlines and exports are shown and computed in this time zone, whatever this PC&apos;s own zone (an IANA name).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="51"/>
        <source>辖区城市</source>
        <translation>Jurisdiction (city)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="52"/>
        <source>本热线受理的城市：行政区划代码或名称，如 440300 或 深圳市。区县及其简称来自全国行政区划数据，街道、社区和地标来自 resources/places/&lt;城市&gt;.yaml；海滨市是演示用的虚构城市。</source>
        <translation>The city this hotline serves: its administrative division code or name, such as 440300 or 深圳市. Districts, counties and their short names come from the national division data; sub-districts, communities and landmarks from resources/places/&lt;city&gt;.yaml. 海滨市 is the demo&apos;s fictional city.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="57"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="58"/>
        <source>auto 表示跟随系统语言 (LANG)。</source>
        <translation>auto follows the system language (LANG).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="59"/>
        <source>跟随系统</source>
        <translation>Follow system</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="60"/>
        <source>简体中文</source>
        <translation>Simplified Chinese</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="61"/>
        <source>字号缩放 (%)</source>
        <translation>Font scale (%)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="62"/>
        <source>放大界面文字，方便长时间值班阅读。</source>
        <translation>Enlarge the interface text for easier reading over a long shift.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="63"/>
        <source>工单列表分页大小</source>
        <translation>Queue page size</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="64"/>
        <source>我的工单每次从本地库读取的行数。</source>
        <translation>Rows of My queue read from the local store at a time.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="65"/>
        <source>草稿自动保存间隔 (毫秒)</source>
        <translation>Draft autosave delay (ms)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="66"/>
        <source>停止输入多久后保存草稿；0 表示每次输入立即保存。</source>
        <translation>How long after the last keystroke the draft is saved; 0 saves on every keystroke.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="67"/>
        <source>来电历史查询天数</source>
        <translation>Caller history days</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="68"/>
        <source>来电或输入号码时，列出该号码这么多天内的工单（本机和中心服务器）。</source>
        <translation>When a number rings or is typed, list its tickets of this many days (this seat&apos;s and the central server&apos;s).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="69"/>
        <source>频繁来电次数</source>
        <translation>Frequent caller: calls</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="70"/>
        <source>同一号码在统计天数内有这么多张工单（含本次之前的），标记为频繁来电。</source>
        <translation>A number with this many earlier tickets within the counted days is flagged as a frequent caller.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="71"/>
        <source>频繁来电统计天数</source>
        <translation>Frequent caller: days</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="72"/>
        <source>统计频繁来电的天数。</source>
        <translation>The days over which calls are counted for the frequent-caller flag.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="73"/>
        <source>相似工单查找天数</source>
        <translation>Similar tickets: days</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="74"/>
        <source>通话中查找同区、同分类、内容相似的未办结工单时，只看这么多天内受理的。</source>
        <translation>While a call goes on, similar open tickets (same district and category, similar text) are looked for among those accepted within this many days.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="75"/>
        <source>时限预警提前量 (分钟)</source>
        <translation>Deadline warning lead time (minutes)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="76"/>
        <source>本坐席工单的派单或办结时限还剩这么多分钟时发出时限预警通知；超时再通知一次。</source>
        <translation>A deadline warning is given when a dispatch or closing deadline of this seat&apos;s tickets is this many minutes away; another when it has passed.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="79"/>
        <source>桌面通知</source>
        <translation>Desktop notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="80"/>
        <source>新通知除列入通知列表外，再在屏幕角落弹出系统通知；通话中不弹出，挂断后汇总提示一次。</source>
        <translation>New notifications also pop up in a corner of the screen, besides going on the list; none during a call, one summary after hanging up.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="83"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="84"/>
        <source>中心服务器地址</source>
        <translation>Central server address</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="85"/>
        <source>中心工单服务器的地址；留空表示只在本机工作（工单留在待同步队列）。</source>
        <translation>Address of the central ticket server; leave empty to work on this PC only (tickets stay in the sync queue).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="86"/>
        <source>允许未加密连接 (http)</source>
        <translation>Allow unencrypted connections (http)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="87"/>
        <source>仅限管理员：允许用 http:// 连接其他主机上的中心服务器。密码和工单数据将以明文在网络上传输，状态栏会一直提示。默认不允许（本机地址除外）。</source>
        <translation>Administrators only: allow http:// to a central server on another machine. Passwords and ticket data then cross the network in clear, and the status bar says so all the time. Off by default (addresses on this PC are always allowed).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="92"/>
        <source>服务器证书颁发机构 (CA) 文件</source>
        <translation>Server certificate authority (CA) file</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="93"/>
        <source>中心服务器使用内部 CA 签发的证书时，填写该 CA 证书 (PEM) 的完整路径；留空表示使用系统信任的证书。</source>
        <translation>When the central server&apos;s certificate comes from an internal CA, the full path of that CA certificate (PEM); empty uses the commonly trusted certificate authorities.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="97"/>
        <source>登录账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="98"/>
        <source>上次登录中心服务器的账号；密码和令牌只保存在系统钥匙串中。</source>
        <translation>The account last used on the central server; passwords and tokens are kept only in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="99"/>
        <source>同步间隔 (秒)</source>
        <translation>Sync interval (s)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="100"/>
        <source>在线时多久与中心服务器同步一次；有新工单时立即同步。</source>
        <translation>How often to sync with the central server while online; new tickets sync at once.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="101"/>
        <source>日志级别</source>
        <translation>Log level</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="102"/>
        <source>通话</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="103"/>
        <source>话后处理时长 (秒)</source>
        <translation>Wrap-up time (s)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="104"/>
        <source>挂断后留给话后处理的时间，状态栏倒计时；到时或受理工单后坐席回到空闲（选了小休则进入小休）。</source>
        <translation>Time for wrap-up after a call, counted down in the status bar; when it is up or the ticket is filed, the seat is idle again (or on the break the operator chose).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="108"/>
        <source>来电提示音</source>
        <translation>Ring sound</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="109"/>
        <source>来电振铃时，除弹出来电信息外再播放一声短提示音（电话本身不响铃时使用；默认关闭）。</source>
        <translation>When a call rings, play a short chime besides showing the caller (for phones that do not ring themselves; off by default).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="112"/>
        <source>电话系统录音目录</source>
        <translation>Phone system recordings folder</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="113"/>
        <source>电话系统发来录音事件时，只接受这个目录中的录音文件；留空表示本机数据目录中的 recordings。</source>
        <translation>Recording events from the phone system are taken only for files in this folder; empty means the recordings folder in the seat&apos;s data folder.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="117"/>
        <source>录音监视目录</source>
        <translation>Recordings watch folder</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="118"/>
        <source>电话系统存放通话录音 (WAV) 的目录，可为网络共享目录；新录音在后台转写，并按通话编号或来电号码和时间附到对应工单。留空表示不监视。</source>
        <translation>The folder where the phone system puts call recordings (WAV), a network share too; new recordings are transcribed in the background and attached to their ticket by call id, or by caller number and time. Empty: no folder is watched.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="123"/>
        <source>录音目录检查间隔 (秒)</source>
        <translation>Watch folder check interval (s)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="124"/>
        <source>多久查看一次录音监视目录有无新文件（网络共享目录不可靠地通知变化，所以定时查看）。</source>
        <translation>How often the watch folder is looked at for new files (network shares do not report changes reliably, so it is polled).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="128"/>
        <source>录音写完判定 (秒)</source>
        <translation>Recording finished after (s)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="129"/>
        <source>录音文件大小和修改时间这么多秒不变，才视为电话系统已写完并开始转写。</source>
        <translation>A recording is taken as finished, and transcribed, once its size and time have not changed for this many seconds.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="133"/>
        <source>录音文件命名规则</source>
        <translation>Recording file name pattern</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="134"/>
        <source>从录音文件名读出通话编号、来电号码和时间的正则表达式，分组名 call_id、caller、time（14 位数字 yyyymmddHHMMSS）；文件旁同名 .json（call_id、caller、started_at）优先。</source>
        <translation>A regular expression that reads the call id, caller number and time from a recording&apos;s name, with the groups call_id, caller and time (14 digits, yyyymmddHHMMSS); a .json file of the same name beside it (call_id, caller, started_at) comes first.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="139"/>
        <source>录音匹配工单时间范围 (分钟)</source>
        <translation>Recording match window (minutes)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="140"/>
        <source>没有通话编号可对时，把录音附到同一来电号码、受理时间在录音时间前后这么多分钟内最近的工单。</source>
        <translation>Without a call id to match, a recording goes to the ticket of the same caller number filed nearest its time within this many minutes either side.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="144"/>
        <source>语音</source>
        <translation>Speech</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="145"/>
        <source>麦克风 / 录音设备</source>
        <translation>Microphone / recording device</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="146"/>
        <source>通话转写使用的输入设备；留空表示系统默认设备。</source>
        <translation>Input device used for call transcription; empty means the system default.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="147"/>
        <source>断句停顿 (毫秒)</source>
        <translation>Phrase pause (ms)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="148"/>
        <source>来电人停顿这么久，这句话就定稿显示；0 表示按语音模型自带的规则（约 1 秒后）。</source>
        <translation>When the caller pauses this long, the phrase is settled on screen; 0 uses the speech model&apos;s own rules (about 1 s later).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="151"/>
        <source>保存通话录音</source>
        <translation>Keep call recordings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="152"/>
        <source>除转写文字外，是否把通话原始录音保存在本机数据目录（默认不保存）。</source>
        <translation>Whether to keep the raw call audio in this PC&apos;s data folder besides the transcript (off by default).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="153"/>
        <source>录音保留天数</source>
        <translation>Keep recordings for (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="154"/>
        <source>保存的通话录音超过这个天数后自动删除。</source>
        <translation>Kept call recordings older than this are deleted automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="155"/>
        <source>写入日志文件的最低级别；日志中的电话号码已脱敏。</source>
        <translation>Lowest level written to the log file; phone numbers in the log are masked.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="156"/>
        <source>隐私</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="157"/>
        <source>已办结工单个人信息保留天数</source>
        <translation>Keep personal data of closed tickets (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="158"/>
        <source>办结超过这个天数后，本机把来电人姓名、电话、地址脱敏（张**、138****5678、只留区）。</source>
        <translation>This many days after a ticket is closed, this seat masks the caller&apos;s name, phone and address (张**, 138****5678, district only).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="161"/>
        <source>已同步记录保留天数</source>
        <translation>Keep synced records (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="162"/>
        <source>中心服务器已确认的同步记录、已处理的同步冲突和已读通知，超过这个天数后删除。</source>
        <translation>Sync records the central server acknowledged, resolved sync conflicts and read notices are deleted after this many days.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="165"/>
        <source>未受理草稿保留天数</source>
        <translation>Keep unaccepted drafts (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="166"/>
        <source>超过这个天数没有修改的草稿（未受理或已放弃）将被删除。</source>
        <translation>Drafts not changed for this many days (never accepted, or abandoned) are deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="167"/>
        <source>通话转写保留天数</source>
        <translation>Keep call transcripts (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="168"/>
        <source>通话转写文字（只保存在本机）超过这个天数后删除。</source>
        <translation>Call transcripts (kept on this seat only) are deleted after this many days.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="209"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="225"/>
        <source>语音模型</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="227"/>
        <source>高级</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="250"/>
        <source>供 IT 人员使用：话务员通常无需修改以下设置。</source>
        <translation>For IT staff: operators normally need not change these settings.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="272"/>
        <source>重启程序后生效。</source>
        <translation>Takes effect after restarting the program.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="275"/>
        <source>正在使用：%1（%2）</source>
        <translation>In use: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="337"/>
        <source>正在检查辖区城市…</source>
        <translation>Checking the jurisdiction…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="386"/>
        <source>实时录音不可用：缺少 %1。修复方法：%2</source>
        <translation>Live audio unavailable: %1 missing. To fix it: %2</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="392"/>
        <source>系统默认设备</source>
        <translation>System default device</translation>
    </message>
    <message>
        <location filename="../../ui/settings/settings_dialog.py" line="397"/>
        <source>%1（未连接）</source>
        <translation>%1 (not connected)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/shell/shortcuts_dialog.py" line="25"/>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shell/shortcuts_dialog.py" line="27"/>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../ui/shell/shortcuts_dialog.py" line="27"/>
        <source>功能</source>
        <translation>Does</translation>
    </message>
</context>
<context>
    <name>SpeechModelPage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="310"/>
        <source>语音模型</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="313"/>
        <source>通话转写需要一个语音识别模型：选择 IT 提供的模型压缩包或文件夹安装。没有模型也能受理工单。</source>
        <translation>Call transcription needs a speech recognition model: install the zip or folder IT gave you. Tickets can be taken without one.</translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <location filename="../../ui/shell/main.py" line="132"/>
        <source>热线坐席端</source>
        <translation>Hotline Seat</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main.py" line="133"/>
        <source>无法启动：
%1</source>
        <translation>Cannot start:
%1</translation>
    </message>
</context>
<context>
    <name>SuggestionStrip</name>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="182"/>
        <source>事发 %1</source>
        <translation>Happened %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="184"/>
        <source>摘要填入诉求内容</source>
        <translation>Use summary</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="191"/>
        <source>依据：%1</source>
        <translation>Because of: %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="194"/>
        <source>来自通话：“%1”</source>
        <translation>From the call: “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="197"/>
        <source>%1 或单击：填入受理单</source>
        <translation>%1 or click: fill it into the intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="198"/>
        <source>已填入受理单</source>
        <translation>In the intake form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="199"/>
        <source>话务员已填写此项，不会覆盖</source>
        <translation>Typed by the operator: never overwritten</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="205"/>
        <source>通话建议</source>
        <translation>From the call</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="206"/>
        <source>全部采纳 (%1)</source>
        <translation>Take all (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="208"/>
        <source>采纳建议：诉求类型</source>
        <translation>Take suggestion: kind</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="209"/>
        <source>采纳建议：事项分类 %1</source>
        <translation>Take suggestion: category %1</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="210"/>
        <source>采纳建议：来电人</source>
        <translation>Take suggestion: caller</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="211"/>
        <source>采纳建议：电话</source>
        <translation>Take suggestion: phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="212"/>
        <source>采纳建议：所在区和地址</source>
        <translation>Take suggestion: district and address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="213"/>
        <source>采纳建议：事发时间</source>
        <translation>Take suggestion: time it happened</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="214"/>
        <source>采纳建议：诉求摘要</source>
        <translation>Take suggestion: request summary</translation>
    </message>
    <message>
        <location filename="../../ui/intake/suggestion_strip.py" line="218"/>
        <source>采纳全部通话建议（不覆盖已填写的内容）</source>
        <translation>Take all suggestions from the call (typed fields are kept)</translation>
    </message>
</context>
<context>
    <name>TestCallPage</name>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="358"/>
        <source>测试来电</source>
        <translation>Test call</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="360"/>
        <source>电话系统通过本机的来电事件接口通知坐席；这里发送一个测试来电，检查它能否到达。</source>
        <translation>The phone system tells the seat about calls through this PC&apos;s call-event socket; send a test call here to check that it arrives.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="362"/>
        <source>电话系统接入方法见管理员手册“来电事件”一节。</source>
        <translation>How to connect the phone system: see “Call events” in the administrator guide.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="363"/>
        <source>发送测试来电</source>
        <translation>Send a test call</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="370"/>
        <source>正在发送测试来电…</source>
        <translation>Sending a test call…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="404"/>
        <source>测试来电未到达：%1</source>
        <translation>The test call did not arrive: %1</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="404"/>
        <source>坐席没有收到</source>
        <translation>the seat did not receive it</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/first_run.py" line="407"/>
        <source>已收到测试来电 %1：来电事件接口工作正常。</source>
        <translation>Test call %1 received: call events work.</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="148"/>
        <source>工单编号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="149"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="150"/>
        <source>诉求类型 / 紧急程度</source>
        <translation>Kind / urgency</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="151"/>
        <source>事项分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="152"/>
        <source>来电人 / 电话</source>
        <translation>Caller / phone</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="153"/>
        <location filename="../../ui/ticket/ticket_dialog.py" line="174"/>
        <source>事发地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="154"/>
        <source>补充信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="155"/>
        <location filename="../../ui/ticket/ticket_dialog.py" line="174"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="156"/>
        <source>承办单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="157"/>
        <source>派单时限</source>
        <translation>Dispatch due</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="158"/>
        <source>办结时限</source>
        <translation>Close due</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="159"/>
        <source>催办 / 延期申请</source>
        <translation>Chases / extension</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="163"/>
        <source>流转记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="164"/>
        <source>通话转写</source>
        <translation>Call transcript</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="166"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="166"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="166"/>
        <source>状态变化</source>
        <translation>Status change</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="166"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="166"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="169"/>
        <source>说明（退单、答复、延期、驳回、重办、督办、撤单、直接办结时必填）</source>
        <translation>Note (required for return, reply, extension, refusal, reopen, supervise, withdraw, direct close)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="171"/>
        <source>坐席号</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="172"/>
        <source>新内容</source>
        <translation>New text</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="173"/>
        <source>申请延至的办结时限</source>
        <translation>The close deadline asked for</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="174"/>
        <source>所属区县</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="176"/>
        <source>执行</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="177"/>
        <source>加入回访列表</source>
        <translation>Add to the follow-up calls</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="178"/>
        <source>关闭窗口</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="179"/>
        <source>请选择满意度</source>
        <translation>Choose satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="208"/>
        <source>工单 %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="210"/>
        <source>（督办）</source>
        <translation> (supervised)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="215"/>
        <source>（保存期满，已脱敏）</source>
        <translation> (retention period over: masked)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="236"/>
        <source>录音 %1</source>
        <translation>Recording %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="236"/>
        <source>现场转写</source>
        <translation>Live transcript</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="238"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="254"/>
        <location filename="../../ui/ticket/ticket_dialog.py" line="445"/>
        <location filename="../../ui/ticket/ticket_dialog.py" line="446"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="265"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="265"/>
        <source>话务员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="285"/>
        <source>催办 %1 次</source>
        <translation>Chases: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="287"/>
        <source>延期申请至 %1（待审批）</source>
        <translation>Extension to %1 asked (awaiting the centre)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="292"/>
        <source>承办单位：%1</source>
        <translation>Department: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="296"/>
        <source>申请延至 %1</source>
        <translation>Asked until %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="299"/>
        <source>办结时限延至 %1</source>
        <translation>Close deadline now %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="302"/>
        <source>第 %1 次催办</source>
        <translation>Chase no. %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="414"/>
        <source>操作失败：%1</source>
        <translation>Action failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="444"/>
        <source>待定：街道未知</source>
        <translation>to be decided: street unknown</translation>
    </message>
    <message>
        <location filename="../../ui/ticket/ticket_dialog.py" line="444"/>
        <source>待定：区县未知</source>
        <translation>to be decided: district unknown</translation>
    </message>
</context>
<context>
    <name>UnexpectedError</name>
    <message>
        <location filename="../../ui/shell/main.py" line="152"/>
        <source>热线坐席端：意外错误</source>
        <translation>Hotline Seat: unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main.py" line="153"/>
        <source>程序出现意外错误，已保存的内容不受影响。请记下时间并告知 IT 人员；详情已记入日志：
%1

%2</source>
        <translation>Something unexpected went wrong; saved work is not affected. Note the time and tell IT: the details are in the log:
%1

%2</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../../ui/labels.py" line="107"/>
        <source>请填写诉求内容</source>
        <translation>Please enter the request</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="108"/>
        <source>诉求内容过长（{length} 字，最多 {limit} 字）</source>
        <translation>The request is too long ({length} characters, at most {limit})</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="109"/>
        <source>请选择事项分类</source>
        <translation>Please choose a category</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="110"/>
        <source>请选择到第三级事项分类</source>
        <translation>Please choose a third-level category</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="111"/>
        <source>电话号码无效（手机 11 位，固话须带区号）</source>
        <translation>Invalid phone number (mobiles have 11 digits, landlines need the area code)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="112"/>
        <source>直接办结须填写答复内容</source>
        <translation>Closing directly needs the answer given</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="113"/>
        <source>手机号码应为 11 位</source>
        <translation>A mobile number has 11 digits</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>固定电话请加区号，如 0755-12345678</source>
        <translation>Add the area code to a landline, e.g. 0755-12345678</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="115"/>
        <source>请填写{field}</source>
        <translation>Please fill in the {field}</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>{field}过长（最多 {limit} 字）</source>
        <translation>The {field} is too long (at most {limit} characters)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="117"/>
        <source>发生时间请写成 年-月-日 时:分，如 2026-12-06 22:00</source>
        <translation>Write the time as year-month-day hour:minute, e.g. 2026-12-06 22:00</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118"/>
        <source>身份证号应为 18 位（最后一位可为 X）</source>
        <translation>An ID card number has 18 characters (the last may be X)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="119"/>
        <source>身份证号校验位不对，请核对每一位</source>
        <translation>The ID card number&apos;s check character does not match: check every digit</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="120"/>
        <source>身份证号中的出生日期无效</source>
        <translation>The birth date in the ID card number is not a valid date</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="121"/>
        <source>车牌号无效（省份简称 + 字母 + 5 或 6 位，如 粤B12345、粤BD12345）</source>
        <translation>Not a plate number (province character, a letter, then 5 or 6 characters, e.g. 粤B12345, 粤BD12345)</translation>
    </message>
</context>
<context>
    <name>WarningTable</name>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="218"/>
        <source>偶然达到此数的概率约 %1；回车查看这些工单</source>
        <translation>Chance of this many by chance alone: about %1; Enter lists the tickets</translation>
    </message>
</context>
<context>
    <name>WarningTickets</name>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="299"/>
        <source>苗头预警：%1</source>
        <translation>Early warning: %1</translation>
    </message>
    <message>
        <location filename="../../ui/lead/hotspots_page.py" line="303"/>
        <source>%1 至 %2 共 %3 件（预期约 %4 件）。回车打开选中的工单。</source>
        <translation>%3 tickets from %1 to %2 (about %4 expected). Enter opens the selected ticket.</translation>
    </message>
</context>
</TS>
