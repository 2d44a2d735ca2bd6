"""A face-detection master in Python: OpenCV's Haar cascade (Debian's opencv-data, nothing to download)
on the frames its clients forward, as zero-copy views of the cameras' rings (hocon/python.conf).

Each result is {"faces": n, "boxes": [[x, y, width, height], ...]} in the frame's pixels: the live view
draws the boxes on the camera's picture. settings:
  cascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"
  max-width = 640        frames wider than this are scaled down first (the cascade's time grows with the area)
  scale-factor = 1.1, min-neighbors = 5, min-size = 40 (pixels of the scaled frame)
  results-file = "..."   append each result as a JSON line (optional)
"""
import json
import os

import cv2

DEFAULT_CASCADE = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"


class Faces:
    def __init__(self, settings):
        path = settings.get("cascade", DEFAULT_CASCADE)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}: install Debian's opencv-data (scripts/install-deps --tests)")
        self.cascade = cv2.CascadeClassifier(path)
        if self.cascade.empty():
            raise ValueError(f"{path} is not a cascade OpenCV can load")
        self.max_width = int(settings.get("max-width", 640))
        self.scale_factor = float(settings.get("scale-factor", 1.1))
        self.min_neighbors = int(settings.get("min-neighbors", 5))
        self.min_size = int(settings.get("min-size", 40))
        self.results = open(settings["results-file"], "a", buffering=1) if settings.get("results-file") else None

    def analyze_batch(self, frames):
        return [self.detect(frame) for frame in frames]

    def detect(self, frame):
        image = frame.image  # RGB, a read-only view of the camera's ring slot
        scale = min(1.0, self.max_width / frame.width)
        if scale < 1.0:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
        found = self.cascade.detectMultiScale(grey, scaleFactor=self.scale_factor, minNeighbors=self.min_neighbors,
                                              minSize=(self.min_size, self.min_size))
        boxes = [[round(x / scale), round(y / scale), round(w / scale), round(h / scale)] for (x, y, w, h) in found]
        result = {"faces": len(boxes), "boxes": boxes}
        if self.results:
            self.results.write(json.dumps({"camera": frame.camera, "frame": frame.frame_index, **result}) + "\n")
        return result
