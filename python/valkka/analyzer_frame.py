"""The frame a Python analyzer gets in a topology: metadata and a zero-copy numpy view of the ring slot."""
import numpy as np

from .errors import LeaseEnded

_LAYOUTS = {1: (np.uint8, 3), 2: (np.uint8, 3), 3: (np.uint8, 1), 4: (np.float32, 3)}  # valkka.h formats


class AnalyzerFrame:
    """One frame handed to analyze() (or one of analyze_batch()'s list).

    image is a read-only numpy view of the ring slot (shape (height, width, 3), dtype uint8 for RGB24;
    its base is the worker's mapping of the ring file): no copy. The node holds the frame's lease only
    during the call, so after the call image raises LeaseEnded; keep frame.copy() to keep pixels."""

    __slots__ = ("camera", "sequence", "frame_index", "capture_time_ms", "commit_ticks", "width", "height",
                 "_image", "_forward", "_can_forward")

    def __init__(self, camera, sequence, frame_index, capture_time_ms, commit_ticks, image, can_forward):
        self.camera = camera
        self.sequence = sequence
        self.frame_index = frame_index
        self.capture_time_ms = capture_time_ms
        self.commit_ticks = commit_ticks
        self.height, self.width = image.shape[0], image.shape[1]
        self._image = image
        self._forward = False
        self._can_forward = can_forward

    @property
    def image(self):
        if self._image is None:
            raise LeaseEnded(f"frame {self.sequence} of camera {self.camera} is no longer leased (its analyzer call "
                             "returned); copy it during the call to keep its pixels")
        return self._image

    def copy(self):
        """The pixels as an array of their own, to keep beyond the call."""
        return self.image.copy()

    def forward_to_master(self):
        """Forwards this frame (by reference, zero copy) to the client's master once analyze() returns."""
        if not self._can_forward:
            raise RuntimeError("only a client's analyzer can forward a frame to its master")
        self._forward = True

    @property
    def released(self):
        return self._image is None

    def _end_lease(self):
        image, self._image = self._image, None
        return image

    def __repr__(self):
        state = "released" if self._image is None else "leased"
        return (f"<AnalyzerFrame camera={self.camera} sequence={self.sequence} index={self.frame_index} "
                f"{self.width}x{self.height} {state}>")


def layout(format_code):
    """(dtype, channels) of a valkka.h pixel format."""
    return _LAYOUTS.get(format_code, (np.uint8, 1))
