#!/usr/bin/python3
"""The Python standalone reader of `valkka bench transport` (bench/Valkka.Bench/StandaloneReaderTransport.cs).

    ring_reader.py RING-PATH WARMUP FRAMES

The valkka package (python/, libvalkka.so) claims a reader index in the ring, leases the newest frame,
sums every byte of its numpy view in place (as 64-bit words, like the C# reader's checksum) and
releases it, until the writer's last frame. Every view is checked to lie inside the mapped ring file:
"copies" counts frames that did not (a copy would). Prints READY, then one RESULT JSON line.
Run with Debian's /usr/bin/python3 and PYTHONPATH=python.
"""
import json
import sys
import time

import numpy as np

import valkka


def main():
    path, warmup, frames = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    first_measured, last = 2 * (warmup + 1), 2 * (warmup + frames)  # the n-th commit has sequence 2n
    with valkka.open_ring(path) as ring:
        mapping = np.frombuffer(ring._mapping, np.uint8)
        start = mapping.__array_interface__["data"][0]
        end = start + mapping.size
        del mapping
        print("READY", flush=True)
        analyzed = copies = checksum = 0
        cpu0 = 0.0
        for frame in ring.frames(timeout=30):
            image = frame.image
            if frame.sequence >= first_measured and analyzed == 0:
                cpu0 = time.process_time()
            address = image.__array_interface__["data"][0]
            if not start <= address < end:
                copies += 1
            checksum = (checksum + int(image.reshape(-1).view(np.uint64).sum())) & 0xFFFFFFFFFFFFFFFF
            if frame.sequence >= first_measured:
                analyzed += 1
            if frame.sequence >= last:
                break
        end_ns = time.monotonic_ns()
    print("RESULT " + json.dumps({"frames": analyzed, "end_ns": end_ns, "receiver_cpu_s": time.process_time() - cpu0,
                                  "checksum": checksum, "stale": 0, "copies": copies}), flush=True)


if __name__ == "__main__":
    main()
