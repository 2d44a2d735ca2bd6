"""The worker a node runs for a Python analyzer (valkka.worker): its framing, its views of ring files, its
answers per call, and the process itself speaking the protocol over a Unix socket as the node does."""
import json
import os
import socket
import struct
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

from conftest import REPO
from valkka import LeaseEnded, ViewOutlivedLease, worker

WIDTH, HEIGHT, STRIDE = 64, 48, 64 * 3 + 16  # rows padded, as a ring slot's may be
RGB24 = 1


@pytest.fixture
def ring_file(tmp_path):
    """A file laid out like a ring's payload: two slots of a padded RGB24 frame, slot i filled with i + 1."""
    path = tmp_path / "ring"
    slot = STRIDE * HEIGHT
    data = bytearray(4096 + 2 * slot)
    for i in range(2):
        data[4096 + i * slot:4096 + (i + 1) * slot] = bytes([i + 1]) * slot
    path.write_bytes(bytes(data))
    return str(path), [4096, 4096 + slot]


def frames_body(ring_id, camera_id, offsets, first_sequence=2):
    return b"".join(worker.FRAME_RECORD.pack(ring_id, camera_id, WIDTH, HEIGHT, STRIDE, RGB24, STRIDE * HEIGHT, 0,
                                             offset, first_sequence + 2 * i, 100 + i, 1_700_000_000_000 + i, 5)
                    for i, offset in enumerate(offsets))


def entries(body):
    out, at = [], 0
    while at < len(body):
        status, flags, _, length = worker.ENTRY.unpack_from(body, at)
        at += worker.ENTRY.size
        out.append((status, flags, bytes(body[at:at + length]).decode()))
        at += length
    return out


NO_OWNER = (0, 0, 0)  # the header of ring_file: no owner pid, start time or creation time


def make_worker(analyzer, role, ring_path):
    w = worker.Worker(None, analyzer, role)
    w.rings.name(0, ring_path, NO_OWNER)
    w.names = {1: "cam1"}
    return w


def test_channel_reads_messages_split_across_reads_and_larger_than_its_buffer():
    a, b = socket.socketpair()
    with a, b:
        channel = worker.Channel(b)
        big = bytes(range(256)) * 400  # 100 kB: more than the 64 kB buffer
        wire = worker.HEADER.pack(worker.NAME, 5) + b"\x07\0\0\0x" + worker.HEADER.pack(worker.FRAMES, len(big)) + big
        for i in range(0, len(wire), 3000):
            a.sendall(wire[i:i + 3000])
        kind, body = channel.read()
        assert (kind, bytes(body)) == (worker.NAME, b"\x07\0\0\0x")
        kind, body = channel.read()
        assert kind == worker.FRAMES and bytes(body) == big
        a.close()
        with pytest.raises(EOFError):
            channel.read()


def test_a_view_is_the_slot_in_the_mapped_file_read_only_and_no_copy(ring_file):
    path, offsets = ring_file
    rings = worker.RingMappings()
    rings.name(0, path, NO_OWNER)
    image = rings.view(0, offsets[1], WIDTH, HEIGHT, STRIDE, RGB24)
    assert image.shape == (HEIGHT, WIDTH, 3) and image.dtype == np.uint8
    assert image.strides == (STRIDE, 3, 1)
    assert (image == 2).all()
    assert not image.flags.writeable
    with pytest.raises(ValueError):
        image[0, 0, 0] = 1
    assert isinstance(image.base, __import__("mmap").mmap)  # the mapping itself: nothing was copied
    assert rings.view(0, offsets[0], WIDTH, HEIGHT, STRIDE, RGB24).base is image.base  # one mapping per file
    assert rings.view(0, offsets[1], WIDTH, HEIGHT, STRIDE, RGB24) is image  # one view per slot, made once


