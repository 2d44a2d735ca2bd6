"""Real parts for the valkka package's tests: libvalkka.so, and a C# ring owner (Valkka.Shm.TestProcess's
owner mode: the real FrameRingWriter, with a camera's tick that frees the indices of dead readers)."""
import os
import subprocess
import sys
import time
import uuid

import numpy as np
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))

import valkka  # noqa: E402
from valkka import _native  # noqa: E402

TEST_PROCESS = os.path.join(REPO, "tests", "Valkka.Shm.TestProcess", "bin", "Release", "net10.0", "Valkka.Shm.TestProcess.dll")
GOLDEN = 0x9E3779B97F4A7C15
MASK64 = (1 << 64) - 1


def pytest_sessionstart(session):
    if not os.path.exists(_native.library_path()):
        subprocess.run([os.path.join(REPO, "scripts", "build-native")], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(TEST_PROCESS):
        subprocess.run(["dotnet", "build", os.path.join(REPO, "tests", "Valkka.Shm.TestProcess"), "-c", "Release",
                        "-v", "quiet", "-nologo"], check=True, stdout=subprocess.DEVNULL)


def row_values(sequence, height):
    """The 64-bit value every row of a test frame repeats (tests/Valkka.Shm.TestProcess/RowPattern.cs)."""
    return np.array([(((sequence << 20) | row) * GOLDEN) & MASK64 for row in range(height)], dtype="<u8")


def is_intact(image, sequence):
    """True when every row of image is the one the writer wrote for that sequence (no torn or other frame)."""
    height = image.shape[0]
    rows = image.reshape(height, -1).view("<u8")
    return bool((rows == row_values(sequence, height)[:, None]).all())


class RingOwner:
    """The C# owner process of one ring; talks over stdin/stdout lines."""

    def __init__(self, camera, slots, width, height, fps):
        self.camera = camera
        self.topology = "py" + uuid.uuid4().hex[:12]
        self.width, self.height = width, height
        self.process = subprocess.Popen(
            ["dotnet", TEST_PROCESS, "owner", self.topology, "cam-" + camera, str(slots), str(width), str(height), str(fps)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.path = self.expect("READY", timeout=30)[1]

    def expect(self, prefix, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(f"ring owner exited (code {self.process.poll()}) before '{prefix}'")
            if line.startswith(prefix):
                return line.split()
        raise AssertionError(f"no '{prefix}' from the ring owner within {timeout} s")

    def leases(self):
        """(standalone reader indices, lease bits on all slots, frames written, frames dropped)."""
        self.process.stdin.write("LEASES\n")
        return tuple(int(v) for v in self.expect("LEASES")[1:])

    def wait_until(self, condition, timeout=10, what="condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.leases()
            if condition(state):
                return state
            time.sleep(0.02)
        raise AssertionError(f"{what} not reached within {timeout} s: {self.leases()}")

    def stop(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.write("EXIT\n")
                self.process.stdin.flush()
                self.process.wait(timeout=10)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        if os.path.exists(self.path):  # a killed owner cannot remove its ring
            os.unlink(self.path)


@pytest.fixture
def ring_owner():
    """Starts C# ring owners: ring_owner(slots=4, width=64, height=48, fps=200); all stopped after the test."""
    owners = []

    def start(slots=4, width=64, height=48, fps=200, camera=None):
        owner = RingOwner(camera or "cam" + uuid.uuid4().hex[:8], slots, width, height, fps)
        owners.append(owner)
        return owner

    yield start
    for owner in owners:
        owner.stop()
    for owner in owners:
        assert not os.path.exists(owner.path), f"{owner.path} left in /dev/shm"
