"""The worker process that runs a Python analyzer for a node: python3 -m valkka.worker --socket PATH.

The node (src/Actors/Python/PythonWorker.cs) listens on a Unix socket, starts this process and sends it
the analyzer ("module:Class", found on PYTHONPATH) and its settings; then, per call, the frames it holds
leases on: the ring file, where the slot's pixels lie in it and the frame's metadata, in fixed binary
records. The worker maps each ring file read-only once, makes a numpy view of each slot once and hands
the analyzer those views (no copy), and answers one entry per frame. After the call the views are
withdrawn (frame.image raises LeaseEnded); a view kept anyway stays harmless, since the mapping is never
closed under it, and is reported at the next call.

Protocol (little-endian), every message: u32 kind, u32 body length, body.
  node -> worker  HELLO  JSON {"class", "role": "client"|"master", "owner", "settings"}
                  NAME   u32 id, UTF-8 text (a camera id, named once)
                  RING   u32 id, i32 owner pid, i64 owner start time, i64 created (Unix ms), UTF-8 path: a ring
                         file the node mapped (a new id when a new file appears at the path: a camera restarted)
                  FRAMES count x FRAME_RECORD
  worker -> node  READY (empty) | FATAL (text) after HELLO
                  RESULTS count x (u8 status, u8 flags, u16 0, u32 length, bytes)
                  status 0: None, 1: JSON result, 2: error text; flags bit 0: forward to the master
"""
import argparse
import importlib
import inspect
import json
import mmap
import os
import socket
import struct
import sys
import threading
import time
import traceback
import warnings

import numpy as np

from .analyzer_frame import AnalyzerFrame, layout
from .errors import ViewOutlivedLease

HELLO, NAME, FRAMES, RING = 1, 2, 3, 4
READY, FATAL, RESULTS = 1, 2, 3
STATUS_NONE, STATUS_RESULT, STATUS_ERROR = 0, 1, 2
FLAG_FORWARD = 1

HEADER = struct.Struct("<II")
# ring name id, camera name id, width, height, stride, format, length, 0,
# offset in the ring file, sequence, stream frame index, capture time (Unix ms), commit ticks (CLOCK_MONOTONIC ns)
FRAME_RECORD = struct.Struct("<iiiiiiiiqqqqq")
ENTRY = struct.Struct("<BBHI")
RING_NAME = struct.Struct("<Iiqq")
# the ring header's owner pid, owner start time (offsets 28, 32) and creation time (offset 88): src/Shm/Layout/RingHeader.cs
RING_IDENTITY = ((28, struct.Struct("<i")), (32, struct.Struct("<q")), (88, struct.Struct("<q")))
_NONE_ENTRY = ENTRY.pack(STATUS_NONE, 0, 0, 0)
_NONE_REPLY = HEADER.pack(RESULTS, len(_NONE_ENTRY)) + _NONE_ENTRY
# the references a view handed out in the last call has when the analyzer kept none: RingMappings' cache,
# Worker.handed, check_kept's loop variable and sys.getrefcount's argument
_UNKEPT_REFS = 4


