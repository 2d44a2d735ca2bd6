using System.Globalization;
using System.Reflection;
using Akka.Configuration;
using Valkka.Actors.Dispatch;
using Valkka.Actors.Security;
using Valkka.Actors.Topology;

namespace Valkka.Actors.Node;

/// <summary>
/// Akka config for one node: remoting on host:port (127.0.0.1 unless told otherwise), the
/// project's Hyperion serializer bound to System.Object with its allowlist (plus the IAnalysisResult
/// types of the given assemblies), failure-detector settings that notice a dead node in about 1-2 s,
/// CoordinatedShutdown run by the process's shutdown (see ValkkaNode.Start for SIGTERM), and the
/// <see cref="TimerQueueScheduler"/>.
/// </summary>
public static class NodeConfig
{
    /// <summary>Every node's ActorSystem has this name, so actor paths follow from a topology alone.</summary>
    public const string SystemName = ActorPaths.SystemName;

    /// <summary>
    /// Clients and masters run user analyzers that may block: each gets its own thread, so a slow
    /// analyzer never holds up other actors (cameras, other clients) on the shared dispatcher.
    /// </summary>
    public const string AnalyzerDispatcher = "valkka.analyzer-dispatcher";

    /// <summary>
    /// What a node of the valkka program adds on top of <see cref="Create"/>. Create's detector notices
    /// a dead node within about 1-2 s (acceptable heartbeat pause 500 ms, a heartbeat and a check every
    /// 200 ms), which tests want. On a machine with more busy nodes than cores that misfires: a node
    /// starved for a second is declared unreachable and quarantined for good, and its clients lose
    /// their cameras. A supervised node that really dies is restarted as a new process (new UID) that
    /// subscribes again, so frames resume without waiting for the detector; only the dead reader's
    /// leases wait a few seconds longer to be cleared. Heartbeats and checks every second (Akka's
    /// defaults) instead of every 200 ms also cut what an idle connected node burns per second.
    /// </summary>
    public static readonly Config TolerantFailureDetector = ConfigurationFactory.ParseString("""
        akka.remote.watch-failure-detector {
          heartbeat-interval = 1s
          acceptable-heartbeat-pause = 3s
          threshold = 10.0
          unreachable-nodes-reaper-interval = 1s
        }
        """);

    /// <summary>
    /// The threads remoting runs on (its dispatcher's own): they decode every inbound message, so they
    /// bound Akka.Remote's per-thread caches to this many pairs of 1,024 entries each.
    /// </summary>
    public const int RemotingThreads = 2;

    public static Config Create(string host, int port, IEnumerable<Assembly> analyzerAssemblies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (port is < 0 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, "remoting port must be 0..65535 (0 = any free port)");
        return Remoting(host, port).WithFallback(Serialization(analyzerAssemblies)).WithFallback(Base);
    }

    // Logging, the scheduler, shutdown with the process, the analyzers' dispatcher.
    private static readonly Config Base = ConfigurationFactory.ParseString("""
        akka {
          loglevel = INFO
          log-dead-letters = 10
          log-dead-letters-during-shutdown = off
          # Wakes only when a timer is due; Akka's default scheduler ticks every 10 ms even when idle.
          scheduler.implementation = "Valkka.Actors.Dispatch.TimerQueueScheduler, Valkka.Actors"
          coordinated-shutdown.run-by-clr-shutdown-hook = on
        }
        valkka.analyzer-dispatcher {
          type = "Valkka.Actors.Dispatch.AnalyzerDispatcherConfigurator, Valkka.Actors"
        }
        """);

    // The project's serializer for everything, with its allowlist; Akka's own serializers gated.
    private static Config Serialization(IEnumerable<Assembly> analyzerAssemblies)
    {
        var assemblies = analyzerAssemblies.Select(a => a.GetName().Name!).Distinct()
            .Select(n => "\"" + n.Replace("\"", "") + "\"");
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers {
                valkka = "Valkka.Actors.Security.ValkkaSerializer, Valkka.Actors"
                # Akka's own serializers for remote deployment, misc and system messages, gated: peers
                # may resolve and watch our actors, never deploy actors here or stop ours.
                daemon-create = "Valkka.Actors.Security.RemoteDeployRefusingSerializer, Valkka.Actors"
                akka-misc = "Valkka.Actors.Security.GatedMiscMessageSerializer, Valkka.Actors"
                akka-system-msg = "Valkka.Actors.Security.GatedSystemMessageSerializer, Valkka.Actors"
              }
              serialization-bindings { "System.Object" = valkka }
              serialization-identifiers { "Valkka.Actors.Security.ValkkaSerializer, Valkka.Actors" = {{ValkkaSerializer.Id}} }
              serialization-settings.valkka {
                allowed-assemblies = [{{string.Join(", ", assemblies)}}]
                allowed-types = []
              }
            }
            """);
    }

    private static Config Remoting(string host, int port) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote {
          dot-netty.tcp {
            hostname = "{{host}}"
            port = {{port.ToString(CultureInfo.InvariantCulture)}}
            # Batching holds small messages up to its flush interval (40 ms): a frame reference
            # and its credit would wait that long. Frame rates are low, latency matters.
            batching.enabled = false
            # A camera's keyframe sent to a relay on another host can exceed Akka's 128 kB default.
            maximum-frame-size = 4000000b
            # A connection attempt to a host that is cut off gives up soon and is tried again at the next
            # message, so a link that comes back is used within about a second (not after TCP's backoff).
            connection-timeout = 3s
          }
          watch-failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 500ms
            threshold = 8.0
            unreachable-nodes-reaper-interval = 200ms
          }
          retry-gate-closed-for = 200ms
          # A connection whose peer is silent for 3 s is dropped (gated, not quarantined) and dialed again
          # at the next message. After a link between hosts was down, TCP's retransmission backoff holds
          # an old connection until its next retry (3.0, 6.2, 12.6 s after the first loss), whenever the
          # link came back; dropped during the cut, a new connection is dialed at each heartbeat and is up
          # soon after the link. Members of a 5 s cut were unreachable 0.5-3.4 s with 3 s, 2.0-5.1 s with
          # 5 s (the connection dropped just after the link came back, then dialed anew), at the edge of
          # the split-brain resolver's stable-after 4.5 s (ClusterBlipTests, 3 runs each, load 22-29).
          transport-failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 3s
          }
          # Each node writes only on connections it opened and reads every inbound one. With passive
          # connections a node restarted on the same host:port can stop reading its own outbound
          # connection while its peer writes on it (the read handoff of classic remoting), and
          # everything the peer sends it is dropped silently.
          use-passive-connections = off
          # Remoting's actors (endpoint readers and writers) on threads of their own instead of the
          # thread pool. Each thread that decodes inbound messages keeps Akka.Remote's thread-local
          # actor-ref and path caches (1,024 entries each; a cached ref of a stopped top-level actor
          # keeps its cell and Props). On the pool every kept worker built a pair, 14 in a camera node,
          # each filling as parts restarted; here at most RemotingThreads pairs (docs/RELIABILITY.md).
          default-remote-dispatcher {
            executor = fork-join-executor
            fork-join-executor {
              parallelism-min = {{RemotingThreads}}
              parallelism-factor = 1.0
              parallelism-max = {{RemotingThreads}}
            }
          }
        }
        """);

    /// <summary>The same without remoting: one ActorSystem, local actor refs only (tests, --in-process).</summary>
    public static Config CreateLocal(IEnumerable<Assembly> analyzerAssemblies) =>
        ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(Create("127.0.0.1", 0, analyzerAssemblies));
}
