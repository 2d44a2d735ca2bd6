"""A standalone reader killed while it holds a lease: the ring's owner frees its index and lease."""
import os
import signal
import subprocess
import sys

from conftest import REPO

HOLDER = """
import sys, time
import valkka
ring = valkka.open_ring(sys.argv[1], sys.argv[2])
frame = ring.next_frame(timeout=10)
print("LEASED", ring.reader_index, frame.sequence, flush=True)
time.sleep(600)
"""


def test_the_owner_reclaims_the_lease_of_a_reader_killed_with_sigkill(ring_owner):
    owner = ring_owner(slots=2)
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, owner.camera, owner.topology],
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        words = holder.stdout.readline().split()
        assert words[0] == "LEASED", words
        bit = 1 << int(words[1])
        standalone, leased, _, _ = owner.leases()
        assert standalone == bit and leased == bit

        holder.send_signal(signal.SIGKILL)
        holder.wait()

        assert owner.expect("RECLAIMED") == ["RECLAIMED", "1"]
        written = owner.leases()[2]
        standalone, leased, _, _ = owner.wait_until(lambda s: s[2] > written + 4, what="more frames written")
        assert (standalone, leased) == (0, 0)  # index free, and its slot is written again
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