def test_a_new_file_at_a_rings_path_is_mapped_anew_and_checked_against_the_nodes_view_of_it(ring_file, tmp_path):
    path, offsets = ring_file
    rings = worker.RingMappings()
    rings.name(0, path, NO_OWNER)
    before = rings.view(0, offsets[0], WIDTH, HEIGHT, STRIDE, RGB24)
    replacement = tmp_path / "new"
    data = bytearray(os.path.getsize(path))
    struct.pack_into("<i", data, 28, 4242)  # another owner
    data[offsets[0]:offsets[0] + STRIDE * HEIGHT] = b"\x09" * (STRIDE * HEIGHT)
    replacement.write_bytes(bytes(data))
    os.replace(replacement, path)  # a camera restarted: a new file at the same path
    rings.name(1, path, (4242, 0, 0))
    after = rings.view(1, offsets[0], WIDTH, HEIGHT, STRIDE, RGB24)
    assert (after == 9).all() and (before == 1).all()  # the old view still reads the old file: harmless
    with pytest.raises(KeyError):
        rings.view(0, offsets[0], WIDTH, HEIGHT, STRIDE, RGB24)  # the old id is forgotten
    rings.name(2, path, (1, 2, 3))  # the node saw another file than the one now at the path
    with pytest.raises(RuntimeError, match="replaced before the worker mapped it"):
        rings.view(2, offsets[0], WIDTH, HEIGHT, STRIDE, RGB24)


def test_a_client_call_answers_a_result_and_the_forward_flag_then_withdraws_the_view(ring_file):
    seen = []

    class Analyzer:
        def analyze(self, frame):
            seen.append(frame)
            frame.forward_to_master()
            return {"mean": np.float32(frame.image.mean()), "camera": frame.camera, "index": frame.frame_index}

    w = make_worker(Analyzer(), "client", ring_file[0])
    [(status, flags, text)] = entries(w.call(frames_body(0, 1, ring_file[1][:1])))
    assert status == worker.STATUS_RESULT and flags == worker.FLAG_FORWARD
    assert json.loads(text) == {"mean": 1.0, "camera": "cam1", "index": 100}
    frame = seen[0]
    assert (frame.sequence, frame.capture_time_ms, frame.width, frame.height) == (2, 1_700_000_000_000, WIDTH, HEIGHT)
    with pytest.raises(LeaseEnded):
        frame.image  # the node's lease ended with the call


def test_none_a_raise_and_a_value_that_is_not_a_dict(ring_file):
    class Analyzer:
        answer = None

        def analyze(self, frame):
            if self.answer == "raise":
                raise KeyError("no such thing")
            return self.answer

    analyzer = Analyzer()
    w = make_worker(analyzer, "client", ring_file[0])
    body = frames_body(0, 1, ring_file[1][:1])
    assert entries(w.call(body)) == [(worker.STATUS_NONE, 0, "")]
    analyzer.answer = "raise"
    [(status, _, text)] = entries(w.call(body))
    assert status == worker.STATUS_ERROR and text.startswith("KeyError: 'no such thing'") and "Traceback" in text
    analyzer.answer = [1, 2]
    [(status, _, text)] = entries(w.call(body))
    assert status == worker.STATUS_ERROR and "must be None or a dict" in text


def test_a_master_answers_one_entry_per_frame_and_a_wrong_count_fails_the_batch(ring_file):
    class Batch:
        drop_one = False

        def analyze_batch(self, frames):
            results = [{"first": int(f.image[0, 0, 0]), "sequence": f.sequence} for f in frames]
            return results[:-1] if self.drop_one else results

    batch = Batch()
    w = make_worker(batch, "master", ring_file[0])
    body = frames_body(0, 1, ring_file[1])
    answers = entries(w.call(body))
    assert [json.loads(t) for _, _, t in answers] == [{"first": 1, "sequence": 2}, {"first": 2, "sequence": 4}]
    batch.drop_one = True
    answers = entries(w.call(body))
    assert [s for s, _, _ in answers] == [worker.STATUS_ERROR] * 2 and "1 results for 2 frames" in answers[0][2]


