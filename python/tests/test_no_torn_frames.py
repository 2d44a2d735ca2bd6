"""Reading while the C# writer runs flat out: every frame handed out is whole and the one announced."""
import time

import valkka
from conftest import is_intact


def test_frames_read_while_the_writer_runs_are_never_torn(ring_owner):
    owner = ring_owner(slots=3, width=640, height=360, fps=0)  # as fast as it can
    checked = torn = 0
    with valkka.open_ring(owner.camera, owner.topology) as ring:
        deadline = time.monotonic() + 3
        for frame in ring.frames(timeout=10):
            if not is_intact(frame.image, frame.sequence):
                torn += 1
            checked += 1
            if time.monotonic() > deadline:
                break
    written = owner.leases()[2]
    assert torn == 0
    assert checked >= 50
    assert written > checked  # the writer went on while the reader read (it skipped frames, latest wins)
