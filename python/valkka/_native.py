"""libvalkka.so (src/Native, the C# ring protocol compiled with Native AOT) through ctypes."""
import ctypes
import os

from .errors import OwnerGone, ReadersExhausted, RingNotFound, ValkkaError

OK, TIMEOUT, ERROR, NOT_FOUND, OWNER_GONE, READERS_EXHAUSTED, INVALID_ARGUMENT = 0, 1, -1, -2, -3, -4, -5
FORMAT_RGB24, FORMAT_BGR24, FORMAT_GRAY8, FORMAT_FLOAT32_RGB = 1, 2, 3, 4

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIBRARY_VARIABLE = "VALKKA_NATIVE_LIB"


class NativeFrame(ctypes.Structure):
    """valkka_frame of src/Native/include/valkka.h."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("offset", ctypes.c_int64),
        ("sequence", ctypes.c_int64),
        ("frame_index", ctypes.c_int64),
        ("capture_time_ms", ctypes.c_int64),
        ("commit_ticks", ctypes.c_int64),
        ("slot", ctypes.c_int32),
        ("width", ctypes.c_int32),
        ("height", ctypes.c_int32),
        ("stride", ctypes.c_int32),
        ("format", ctypes.c_int32),
        ("length", ctypes.c_int32),
    ]


class NativeRingInfo(ctypes.Structure):
    """valkka_ring_info of src/Native/include/valkka.h."""
    _fields_ = [
        ("slot_capacity", ctypes.c_int64),
        ("frames_written", ctypes.c_int64),
        ("frames_dropped", ctypes.c_int64),
        ("slot_count", ctypes.c_int32),
        ("reader_index", ctypes.c_int32),
        ("owner_pid", ctypes.c_int32),
        ("reserved", ctypes.c_int32),
    ]


def library_path():
    return os.environ.get(LIBRARY_VARIABLE) or os.path.join(_REPO, "artifacts", "native", "libvalkka.so")


def _load():
    path = library_path()
    if not os.path.exists(path):
        raise ValkkaError(f"{path} does not exist: build it with scripts/build-native "
                          f"(or name the library in {LIBRARY_VARIABLE})")
    lib = ctypes.CDLL(path)
    ring_p = ctypes.c_void_p
    frame_p = ctypes.POINTER(NativeFrame)
    signatures = {
        "valkka_ring_open": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ring_p)]),
        "valkka_ring_lease_newest": (ctypes.c_int, [ring_p, ctypes.c_int64, ctypes.c_int32, frame_p]),
        "valkka_ring_release": (ctypes.c_int, [ring_p, frame_p]),
        "valkka_ring_is_leased": (ctypes.c_int, [ring_p, frame_p]),
        "valkka_ring_get_info": (ctypes.c_int, [ring_p, ctypes.POINTER(NativeRingInfo)]),
        "valkka_ring_path": (ctypes.c_int, [ring_p, ctypes.c_char_p, ctypes.c_int32]),
        "valkka_ring_close": (None, [ring_p]),
        "valkka_last_error": (ctypes.c_char_p, []),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = None


def lib():
    global _lib
    if _lib is None:
        _lib = _load()
    return _lib


def check(status):
    """Raises the error a negative status stands for; returns the status otherwise."""
    if status >= 0:
        return status
    message = (lib().valkka_last_error() or b"").decode("utf-8", "replace")
    raise {NOT_FOUND: RingNotFound, OWNER_GONE: OwnerGone, READERS_EXHAUSTED: ReadersExhausted}.get(status, ValkkaError)(message)