def test_a_view_kept_after_its_call_is_reported(ring_file):
    kept = []

    class Keeper:
        def analyze(self, frame):
            kept.append(frame.image)

    w = make_worker(Keeper(), "client", ring_file[0])
    body = frames_body(0, 1, ring_file[1][:1])
    w.call(body)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w.call(body)
    assert any(issubclass(c.category, ViewOutlivedLease) for c in caught)
    assert (kept[0] == 1).all()  # harmless: the mapping is still there


def test_a_slice_kept_after_its_call_is_reported_and_views_used_within_the_call_are_not(ring_file):
    class Analyzer:
        keep = False
        kept = None

        def analyze(self, frame):
            image = frame.image
            small = image[::4, ::4]
            if self.keep:
                self.kept = small
            return {"mean": float(small.mean())}

    analyzer = Analyzer()
    w = make_worker(analyzer, "client", ring_file[0])
    body = frames_body(0, 1, ring_file[1][:1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(5):
            w.call(body)
        assert not caught
        analyzer.keep = True
        w.call(body)
        w.call(body)
    assert any(issubclass(c.category, ViewOutlivedLease) for c in caught)


def test_analyzers_with_and_without_settings_are_made(tmp_path, monkeypatch):
    (tmp_path / "twoways.py").write_text(textwrap.dedent("""
        class WithSettings:
            def __init__(self, settings):
                self.settings = settings
        class Without:
            pass
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    assert worker.load_analyzer("twoways:WithSettings", {"a": 1}).settings == {"a": 1}
    assert isinstance(worker.load_analyzer("twoways:Without", {"a": 1}), object)


def run_worker(tmp_path, module_text, class_name, role="client", settings=None):
    """python3 -m valkka.worker as the node starts it; returns (process, connection, first answer)."""
    (tmp_path / "mod.py").write_text(textwrap.dedent(module_text))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(tmp_path / "s"))
    listener.listen(1)
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}:{os.path.join(REPO, 'python')}")
    process = subprocess.Popen([sys.executable, "-u", "-m", "valkka.worker", "--socket", str(tmp_path / "s")], env=env)
    listener.settimeout(30)
    connection, _ = listener.accept()
    listener.close()
    hello = json.dumps({"class": class_name, "role": role, "owner": "c1", "settings": settings or {}}).encode()
    connection.sendall(worker.HEADER.pack(worker.HELLO, len(hello)) + hello)
    return process, connection, worker.Channel(connection).read()


def test_the_worker_process_serves_frames_over_its_socket_and_exits_when_the_node_closes(tmp_path, ring_file):
    process, connection, (kind, _) = run_worker(tmp_path, """
        class Mean:
            def __init__(self, settings):
                self.scale = settings["scale"]
            def analyze(self, frame):
                return {"mean": float(frame.image.mean()) * self.scale, "camera": frame.camera}
        """, "mod:Mean", settings={"scale": 10})
    try:
        assert kind == worker.READY
        channel = worker.Channel(connection)
        ring = worker.RING_NAME.pack(0, *NO_OWNER) + ring_file[0].encode()
        connection.sendall(worker.HEADER.pack(worker.RING, len(ring)) + ring)
        camera = struct.pack("<I", 1) + b"cam7"
        connection.sendall(worker.HEADER.pack(worker.NAME, len(camera)) + camera)
        body = frames_body(0, 1, ring_file[1][1:])
        connection.sendall(worker.HEADER.pack(worker.FRAMES, len(body)) + body)
        kind, reply = channel.read()
        assert kind == worker.RESULTS
        assert [json.loads(t) for _, _, t in entries(reply)] == [{"mean": 20.0, "camera": "cam7"}]
        connection.close()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()


def test_a_class_that_cannot_be_loaded_is_a_fatal_answer_with_the_traceback(tmp_path):
    process, connection, (kind, body) = run_worker(tmp_path, "import no_such_module_here\n", "mod:Anything")
    try:
        assert kind == worker.FATAL
        assert "ModuleNotFoundError" in bytes(body).decode()
        assert process.wait(timeout=10) == 1
    finally:
        connection.close()
        process.kill()
        process.wait()
