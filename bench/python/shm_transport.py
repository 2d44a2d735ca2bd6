#!/usr/bin/python3
"""Python baseline for `valkka bench transport` (variant c).

What the Python project this framework re-imagines would do with the standard library only:
a writer process copies 1920x1080 RGB24 frames into slots of one multiprocessing.shared_memory
block and tells a reader process which slot holds the next frame over a multiprocessing Pipe; the
reader reads every byte of the slot in place (zlib.adler32 over a memoryview, no copy) and gives
the slot back over the same Pipe. The writer never has more frames in flight than slots.

Prints one JSON line: frames, seconds, writer_cpu_s, reader_cpu_s, frames_per_s, cpu_ms_per_frame.
Times cover only the measured frames (after the warm-up), from the writer's first measured send to
the reader's report of the last one. Run with Debian's /usr/bin/python3.
"""
import argparse
import json
import multiprocessing as mp
import os
import sys
import time
import zlib
from multiprocessing import shared_memory


def make_frames(count, size):
    base = bytes(range(256)) * (size // 256 + 2)
    return [base[k * 7:k * 7 + size] for k in range(count)]


def writer(conn, shm_name, slots, size, warmup, frames, result):
    shm = shared_memory.SharedMemory(name=shm_name)
    try:
        buf = shm.buf
        sources = make_frames(4, size)
        free = list(range(slots))
        if conn.recv() != "ready":
            raise RuntimeError("reader did not start")
        t0 = c0 = 0.0
        for i in range(warmup + frames):
            if i == warmup:
                t0, c0 = time.perf_counter(), time.process_time()
            while not free:
                free.append(conn.recv())
            slot = free.pop()
            off = slot * size
            buf[off:off + size] = sources[i % len(sources)]
            conn.send((i, slot))
        conn.send(None)
        while True:
            msg = conn.recv()
            if isinstance(msg, tuple) and msg[0] == "done":
                break
        t1, c1 = time.perf_counter(), time.process_time()
        _, count, reader_cpu, checksum = msg
        result.send({"frames": count, "seconds": t1 - t0, "writer_cpu_s": c1 - c0,
                     "reader_cpu_s": reader_cpu, "checksum": checksum})
        del buf
    finally:
        shm.close()


def reader(conn, shm_name, size, warmup):
    shm = shared_memory.SharedMemory(name=shm_name)
    try:
        buf = shm.buf
        conn.send("ready")
        checksum = 0
        count = 0
        c0 = time.process_time()
        while True:
            msg = conn.recv()
            if msg is None:
                break
            i, slot = msg
            if i == warmup:
                c0 = time.process_time()
            off = slot * size
            view = buf[off:off + size]
            checksum = (checksum + zlib.adler32(view)) & 0xFFFFFFFF
            view.release()
            if i >= warmup:
                count += 1
            conn.send(slot)
        conn.send(("done", count, time.process_time() - c0, checksum))
        del buf
    finally:
        shm.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--slots", type=int, default=8)
    ap.add_argument("--width", type=int, default=1920)
    ap.add_argument("--height", type=int, default=1080)
    args = ap.parse_args()
    size = args.width * args.height * 3
    name = "vbench_py_%d_%s" % (os.getpid(), os.urandom(4).hex())
    shm = shared_memory.SharedMemory(name=name, create=True, size=size * args.slots)
    try:
        a, b = mp.Pipe(duplex=True)
        res_recv, res_send = mp.Pipe(duplex=False)
        w = mp.Process(target=writer, args=(a, name, args.slots, size, args.warmup, args.frames, res_send))
        r = mp.Process(target=reader, args=(b, name, size, args.warmup))
        r.start()
        w.start()
        result = res_recv.recv()
        w.join()
        r.join()
        if w.exitcode != 0 or r.exitcode != 0:
            raise RuntimeError("writer exit %s, reader exit %s" % (w.exitcode, r.exitcode))
    finally:
        shm.close()
        shm.unlink()
    frames = result["frames"]
    result["frames_per_s"] = frames / result["seconds"]
    result["cpu_ms_per_frame"] = 1000.0 * (result["writer_cpu_s"] + result["reader_cpu_s"]) / frames
    result["python"] = sys.version.split()[0]
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
