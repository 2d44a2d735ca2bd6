"""Valkka.Actors from Python: camera frames as zero-copy numpy views of the shared-memory rings.

    import valkka
    with valkka.open_ring("cam1") as ring:
        for frame in ring:
            frame.image  # (height, width, 3) uint8, a read-only view of the ring slot, leased

Importable with PYTHONPATH=python; needs numpy and libvalkka.so (scripts/build-native).
"""
from .errors import LeaseEnded, OwnerGone, ReadersExhausted, RingNotFound, ValkkaError, ViewOutlivedLease
from .frame import Frame
from .ring import Ring, open_ring

__all__ = ["open_ring", "Ring", "Frame", "ValkkaError", "RingNotFound", "OwnerGone", "ReadersExhausted",
           "LeaseEnded", "ViewOutlivedLease"]
