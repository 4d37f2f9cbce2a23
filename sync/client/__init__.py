"""The seat's sync client (同步客户端): outbox push, cursor pull, backoff; no Qt, runs on any thread."""

import sys

# httpx imports its command-line tool whenever click, rich and pygments are installed, as they are
# beside the test tools (and so in an installer built there): 15 MB and a tenth of a second of the
# seat's memory and start for a tool it never runs. With this entry that import fails, which httpx
# expects (its [cli] extra missing) and answers by leaving the tool out.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
