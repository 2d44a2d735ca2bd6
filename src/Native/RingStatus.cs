namespace Valkka.Native;

/// <summary>What every export returns; the same numbers as the VALKKA_* constants of include/valkka.h.</summary>
internal enum RingStatus
{
    Ok = 0,
    Timeout = 1,
    Error = -1,
    NotFound = -2,
    OwnerGone = -3,
    ReadersExhausted = -4,
    InvalidArgument = -5,
}
