namespace Valkka.Actors.Messages;

// A restarted node's question to every other node of its topology (ActorPaths.JoinProbeName) before it may
// start a cluster of its own (docs/multi-host.md, "One cluster").

/// <summary>Is this node a member of a cluster? Round numbers the asker's rounds, so that a late answer counts for its own round only.</summary>
public sealed record MembershipAsked(int Round);

/// <summary>Node's answer in Round: Member when it is in a cluster (any status, also downed or leaving), false when it has not joined one.</summary>
public sealed record MembershipAnswer(int Round, string Node, bool Member);