class Channel:
    """Messages over the node's socket, read through one reused buffer."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = bytearray(1 << 16)
        self.view = memoryview(self.buffer)
        self.start = self.end = 0

    def _fill(self, need):
        if self.end - self.start >= need:
            return
        if self.start + need > len(self.buffer):
            pending = self.end - self.start
            if need > len(self.buffer):
                bigger = bytearray(max(need, 2 * len(self.buffer)))
                bigger[:pending] = self.buffer[self.start:self.end]
                self.buffer, self.view = bigger, memoryview(bigger)
            else:
                self.buffer[:pending] = self.buffer[self.start:self.end]
            self.start, self.end = 0, pending
        while self.end - self.start < need:
            n = self.sock.recv_into(self.view[self.end:])
            if n == 0:
                raise EOFError("the node closed the socket")
            self.end += n

    def read(self):
        """(kind, body memoryview); the body is valid until the next read."""
        self._fill(HEADER.size)
        kind, length = HEADER.unpack_from(self.buffer, self.start)
        self._fill(HEADER.size + length)
        begin = self.start + HEADER.size
        self.start = begin + length
        if self.start == self.end:
            self.start = self.end = 0
        return kind, self.view[begin:begin + length]

    def send(self, kind, body=b""):
        self.sock.sendall(HEADER.pack(kind, len(body)) + body)

    def send_bytes(self, message):
        self.sock.sendall(message)


class RingMappings:
    """The rings the node named, each mapped read-only once, with a numpy view of each slot made once.

    The node gives a ring file an id when it maps it (a new id for a new file at the same path, as after a
    camera's restart); the mapping is checked against the owner and creation time the node saw. A mapping is
    never closed: numpy views of it keep it alive, so a view kept past its call stays readable."""

    MAX_VIEWS = 256  # per ring: its slots, times the frame shapes it had

    def __init__(self):
        self._named = {}  # id -> (path, identity)
        self._ids = {}  # path -> id
        self._rings = {}  # id -> (mmap, {(offset, width, height, stride, format): view})

    def name(self, ring_id, path, identity):
        """The node mapped a ring file: an earlier id for the same path is a file that is gone."""
        earlier = self._ids.get(path)
        if earlier is not None and earlier != ring_id:
            self._named.pop(earlier, None)
            self._rings.pop(earlier, None)
        self._ids[path] = ring_id
        self._named[ring_id] = (path, identity)

    def view(self, ring_id, offset, width, height, stride, format_code):
        ring = self._rings.get(ring_id) or self._map(ring_id)
        key = (offset, width, height, stride, format_code)
        image = ring[1].get(key)
        if image is None:
            if len(ring[1]) >= self.MAX_VIEWS:
                ring[1].clear()
            image = ring[1][key] = _slot_view(ring[0], offset, width, height, stride, format_code)
        return image

    def _map(self, ring_id):
        path, identity = self._named[ring_id]
        fd = os.open(path, os.O_RDONLY)
        try:
            mapping = mmap.mmap(fd, 0, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ)
        finally:
            os.close(fd)
        found = tuple(field.unpack_from(mapping, at)[0] for at, field in RING_IDENTITY)
        if found != identity:
            raise RuntimeError(f"the ring file {path} was replaced before the worker mapped it (owner and creation "
                               f"{found}, the node's {identity}): the frame is not analyzed")
        ring = self._rings[ring_id] = (mapping, {})
        return ring


def _slot_view(mapping, offset, width, height, stride, format_code):
    dtype, channels = layout(format_code)
    item = np.dtype(dtype).itemsize
    if channels > 1:
        return np.ndarray((height, width, channels), dtype, buffer=mapping, offset=offset, strides=(stride, channels * item, item))
    return np.ndarray((height, width), dtype, buffer=mapping, offset=offset, strides=(stride, item))


class Worker:
    def __init__(self, channel, analyzer, role):
        self.channel = channel
        self.analyzer = analyzer
        self.is_client = role == "client"
        self.names = {}
        self.rings = RingMappings()
        self.handed = []  # the views of the last call (each once)
        self.warned = False

    def serve(self):
        channel = self.channel
        while True:
            kind, body = channel.read()
            if kind == FRAMES:
                reply = self.call(body)
                if reply is _NONE_ENTRY:
                    channel.send_bytes(_NONE_REPLY)
                else:
                    channel.send(RESULTS, reply)
            elif kind == NAME:
                self.names[struct.unpack_from("<I", body)[0]] = bytes(body[4:]).decode()
            elif kind == RING:
                ring_id, pid, start, created = RING_NAME.unpack_from(body)
                self.rings.name(ring_id, bytes(body[RING_NAME.size:]).decode(), (pid, start, created))

    def frames_of(self, body):
        frames = []
        names, view, can_forward = self.names, self.rings.view, self.is_client
        for (ring, camera, width, height, stride, format_code, _length, _, offset, sequence, frame_index, capture_ms,
             commit_ticks) in FRAME_RECORD.iter_unpack(body):
            image = view(ring, offset, width, height, stride, format_code)
            frames.append(AnalyzerFrame(names[camera], sequence, frame_index, capture_ms, commit_ticks, image, can_forward))
        return frames

    def call(self, body):
        if self.handed:
            self.check_kept()
        try:
            frames = self.frames_of(body)
        except Exception as e:  # a ring gone between the lease and here cannot be: the node holds its lease
            return b"".join(_error_entry(e) for _ in range(len(body) // FRAME_RECORD.size))
        try:
            if self.is_client:
                return _entry(self.analyzer.analyze(frames[0]), frames[0])
            results = self.analyzer.analyze_batch(frames)
            if results is None or len(results) != len(frames):
                raise ValueError(f"analyze_batch returned {'None' if results is None else len(results)} results "
                                 f"for {len(frames)} frames (one per frame, None where there is nothing)")
            return b"".join(_entry(result, frame) for result, frame in zip(results, frames))
        except Exception as e:
            return b"".join(_error_entry(e) for _ in frames)
        finally:
            if len(frames) == 1:
                self.handed = [frames[0]._end_lease()]
            else:
                self.handed = list({id(image): image for image in (frame._end_lease() for frame in frames)}.values())

    def check_kept(self):
        """Warns (once) when a view of the last call is still referenced: its pixels now change under it."""
        if not self.warned:
            for image in self.handed:
                if sys.getrefcount(image) > _UNKEPT_REFS:
                    self.warned = True
                    warnings.warn(ViewOutlivedLease("the analyzer kept a numpy view of a frame after its call returned: its "
                                                    "pixels change as the camera reuses the slot; keep frame.copy() instead"))
                    break
        self.handed = []


def _entry(result, frame):
    flags = FLAG_FORWARD if frame._forward else 0
    if result is None:
        return _NONE_ENTRY if not flags else ENTRY.pack(STATUS_NONE, flags, 0, 0)
    if not isinstance(result, dict):
        raise TypeError(f"a result must be None or a dict of JSON-able values, got {type(result).__name__}")
    text = json.dumps(result, separators=(",", ":"), default=_jsonable).encode()
    return ENTRY.pack(STATUS_RESULT, flags, 0, len(text)) + text


def _jsonable(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"a result value of type {type(value).__name__} is not JSON-able")


def _error_entry(error):
    text = ("".join(traceback.format_exception_only(type(error), error)).strip() + "\n" +
            "".join(traceback.format_exception(type(error), error, error.__traceback__))).encode()
    return ENTRY.pack(STATUS_ERROR, 0, 0, len(text)) + text


def load_analyzer(class_name, settings):
    module_name, _, name = class_name.partition(":")
    cls = getattr(importlib.import_module(module_name), name)
    try:
        takes_settings = len(inspect.signature(cls).parameters) > 0
    except (TypeError, ValueError):
        takes_settings = True
    return cls(settings) if takes_settings else cls()


def _exit_when_orphaned(parent):
    """The node died (even by SIGKILL): this worker must not outlive it."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m valkka.worker")
    parser.add_argument("--socket", required=True)
    args = parser.parse_args(argv)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True, name="valkka-parent-watch").start()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(args.socket)
    channel = Channel(sock)
    kind, body = channel.read()
    if kind != HELLO:
        channel.send(FATAL, f"expected HELLO, got message kind {kind}".encode())
        return 2
    hello = json.loads(bytes(body))
    try:
        analyzer = load_analyzer(hello["class"], hello.get("settings") or {})
        if not callable(getattr(analyzer, "analyze" if hello["role"] == "client" else "analyze_batch", None)):
            raise TypeError(f"{hello['class']} has no method {'analyze(frame)' if hello['role'] == 'client' else 'analyze_batch(frames)'}")
    except BaseException:
        channel.send(FATAL, traceback.format_exc().encode())
        return 1
    channel.send(READY)
    try:
        Worker(channel, analyzer, hello["role"]).serve()
    except (EOFError, ConnectionResetError, BrokenPipeError):
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
