"""The standalone reader leases and releases with the ring's protocol, as the owner sees it."""
import mmap
import os
import warnings

import numpy as np
import pytest

import valkka
from conftest import is_intact


def test_frames_are_read_only_zero_copy_views_of_the_ring_file(ring_owner):
    owner = ring_owner(width=64, height=48)
    with valkka.open_ring(owner.camera, owner.topology) as ring:
        frame = ring.next_frame(timeout=10)
        image = frame.image

        assert image.shape == (48, 64, 3) and image.dtype == np.uint8
        assert isinstance(image.base, mmap.mmap) and image.base is ring._mapping
        start = np.frombuffer(ring._mapping, np.uint8).__array_interface__["data"][0]
        address = image.__array_interface__["data"][0]
        assert start <= address < start + len(ring._mapping)  # inside the mapped ring file: no copy
        assert not image.flags.writeable
        assert is_intact(image, frame.sequence)
        assert frame.camera == owner.camera and frame.frame_index >= 0 and frame.capture_time_ms > 0


def test_the_current_frame_is_leased_and_released_when_the_iteration_moves_on(ring_owner):
    owner = ring_owner(slots=3)
    with valkka.open_ring(owner.camera, owner.topology) as ring:
        bit = 1 << ring.reader_index
        sequences = []
        for frame in ring:
            standalone, leased, _, _ = owner.leases()
            assert standalone == bit
            assert leased & bit  # the owner sees this reader's lease on the frame being read
            assert frame.is_leased()
            sequences.append(frame.sequence)
            if len(sequences) == 3:
                break
        assert sequences == sorted(sequences) and len(set(sequences)) == 3
        assert owner.leases()[1] & bit == 0  # leaving the loop released the last frame
        assert frame.released
        with pytest.raises(valkka.LeaseEnded):
            frame.image
    standalone, leased, _, _ = owner.leases()
    assert (standalone, leased) == (0, 0)  # closing freed the reader index


def test_a_view_kept_beyond_its_lease_is_reported_and_a_loop_variable_is_not(ring_owner):
    owner = ring_owner()
    kept = []
    with valkka.open_ring(owner.camera, owner.topology) as ring:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for n, frame in enumerate(ring.frames(timeout=10)):
                image = frame.image  # still referenced when the loop asks for the next frame: fine
                if n == 2:
                    kept.append(image[10:20])  # a slice keeps the frame's view alive
                if n == 5:
                    break
    assert [w.category for w in caught] == [valkka.ViewOutlivedLease]
    assert "copy" in str(caught[0].message)


def test_a_camera_is_found_by_its_id_alone(ring_owner):
    owner = ring_owner()
    with valkka.open_ring(owner.camera) as ring:
        assert ring.path == owner.path
        assert ring.camera == owner.camera
    with pytest.raises(valkka.RingNotFound, match="nosuchcamera"):
        valkka.open_ring("nosuchcamera")


def test_a_reader_of_a_killed_owner_is_told_the_owner_is_gone(ring_owner):
    owner = ring_owner()
    with valkka.open_ring(owner.camera, owner.topology) as ring:
        last = ring.next_frame(timeout=10).sequence
        owner.process.kill()
        owner.process.wait()
        with pytest.raises(valkka.OwnerGone):
            while ring.next_frame(timeout=5) is not None:
                assert ring._last_sequence <= last + 2 * ring.slot_count  # only frames already written
    os.unlink(owner.path)  # what a node's sweep does at start
