using System.Diagnostics;
using System.Text.Json.Nodes;
using Valkka.Shm;

namespace Valkka.Bench;

/// <summary>
/// The floor under any cross-process notification: one process stamps the monotonic clock and wakes
/// a sleeping waiter in another process through a futex or a POSIX semaphore in shared memory; the
/// waiter stamps the clock when it runs again. Wakes are spaced about 1 ms apart so the waiter is
/// really asleep each time, as a client is between frames.
/// </summary>
public static unsafe class WakeupLimit
{
    public const string PeerRole = "wake-waiter";
    private const int SeqOffset = 0, StampOffset = 8, AckOffset = 16, SemOffset = 64;
    private const int Warmup = 20;

    /// <summary>Runs the waker here and the waiter in a peer process; returns the waiter's summary.</summary>
    public static LatencySummary Measure(string mechanism, int samples)
    {
        if (mechanism is not ("futex" or "sem")) throw new ArgumentException($"unknown wake-up mechanism '{mechanism}'");
        using var page = SharedPage.Create("wake");
        byte* b = page.Base;
        int* seq = (int*)(b + SeqOffset);
        long* stamp = (long*)(b + StampOffset);
        int* ack = (int*)(b + AckOffset);
        void* sem = b + SemOffset;
        if (mechanism == "sem") PosixSemaphore.Init(sem);
        try
        {
            using var peer = PeerProcess.Start(PeerRole, ("path", page.Path), ("mechanism", mechanism), ("samples", samples + Warmup));
            peer.WaitFor("READY", TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30 + samples / 100.0);
            for (int i = 1; i <= samples + Warmup; i++)
            {
                Thread.Sleep(1);
                while (Volatile.Read(ref *ack) != i - 1)
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"{mechanism} waiter stopped answering after {i - 1} wake-ups");
                    Thread.Sleep(1);
                }
                Volatile.Write(ref *stamp, Stopwatch.GetTimestamp());
                if (mechanism == "futex")
                {
                    Interlocked.Increment(ref *seq);
                    SharedFutex.WakeAll(seq);
                }
                else
                {
                    PosixSemaphore.Post(sem);
                }
            }
            var r = peer.WaitForResult(TimeSpan.FromSeconds(30));
            return new LatencySummary((int)r["count"]!, (double)r["p50_us"]!, (double)r["p90_us"]!, (double)r["p99_us"]!, (double)r["max_us"]!);
        }
        finally
        {
            if (mechanism == "sem") PosixSemaphore.Destroy(sem);
        }
    }

    /// <summary>The waiter side, run by <c>valkka-bench _peer wake-waiter</c>.</summary>
    public static int RunWaiter(PeerArgs args)
    {
        string mechanism = args.String("mechanism");
        int total = args.Int("samples");
        using var page = SharedPage.Attach(args.String("path"));
        byte* b = page.Base;
        int* seq = (int*)(b + SeqOffset);
        long* stamp = (long*)(b + StampOffset);
        int* ack = (int*)(b + AckOffset);
        void* sem = b + SemOffset;
        var latencies = new double[total - Warmup];
        Console.WriteLine("READY");
        int seen = 0;
        for (int i = 0; i < total; i++)
        {
            if (mechanism == "futex")
            {
                while (Volatile.Read(ref *seq) == seen) SharedFutex.WaitWhile(seq, seen, TimeSpan.FromSeconds(1));
                seen++;
            }
            else
            {
                PosixSemaphore.Wait(sem);
            }
            long now = Stopwatch.GetTimestamp();
            if (i >= Warmup) latencies[i - Warmup] = Stopwatch.GetElapsedTime(Volatile.Read(ref *stamp), now).TotalMicroseconds;
            Volatile.Write(ref *ack, i + 1);
        }
        var s = Percentiles.Summarize(latencies);
        Console.WriteLine("RESULT " + new JsonObject
        {
            ["count"] = s.Count, ["p50_us"] = s.P50, ["p90_us"] = s.P90, ["p99_us"] = s.P99, ["max_us"] = s.Max,
        }.ToJsonString());
        return 0;
    }
}
