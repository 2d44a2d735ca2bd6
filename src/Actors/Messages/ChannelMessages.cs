namespace Valkka.Actors.Messages;

// The same-host channel conversation: a client offers its master a shared-memory queue for its
// AnalyzeRequests and gets one back for the MasterResults, so neither crosses Akka.Remote per frame.
// Each queue is a ring whose entries are serialized messages committed already leased for the one
// reader, in a fixed binary encoding for the two hot types (Channels/ChannelEncoder); the reading
// actor's own thread polls its queues and sleeps on their doorbells (Hosting/SleepingThreadExecutor)
// and delivers the entries to it as local messages.

/// <summary>A client offers its requests queue (it reads as ReaderIndex), for a master on Ring.HostIdentity. Process: the client's.</summary>
public sealed record OpenChannel(string ClientId, string Topology, RingDescriptor Ring, int ReaderIndex, ReaderProcess? Process = null);

/// <summary>The master took the offer of RequestsPath: its results for this client come through Ring (read as ReaderIndex).</summary>
public sealed record ChannelOpened(string MasterId, string RequestsPath, RingDescriptor Ring, int ReaderIndex);

/// <summary>
/// The master keeps to Akka messages for this client (another host, one actor system, no room); the reason says why.
/// RequestsPath: the offer it answers (null from an older master), so a late answer to an offer the client already replaced is not taken for the current one.
/// </summary>
public sealed record ChannelRefused(string MasterId, string Reason, string? RequestsPath = null);
