"""The worker process that runs a Python analyzer for a node: python3 -m valkka.worker --socket PATH.

The node (src/Actors/Python/PythonWorker.cs) listens on a Unix socket, starts this process and sends it
the analyzer ("module:Class", found on PYTHONPATH) and its settings; then, per call, the frames it holds
leases on: the ring file, where the slot's pixels lie in it and the frame's metadata, in fixed binary
records. The worker maps each ring file read-only once, hands the analyzer numpy views of the slots
(no copy) and answers one entry per frame. After the call the views are withdrawn (frame.image raises
LeaseEnded); a view kept anyway stays harmless, since the mapping is never closed under it.

Protocol (little-endian), every message: u32 kind, u32 body length, body.
  node -> worker  HELLO  JSON {"class", "role": "client"|"master", "owner", "settings"}
                  NAME   u32 id, UTF-8 text (a ring file or camera id, named once)
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
import weakref

import numpy as np

from .analyzer_frame import AnalyzerFrame, layout
from .errors import ViewOutlivedLease

HELLO, NAME, FRAMES = 1, 2, 3
READY, FATAL, RESULTS = 1, 2, 3
STATUS_NONE, STATUS_RESULT, STATUS_ERROR = 0, 1, 2
FLAG_FORWARD = 1

HEADER = struct.Struct("<II")
# ring name id, camera name id, width, height, stride, format, length, 0,
# offset in the ring file, sequence, stream frame index, capture time (Unix ms), commit ticks (CLOCK_MONOTONIC ns)
FRAME_RECORD = struct.Struct("<iiiiiiiiqqqqq")
ENTRY = struct.Struct("<BBHI")
_NONE_ENTRY = ENTRY.pack(STATUS_NONE, 0, 0, 0)


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


class RingMappings:
    """Each ring file mapped read-only once; mapped again when the file at the path is a new one (a camera restarted).

    A mapping is never closed: numpy views of it keep it alive, so a view kept past its call stays readable."""

    def __init__(self):
        self._rings = {}  # path -> (inode, mmap)

    def view(self, path, offset, width, height, stride, format_code):
        inode = os.stat(path).st_ino
        ring = self._rings.get(path)
        if ring is None or ring[0] != inode:
            fd = os.open(path, os.O_RDONLY)
            try:
                ring = (inode, mmap.mmap(fd, 0, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ))
            finally:
                os.close(fd)
            self._rings[path] = ring
        dtype, channels = layout(format_code)
        item = np.dtype(dtype).itemsize
        if channels > 1:
            return np.ndarray((height, width, channels), dtype, buffer=ring[1], offset=offset, strides=(stride, channels * item, item))
        return np.ndarray((height, width), dtype, buffer=ring[1], offset=offset, strides=(stride, item))


class Worker:
    def __init__(self, channel, analyzer, role):
        self.channel = channel
        self.analyzer = analyzer
        self.is_client = role == "client"
        self.names = {}
        self.rings = RingMappings()
        self.kept = []  # weak references to the views of the last call
        self.warned = False

    def serve(self):
        while True:
            kind, body = self.channel.read()
            if kind == FRAMES:
                self.channel.send(RESULTS, self.call(body))
            elif kind == NAME:
                self.names[struct.unpack_from("<I", body)[0]] = bytes(body[4:]).decode()

    def frames_of(self, body):
        frames = []
        names, view = self.names, self.rings.view
        for (ring, camera, width, height, stride, format_code, _length, _, offset, sequence, frame_index, capture_ms,
             commit_ticks) in FRAME_RECORD.iter_unpack(body):
            image = view(names[ring], offset, width, height, stride, format_code)
            frames.append(AnalyzerFrame(names[camera], sequence, frame_index, capture_ms, commit_ticks, image, self.is_client))
        return frames

    def call(self, body):
        self.check_kept()
        try:
            frames = self.frames_of(body)
        except Exception as e:  # a ring gone between the lease and here cannot be: the node holds its lease
            return b"".join(_error_entry(e) for _ in range(len(body) // FRAME_RECORD.size))
        try:
            if self.is_client:
                results = [self.analyzer.analyze(frames[0])]
            else:
                results = self.analyzer.analyze_batch(frames)
                if results is None or len(results) != len(frames):
                    raise ValueError(f"analyze_batch returned {'None' if results is None else len(results)} results "
                                     f"for {len(frames)} frames (one per frame, None where there is nothing)")
            return b"".join(_entry(result, frame) for result, frame in zip(results, frames))
        except Exception as e:
            return b"".join(_error_entry(e) for _ in frames)
        finally:
            self.kept = [weakref.ref(image) for image in (frame._end_lease() for frame in frames) if image is not None]

    def check_kept(self):
        """Warns (once) when a view of an earlier call is still referenced: its pixels now change under it."""
        if not self.warned and any(ref() is not None for ref in self.kept):
            self.warned = True
            warnings.warn(ViewOutlivedLease("the analyzer kept a numpy view of a frame after its call returned: its pixels "
                                            "change as the camera reuses the slot; keep frame.copy() instead"))


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
