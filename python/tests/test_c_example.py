"""The C example (src/Native/examples/read_ring.c) compiled with gcc against valkka.h and libvalkka.so."""
import os
import subprocess

from conftest import REPO, row_values
from valkka import _native


def test_the_c_example_reads_the_frames_the_csharp_writer_wrote(ring_owner, tmp_path):
    owner = ring_owner(width=64, height=48, fps=100)
    program = tmp_path / "read_ring"
    library = os.path.dirname(_native.library_path())
    subprocess.run(["gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-I", os.path.join(REPO, "src", "Native", "include"),
                    os.path.join(REPO, "src", "Native", "examples", "read_ring.c"), "-L", library, "-lvalkka",
                    f"-Wl,-rpath,{library}", "-o", str(program)], check=True)

    result = subprocess.run([str(program), owner.camera, "5", owner.topology], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    frames = [line.split() for line in result.stdout.splitlines() if line.startswith("frame ")]
    assert len(frames) == 5
    for words in frames:
        sequence, size, mean = int(words[1]), words[4], float(words[6])
        expected = row_values(sequence, 48).view("u1").mean()  # the bytes of every row, as the writer wrote them
        assert size == "64x48"
        assert abs(mean - expected) < 1e-5
    assert owner.leases()[:2] == (0, 0)  # the program released its leases and its index
