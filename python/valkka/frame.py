"""A leased frame: metadata and a zero-copy numpy view of its ring slot."""
import numpy as np

from . import _native
from .errors import LeaseEnded

_LAYOUTS = {  # format: (dtype, channels)
    _native.FORMAT_RGB24: (np.uint8, 3),
    _native.FORMAT_BGR24: (np.uint8, 3),
    _native.FORMAT_GRAY8: (np.uint8, 1),
    _native.FORMAT_FLOAT32_RGB: (np.float32, 3),
}


class Frame:
    """One frame of a camera, leased from its ring until the iteration moves on (or release()).

    image is a read-only numpy view of the ring slot (shape (height, width, 3), dtype uint8 for
    RGB24; its base is the mapped ring file): no copy is made. Once the frame is released the
    writer may rewrite the slot, so image raises LeaseEnded; keep a copy (frame.copy()) for later.
    """

    __slots__ = ("camera", "_native", "_ring", "_image")

    def __init__(self, camera, native, ring, mapping):
        self.camera = camera
        self._native = native
        self._ring = ring
        dtype, channels = _LAYOUTS.get(native.format, (np.uint8, 1))
        item = np.dtype(dtype).itemsize
        shape = (native.height, native.width, channels) if channels > 1 else (native.height, native.width)
        strides = (native.stride, channels * item, item) if channels > 1 else (native.stride, item)
        self._image = np.ndarray(shape, dtype, buffer=mapping, offset=native.offset, strides=strides)

    @property
    def image(self):
        if self._image is None:
            raise LeaseEnded(f"frame {self.sequence} of camera {self.camera} was released; copy it to keep its pixels")
        return self._image

    @property
    def sequence(self):
        """The frame's sequence in its ring: the n-th frame written has 2n."""
        return self._native.sequence

    @property
    def frame_index(self):
        """The decoder's stream frame index (the same picture has the same index on every host); -1 when not known."""
        return self._native.frame_index

    @property
    def capture_time_ms(self):
        """Capture time, Unix milliseconds."""
        return self._native.capture_time_ms

    @property
    def commit_ticks(self):
        """When the frame was committed to the ring, CLOCK_MONOTONIC nanoseconds (time.monotonic_ns())."""
        return self._native.commit_ticks

    @property
    def width(self):
        return self._native.width

    @property
    def height(self):
        return self._native.height

    @property
    def released(self):
        return self._image is None

    def is_leased(self):
        """True while the lease holds: the pixels read so far were not touched by the writer.

        Check it after reading a frame held for long: the owner ends leases held longer than its
        lease timeout (10 s for a camera)."""
        return self._image is not None and _native.lib().valkka_ring_is_leased(self._ring, self._native) == 1

    def copy(self):
        """The pixels as an array of their own, to keep beyond the lease."""
        return self.image.copy()

    def _release(self):
        """Ends the lease; returns the view it handed out (for the owner's check that it was let go)."""
        image, self._image = self._image, None
        if image is not None:
            _native.lib().valkka_ring_release(self._ring, self._native)
        return image

    def __repr__(self):
        state = "released" if self.released else "leased"
        return (f"<Frame camera={self.camera} sequence={self.sequence} index={self.frame_index} "
                f"{self.width}x{self.height} {state}>")
