"""A standalone reader of a camera's ring."""
import ctypes
import mmap
import os
import time
import warnings
import weakref

from . import _native
from .errors import RingNotFound, ValkkaError, ViewOutlivedLease
from .frame import Frame

_WAIT_SLICE_MS = 200  # a long wait is cut into slices so that Ctrl-C gets through


def open_ring(camera, topology=None, wait=0.0):
    """Opens the ring of camera (its id in the topology, or a ring file's path) on this host.

    topology: needed only when the camera runs in several topologies. wait: seconds to wait for
    the ring to appear (the camera may start after the script). Use it as a context manager and
    iterate it: each step yields the newest frame, and releases the one before."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return Ring(camera, topology)
        except RingNotFound:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


class Ring:
    """A reader of one ring with its own reader index, claimed from the ring's owner in the ring.

    Frames are leased with the same protocol the C# readers use (libvalkka.so is that code): the
    camera never overwrites a leased frame, and frees this reader's index and leases if the process
    dies. The numpy views map the ring file read-only, so a view can never write into the ring, and
    the mapping stays until the last view is gone, so a view kept too long never crashes: its pixels
    just stop being the frame's once released (a ViewOutlivedLease warning says so)."""

    def __init__(self, camera, topology=None):
        lib = _native.lib()
        handle = ctypes.c_void_p()
        _native.check(lib.valkka_ring_open(os.fsencode(camera), None if topology is None else topology.encode(),
                                           ctypes.byref(handle)))
        self._handle = handle
        try:
            buffer = ctypes.create_string_buffer(4096)
            _native.check(lib.valkka_ring_path(handle, buffer, len(buffer)))
            self.path = buffer.value.decode()
            info = _native.NativeRingInfo()
            _native.check(lib.valkka_ring_get_info(handle, ctypes.byref(info)))
            self.reader_index = info.reader_index
            self.slot_count = info.slot_count
            self.owner_pid = info.owner_pid
            fd = os.open(self.path, os.O_RDONLY)
            try:
                self._mapping = mmap.mmap(fd, 0, flags=mmap.MAP_SHARED | mmap.MAP_POPULATE, prot=mmap.PROT_READ)
            finally:
                os.close(fd)
        except BaseException:
            lib.valkka_ring_close(handle)
            raise
        self.camera = _camera_of(camera, self.path)
        self._current = None
        self._last_sequence = 0
        self._released_view = None  # weak reference to the view of the frame released last

    def next_frame(self, timeout=None):
        """Releases the current frame and leases the newest one after it.

        timeout: seconds to wait for a newer frame (None: as long as it takes); returns None when
        none came. Raises OwnerGone when the camera's process is gone."""
        self.release()
        if self._handle is None:
            raise ValkkaError(f"ring {self.path} is closed")
        lib = _native.lib()
        native = _native.NativeFrame()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            slice_ms = _WAIT_SLICE_MS if deadline is None else max(0, min(_WAIT_SLICE_MS, int((deadline - time.monotonic()) * 1000)))
            status = _native.check(lib.valkka_ring_lease_newest(self._handle, self._last_sequence, slice_ms, ctypes.byref(native)))
            if status == _native.OK:
                break
            if deadline is not None and time.monotonic() >= deadline:
                return None
        self._last_sequence = native.sequence
        self._current = Frame(self.camera, native, self._handle, self._mapping)
        return self._current

    def frames(self, timeout=None):
        """The newest frames, one after another; each is released when the next is asked for or the
        iteration ends. Ends when no frame came within timeout seconds (None: never)."""
        try:
            while True:
                frame = self.next_frame(timeout)
                if frame is None:
                    return
                yield frame
        finally:
            self.release()

    def __iter__(self):
        return self.frames()

    def release(self):
        """Ends the lease of the current frame, if any."""
        frame, self._current = self._current, None
        if frame is None or self._handle is None:
            return
        view = frame._release()
        kept = self._released_view() if self._released_view is not None else None
        if kept is not None:
            warnings.warn(ViewOutlivedLease(
                f"a numpy view of an earlier frame of camera {self.camera} is still referenced after its lease ended: "
                "its pixels now change under it; keep frame.copy() instead"), stacklevel=3)
        self._released_view = weakref.ref(view)

    def close(self):
        """Releases the current frame, frees the reader index and unmaps (views still alive keep their mapping)."""
        self.release()
        handle, self._handle = self._handle, None
        if handle is not None:
            _native.lib().valkka_ring_close(handle)
        self._mapping = None  # unmapped when the last view is gone

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()

    def __repr__(self):
        return f"<Ring camera={self.camera} path={self.path} reader={self.reader_index}>"


def _camera_of(name, path):
    if "/" not in name:
        return name
    ring = os.path.basename(path).split(".")[-1]
    return ring[len("cam-"):] if ring.startswith("cam-") else ring
