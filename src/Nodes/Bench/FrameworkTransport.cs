using System.Diagnostics;
using System.Text.Json.Nodes;
using Akka.Actor;
using Valkka.Shm;

namespace Valkka.Nodes.Bench;

/// <summary>
/// Transport variant (a), this framework: the sender copies each frame into a slot of a Valkka.Shm
/// ring in /dev/shm and sends a frame reference (slot + sequence) over Akka.Remote; the receiver, in
/// another process, leases the slot, reads every byte in place, releases it and returns one credit.
/// </summary>
public static class FrameworkTransport
{
    public const string ReceiverRole = "ring-receiver";
    public const string SenderRole = "ring-sender";
    private const string ReceiverName = "receiver";
    private const string CameraId = "cam";

    public static TransportRun Run(int frames, int warmup, int window, int slots, int width, int height)
    {
        using var receiver = PeerProcess.Start(ReceiverRole);
        int port = int.Parse(receiver.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using var sender = PeerProcess.Start(SenderRole, ("port", port), ("frames", frames), ("warmup", warmup),
            ("window", window), ("slots", slots), ("width", width), ("height", height));
        var r = sender.WaitForResult(TimeSpan.FromSeconds(120 + frames / 10));
        sender.WaitForExitOrThrow(TimeSpan.FromSeconds(30)); // it removes its ring on the way out
        return TransportRun.FromPeerResult(r);
    }

    public static int RunReceiver(PeerArgs args)
    {
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        system.ActorOf(Props.Create(() => new ReceiverActor()), ReceiverName);
        Console.WriteLine($"READY {BenchAkka.BoundPort(system)}");
        system.WhenTerminated.Wait(); // killed by the bench when the sender has reported
        return 0;
    }

    public static int RunSender(PeerArgs args)
    {
        int width = args.Int("width"), height = args.Int("height"), frames = args.Int("frames");
        using var source = new SourceFrames(width, height);
        using var ring = FrameRingWriter.Create(BenchNames.NewTopology(), CameraId, args.Int("slots"), source.Length);
        int readerIndex = ring.RegisterReader();
        using var system = ActorSystem.Create(FrameWire.SystemName, FrameWire.Config());
        var receiver = BenchAkka.Resolve(system, args.Int("port"), ReceiverName);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new SenderActor(receiver, ring, readerIndex, source, frames, args.Int("warmup"), args.Int("window"), done)));
        var result = done.Task.WaitAsync(TimeSpan.FromSeconds(120 + frames / 10)).GetAwaiter().GetResult();
        Console.WriteLine("RESULT " + result.ToJsonString());
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return 0;
    }

    private sealed unsafe class ReceiverActor : ReceiveActor
    {
        private FrameRingReader? _ring;
        private long _frames, _stale;
        private ulong _checksum;
        private TimeSpan _cpu0;

        public ReceiverActor()
        {
            Receive<FrameWire.Attach>(a =>
            {
                _ring?.Dispose();
                _ring = FrameRingReader.Attach(a.RingPath, a.ReaderIndex);
                Sender.Tell(FrameWire.Credit(CameraId, 0));
            });
            Receive<FrameWire.FrameMessage>(m =>
            {
                var (slot, sequence) = FrameWire.SlotOf(m);
                if (_ring!.TryLease(slot, sequence, out var lease) == LeaseResult.Leased)
                {
                    _checksum += FrameChecksum.Of(lease.Pixels);
                    _ring.Release(lease);
                    _frames++;
                }
                else
                {
                    _stale++;
                }
                Sender.Tell(FrameWire.Credit(CameraId, 1));
            });
            Receive<Start>(_ => { _frames = 0; _stale = 0; _checksum = 0; _cpu0 = CpuClock.Process(); });
            Receive<End>(_ => Sender.Tell(new Done(_frames, (CpuClock.Process() - _cpu0).TotalSeconds, _checksum, _stale)));
        }

        protected override void PostStop() => _ring?.Dispose();
    }

    private sealed unsafe class SenderActor : ReceiveActor
    {
        private long _sent, _credited, _dropped;
        private long _t0;
        private TimeSpan _cpu0;

        public SenderActor(IActorRef receiver, FrameRingWriter ring, int readerIndex, SourceFrames source,
            int frames, int warmup, int window, TaskCompletionSource<JsonObject> done)
        {
            long total = warmup + frames;
            var info = new FrameInfo(source.Width, source.Height, source.Width * 3, PixelFormat.Rgb24, 0, source.Length);
            void SendOne()
            {
                if (_sent == warmup) { receiver.Tell(new Start()); _t0 = Stopwatch.GetTimestamp(); _cpu0 = CpuClock.Process(); }
                SlotWriter slot;
                while (!ring.TryBeginWrite(out slot)) _dropped++; // cannot happen with credit < slots; counted if it does
                Buffer.MemoryCopy(source[_sent], slot.Data, slot.Capacity, source.Length);
                long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long sequence = ring.Commit(slot, info with { TimestampMs = ts });
                receiver.Tell(FrameWire.Frame(CameraId, ring.Path, slot.Slot, sequence, ts, source.Width, source.Height));
                _sent++;
            }
            bool attached = false;
            Receive<FrameWire.CreditMessage>(c =>
            {
                if (!attached)
                {
                    attached = true;
                    for (int i = 0; i < window && _sent < total; i++) SendOne();
                    return;
                }
                _credited++;
                if (_sent < total) SendOne();
                else if (_credited == total) receiver.Tell(new End());
            });
            Receive<Done>(d =>
            {
                var json = d.ToJson(Stopwatch.GetElapsedTime(_t0).TotalSeconds, (CpuClock.Process() - _cpu0).TotalSeconds);
                json["writer_dropped"] = _dropped;
                done.TrySetResult(json);
            });
            receiver.Tell(new FrameWire.Attach(ring.Path, readerIndex));
        }
    }
}
