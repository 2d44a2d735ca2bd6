"""Test analyzers that misbehave on demand: the file settings["control"] says "ok", "raise" or "hang"."""
import os
import time


def _misbehave(control, label, what):
    """Prints "LABEL pid what mode" and does what the control file says; returns the mode."""
    with open(control) as f:
        mode = f.read().strip()
    print(f"{label} {os.getpid()} {what} {mode}", flush=True)
    if mode == "raise":
        raise ValueError(f"asked to raise on {'frame' if label == 'FAULTY' else 'a batch of'} {what}")
    if mode == "hang":
        with open(control, "w") as f:
            f.write("ok")  # one hang, then the restarted worker analyzes again
        time.sleep(3600)
    return mode


class Faulty:
    """A client's analyzer: "FAULTY pid sequence mode" per frame."""

    def __init__(self, settings):
        self.control = settings["control"]

    def analyze(self, frame):
        _misbehave(self.control, "FAULTY", frame.sequence)
        return {"pid": os.getpid(), "sequence": frame.sequence}


class FaultyBatch:
    """A master's analyzer: "FAULTYBATCH pid frames mode" per batch."""

    def __init__(self, settings):
        self.control = settings["control"]

    def analyze_batch(self, frames):
        _misbehave(self.control, "FAULTYBATCH", len(frames))
        return [{"pid": os.getpid()} for _ in frames]
