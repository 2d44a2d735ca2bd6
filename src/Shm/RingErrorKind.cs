namespace Valkka.Shm;

/// <summary>What went wrong with a ring; see <see cref="RingException"/>.</summary>
public enum RingErrorKind
{
    NotFound,
    BadMagic,
    VersionMismatch,
    OwnerDead,
    NoSpace,
    AlreadyExists,
    InvalidArgument,
    ReadersExhausted,
}
