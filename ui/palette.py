"""The seat's colours by what they mean, in one place: a widget names the meaning, never the hex."""

from __future__ import annotations

ERROR = "#b3261e"  # errors, refusals, an overdue deadline, unresolved conflicts
MATCH = ERROR  # matched words in KB results: the same red, as a mark, not an error
WARNING = "#8a4b00"  # demo data, signed out: act soon, nothing lost
ONLINE = "#1b7f3b"
SYNCING = "#1b5e9f"
MUTED = "#666666"  # secondary text: saved time, offline, versions, notes
SNIPPET = "#444444"  # KB result snippets under their titles
NOTICE_BACKGROUND, NOTICE_TEXT = "#fff4ce", "#5c4400"  # the intake form's banner
EMERGENCY_BACKGROUND, EMERGENCY_TEXT = ERROR, "#ffffff"  # an emergency heard in the call: transfer now
RINGING_BACKGROUND, RINGING_TEXT = "#0b57d0", "#ffffff"  # the screen pop while a call rings
CALL_BACKGROUND, CALL_TEXT = "#d3e3fd", "#041e49"  # the screen pop once the call is answered
HEARD_BACKGROUND = "#fff4c2"  # a field filled from the call, not yet checked
PROBLEM_BACKGROUND = "#fdecea"  # a field 受理 refused, until it is edited
FOUND_BACKGROUND = "#a8c7fa"  # search matches in the transcript
SOURCE_BACKGROUND = "#ffd27f"  # the words a form field was filled from, in the transcript
UNCERTAIN_BACKGROUND = "#ffe08a"  # words the recognizer is unsure of
PARTIAL_TEXT = "#8a8a8a"  # a phrase still being recognized
CALLER_TEXT, OPERATOR_TEXT = "#0b57d0", "#146c2e"
PLACEHOLDER_TEXT = "#9e9e9e"
# SLA cells: (background, text) from near to overdue; a deadline far off has no colour.
SLA_AMBER = ("#fff4d6", "#7a4f00")
SLA_RED = ("#fde2e1", "#a3161b")
SLA_OVERDUE = (ERROR, "#ffffff")
# The 热点 heat grid: ColorBrewer's sequential Reds in 5 classes, light to dark for few to many;
# the dark cells get white text.
HEAT = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
HEAT_TEXT = ("#000000", "#000000", "#000000", "#ffffff", "#ffffff")
