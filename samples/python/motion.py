"""A motion client in Python: numpy and OpenCV on zero-copy views of a camera's frames (hocon/python.conf).

Each frame is compared with the camera's previous one on a small blurred grey copy; when enough of it
changed, the frame is forwarded to the client's master (by reference into the camera's ring: no copy)
and the result says how much moved and where. settings:
  downscale = 4          compare at 1/4 of the size
  threshold = 25         a pixel changed when its grey value moved by more than this
  min-fraction = 0.005   motion when at least this fraction of the pixels changed
  gate = on              forward only frames with motion (off: forward every frame, e.g. for a still camera)
  results-file = "..."   append each result as a JSON line (optional)
"""
import json

import cv2
import numpy as np


class Motion:
    def __init__(self, settings):
        self.downscale = max(1, int(settings.get("downscale", 4)))
        self.threshold = int(settings.get("threshold", 25))
        self.min_fraction = float(settings.get("min-fraction", 0.005))
        self.gate = bool(settings.get("gate", True))
        self.results = open(settings["results-file"], "a", buffering=1) if settings.get("results-file") else None
        self.previous = {}  # camera -> its previous small grey picture (an array of our own, not a view)

    def analyze(self, frame):
        d = self.downscale
        image = frame.image  # (height, width, 3) uint8, RGB: a read-only view of the ring slot
        small = cv2.resize(image, (frame.width // d, frame.height // d), interpolation=cv2.INTER_AREA)
        grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
        previous = self.previous.get(frame.camera)
        self.previous[frame.camera] = grey
        if not self.gate:
            frame.forward_to_master()
        if previous is None or previous.shape != grey.shape:
            return None
        changed = cv2.absdiff(grey, previous) > self.threshold
        fraction = np.count_nonzero(changed) / changed.size
        if fraction < self.min_fraction:
            return None
        if self.gate:
            frame.forward_to_master()
        ys, xs = np.nonzero(changed)
        box = [int(xs.min()) * d, int(ys.min()) * d, int(xs.max() - xs.min() + 1) * d, int(ys.max() - ys.min() + 1) * d]
        result = {"motion": round(float(fraction), 4), "boxes": [box]}
        if self.results:
            self.results.write(json.dumps({"camera": frame.camera, "frame": frame.frame_index, **result}) + "\n")
        return result
