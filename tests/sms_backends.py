"""An SMS backend for the crash tests' real worker: it records each text as a line in a file another process
can read, and can be told to stall mid-send so the test can kill the worker there."""

import os
import time
from pathlib import Path

from core.channels.sms import BaseSmsBackend


class FileSmsBackend(BaseSmsBackend):
    """Env: LINLI_TEST_SMS_FILE (where lines go), LINLI_TEST_SMS_STALL (seconds to wait before sending, with a
    marker file `<file>.sending` written first so the test knows the send has begun)."""

    def send(self, *, phone, text, key=""):
        path = Path(os.environ["LINLI_TEST_SMS_FILE"])
        stall = float(os.environ.get("LINLI_TEST_SMS_STALL", "0"))
        if stall:
            path.with_suffix(".sending").write_text(key)
            time.sleep(stall)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{key}\t{phone}\t{text}\n")
