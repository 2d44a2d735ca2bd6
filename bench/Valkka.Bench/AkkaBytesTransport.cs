using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;

namespace Valkka.Bench;

/// <summary>
/// Transport variant (b): every frame's bytes inside an Akka.Remote message (byte[] through Akka's
/// byte-array serializer, the cheapest it has), maximum-frame-size raised; the receiver reads every
/// byte and acknowledges, the sender keeps <c>window</c> frames in flight.
/// </summary>
public static class AkkaBytesTransport
{
    public const string ReceiverRole = "akka-bytes-receiver";
    public const string SenderRole = "akka-bytes-sender";
    private const string ReceiverName = "receiver";

    public static TransportRun Run(int frames, int warmup, int window, int width, int height)
    {
        using var receiver = PeerProcess.Start(ReceiverRole, ("width", width), ("height", height));
        int port = int.Parse(receiver.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using var sender = PeerProcess.Start(SenderRole, ("port", port), ("frames", frames), ("warmup", warmup),
            ("window", window), ("width", width), ("height", height));
        var r = sender.WaitForResult(TimeSpan.FromSeconds(120 + frames));
        return TransportRun.FromPeerResult(r);
    }

    private static int MaxMessage(int width, int height) => width * height * 3 + 64 * 1024;

    public static int RunReceiver(PeerArgs args)
    {
        using var system = ActorSystem.Create(BenchAkka.SystemName, BenchAkka.LargeFrames(MaxMessage(args.Int("width"), args.Int("height"))));
        system.ActorOf(Props.Create(() => new BytesReceiverActor()), ReceiverName);
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        system.WhenTerminated.Wait(); // killed by the bench when the sender has reported
        return 0;
    }

    public static int RunSender(PeerArgs args)
    {
        int width = args.Int("width"), height = args.Int("height");
        using var system = ActorSystem.Create(BenchAkka.SystemName, BenchAkka.LargeFrames(MaxMessage(width, height)));
        var receiver = BenchAkka.Resolve(system, args.Int("port"), ReceiverName);
        using var source = new SourceFrames(width, height);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new BytesSenderActor(receiver, source, args.Int("frames"), args.Int("warmup"), args.Int("window"), done)));
        var result = done.Task.WaitAsync(TimeSpan.FromSeconds(120 + args.Int("frames"))).GetAwaiter().GetResult();
        Console.WriteLine("RESULT " + result.ToJsonString());
        return 0;
    }

    private sealed class BytesReceiverActor : ReceiveActor
    {
        private static readonly byte[] Ack = [1];
        private long _frames;
        private ulong _checksum;
        private TimeSpan _cpu0;

        public BytesReceiverActor()
        {
            Receive<byte[]>(frame =>
            {
                _checksum += FrameChecksum.Of(frame);
                _frames++;
                Sender.Tell(Ack);
            });
            Receive<Start>(_ => { _frames = 0; _checksum = 0; _cpu0 = CpuClock.Process(); });
            Receive<End>(_ => Sender.Tell(new Done(_frames, (CpuClock.Process() - _cpu0).TotalSeconds, _checksum)));
        }
    }

    private sealed class BytesSenderActor : ReceiveActor
    {
        private readonly byte[][] _frames;
        private long _sent, _acked;
        private readonly long _total;
        private long _t0;
        private TimeSpan _cpu0;

        public BytesSenderActor(IActorRef receiver, SourceFrames source, int frames, int warmup, int window, TaskCompletionSource<JsonObject> done)
        {
            _frames = Enumerable.Range(0, source.Count).Select(k => source.Span(k).ToArray()).ToArray();
            _total = warmup + frames;
            void SendOne()
            {
                if (_sent == warmup) { receiver.Tell(new Start()); _t0 = Stopwatch.GetTimestamp(); _cpu0 = CpuClock.Process(); }
                receiver.Tell(_frames[_sent % _frames.Length]);
                _sent++;
            }
            Receive<byte[]>(_ =>
            {
                _acked++;
                if (_sent < _total) SendOne();
                else if (_acked == _total) receiver.Tell(new End());
            });
            Receive<Done>(d => done.TrySetResult(d.ToJson(Stopwatch.GetElapsedTime(_t0).TotalSeconds, (CpuClock.Process() - _cpu0).TotalSeconds)));
            for (int i = 0; i < window && _sent < _total; i++) SendOne();
        }
    }
}
