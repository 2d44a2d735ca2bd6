using Akka.Actor;

namespace Valkka.Bench;

/// <summary>
/// The far end of <see cref="RemoteFrameSender"/> on host B (<c>valkka-bench _peer frame-receiver
/// bind=ADDRESS port=N</c>): reads every byte of each message, acknowledges it, and prints
/// <c>COUNT frames bytes</c> every second.
/// </summary>
public static class FrameReceiver
{
    public const string Role = "frame-receiver";
    public const string ActorName = "receiver";
    public const string CountTag = "COUNT ";
    /// <summary>A 1080p RGB24 frame and some room.</summary>
    public const int MaxMessageBytes = 1920 * 1080 * 3 + 64 * 1024;

    public static int Run(PeerArgs args)
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {args.Int("port")}")
            .WithFallback(BenchAkka.LargeFrames(MaxMessageBytes, args.String("bind")));
        using var system = ActorSystem.Create(BenchAkka.SystemName, config);
        var counts = new Counts();
        system.ActorOf(Props.Create(() => new ReceiverActor(counts)), ActorName);
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        while (!system.WhenTerminated.Wait(TimeSpan.FromSeconds(1))) // killed by the bench
            Console.WriteLine($"{CountTag}{Interlocked.Read(ref counts.Frames)} {Interlocked.Read(ref counts.Bytes)}");
        return 0;
    }

    /// <summary>Parses a COUNT line: frames received so far, or null for another line.</summary>
    public static long? Frames(string line) =>
        line.StartsWith(CountTag, StringComparison.Ordinal) ? long.Parse(line[CountTag.Length..].Split(' ')[0]) : null;

    private sealed class Counts
    {
        public long Frames;
        public long Bytes;
    }

    private sealed class ReceiverActor : ReceiveActor
    {
        private static readonly byte[] Ack = [1];
        private ulong _checksum; // every byte read, as a consumer of the frame would

        public ReceiverActor(Counts counts) =>
            Receive<byte[]>(message =>
            {
                _checksum += FrameChecksum.Of(message);
                Interlocked.Add(ref counts.Bytes, message.Length);
                Interlocked.Increment(ref counts.Frames);
                Sender.Tell(Ack);
            });
    }
}
