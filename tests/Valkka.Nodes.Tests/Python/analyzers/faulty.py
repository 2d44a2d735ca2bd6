"""A test analyzer that misbehaves on demand: the file settings["control"] says "ok", "raise", "hang" or "exit"."""
import os
import time


class Faulty:
    def __init__(self, settings):
        self.control = settings["control"]

    def analyze(self, frame):
        with open(self.control) as f:
            mode = f.read().strip()
        print(f"FAULTY {os.getpid()} {frame.sequence} {mode}", flush=True)
        if mode == "raise":
            raise ValueError(f"asked to raise on frame {frame.sequence}")
        if mode == "hang":
            with open(self.control, "w") as f:
                f.write("ok")  # one hang, then the restarted worker analyzes again
            time.sleep(3600)
        return {"pid": os.getpid(), "sequence": frame.sequence}
