"""What the valkka package raises and warns."""


class ValkkaError(Exception):
    """A ring could not be opened or read; the message says why."""


class RingNotFound(ValkkaError):
    """No such ring on this host (is the camera's topology running here?)."""


class OwnerGone(ValkkaError):
    """The process that owns the ring (the camera) is gone: open the ring again when it is back."""


class ReadersExhausted(ValkkaError):
    """All 64 reader indices of the ring are in use."""


class LeaseEnded(ValkkaError):
    """The frame was released: its pixels may be overwritten, so its image is no longer handed out."""


class ViewOutlivedLease(UserWarning):
    """A numpy view of a frame was still referenced a frame after its lease ended (copy it to keep it)."""
