using Akka.Actor;
using Valkka.Actors.Node;

namespace Valkka.Actors.Messages;

// The subscription conversation: a reader (client or master) asks a ring owner (camera, or a
// client that publishes derived frames) for a reader index of its ring.

/// <summary>Where a ring lives: its file, its shape and the host whose /dev/shm holds it.</summary>
public sealed record RingDescriptor(string Path, string RingName, int SlotCount, int SlotCapacity, string HostIdentity);

/// <summary>
/// The process a reader actor runs in: its host identity, pid and start time (clock ticks since boot).
/// An owner on the same host can tell from it whether the reader's node really died when remoting
/// declares the reader's address terminated (a node restarted on the same host:port has a new process).
/// </summary>
public sealed record ReaderProcess(string Host, int Pid, long StartTime);

/// <summary>
/// A reader asks for frames of a camera, starting with Credit frames in flight (Sender is the reader).
/// ReaderHost: the reader's host identity when it can watch the ring's doorbell itself; an owner on
/// that host then sends no FrameAvailable (Subscribed.Doorbell says so). Null: FrameAvailable messages.
/// WantedFps: how many frames a second the reader wants (+inf: every frame); a camera decodes for the
/// highest rate any current reader wants. Process: the reader's process, when it knows it.
/// </summary>
public sealed record Subscribe(string ReaderId, int Credit, string? ReaderHost = null, double WantedFps = double.PositiveInfinity,
    ReaderProcess? Process = null);

/// <summary>
/// A reader asks only for a reader index (no frame stream), to lease frames other actors forward to it.
/// WantedFps: the rate the owner must decode for this reader (0: none of its own, as for frames the
/// owner decodes for its streaming readers anyway; a master leasing from a relay wants every frame).
/// </summary>
public sealed record AttachReader(string ReaderId, ReaderProcess? Process = null, double WantedFps = 0);

/// <summary>
/// The owner's answer to Subscribe or AttachReader. Owner is the actor that owns the ring, OwnerId
/// its id (a camera's, or a client's for its ring of derived frames). Doorbell: the owner announces
/// frames only through the ring's doorbell; the reader watches it and makes the FrameAvailable
/// messages itself (same host).
/// </summary>
public sealed record Subscribed(string OwnerId, RingDescriptor Ring, int ReaderIndex, IActorRef Owner, bool Doorbell = false);

/// <summary>The owner (camera or client, by id) cannot take this reader (no ring yet, 64 readers already, ...); the reason says why.</summary>
public sealed record SubscribeRejected(string OwnerId, string Reason);

/// <summary>The reader leaves: its index is freed and its leases cleared.</summary>
public sealed record Unsubscribe(string ReaderId);
