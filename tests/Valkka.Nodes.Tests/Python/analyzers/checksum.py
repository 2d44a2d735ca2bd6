"""Test analyzers: SHA-256 of the pixels Python sees, printed to compare with the C# checksum analyzers."""
import hashlib

import numpy as np


def _sum(image):
    return hashlib.sha256(np.ascontiguousarray(image)).hexdigest().upper()


class Checksum:
    """A client: prints "PYSUM camera stream-frame-index sha256" per frame; forwards every forward-every-th frame."""

    def __init__(self, settings):
        self.forward_every = int(settings.get("forward-every", 0))
        self.count = 0

    def analyze(self, frame):
        print(f"PYSUM {frame.camera} {frame.frame_index} {_sum(frame.image)}", flush=True)
        self.count += 1
        if self.forward_every and self.count % self.forward_every == 0:
            frame.forward_to_master()
        return {"frame": frame.frame_index}


class ChecksumBatch:
    """A master: prints "PYMASTERSUM camera stream-frame-index sha256" per frame and answers each with it."""

    def analyze_batch(self, frames):
        results = []
        for frame in frames:
            digest = _sum(frame.image)
            print(f"PYMASTERSUM {frame.camera} {frame.frame_index} {digest}", flush=True)
            results.append({"sha256": digest, "frame": frame.frame_index})
        return results
