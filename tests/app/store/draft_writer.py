"""Child process of the kill -9 test: autosaves one draft the way the intake form does, until killed.

Usage: python draft_writer.py STORE_PATH DRAFT_ID SEAT_ID

Prints ``ready`` once the store is open, then for revision 1, 2, 3 ... saves the draft with
``content_for(revision)`` and prints the revision only after ``DraftStore.save`` has returned, i.e.
once the save is durable. The parent kills it at a random moment and checks what survived.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# What an operator types for a typical call; the draft grows by one character per revision.
TEXT = "市民来电反映小区三号楼电梯停运两天无人维修老人上下楼非常困难请相关部门尽快处理谢谢"
STARTED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
MAX_SECONDS = 20.0  # never outlive a parent that forgot to kill us


def content_for(revision: int) -> str:
    """The content saved at `revision`: a deterministic function, so the parent can check it."""
    return "".join(TEXT[i % len(TEXT)] for i in range(revision))


def main(argv: list[str]) -> int:
    store_path, draft_id, seat_id = argv[1:4]
    # Imported here so the parent can import content_for without loading the store.
    from app.domain.draft import Draft
    from app.store.db import open_store
    from app.store.drafts import DraftStore
    from tests.store_keys import use_test_keys

    use_test_keys()
    drafts = DraftStore(open_store(Path(store_path)))
    draft = Draft(id=draft_id, seat_id=seat_id, started_at=STARTED, caller_phone="13812345678")
    print("ready", flush=True)
    deadline = time.monotonic() + MAX_SECONDS
    revision = 0
    try:
        while time.monotonic() < deadline:
            revision += 1
            drafts.save(draft.with_fields(content=content_for(revision)), revision)
            print(revision, flush=True)  # the acknowledgement: only after the save returned
    except BrokenPipeError:  # the parent stopped listening: nobody to acknowledge to
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
