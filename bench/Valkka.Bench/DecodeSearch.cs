using System.Diagnostics;

namespace Valkka.Bench;

/// <summary>
/// Finds the largest clean N of one <see cref="DecodeCase"/>: one camera node and one client node
/// for every camera (main1's shape); N grows geometrically from a start until a step is not clean,
/// then bisects between the largest clean and the smallest unclean N. A step is clean when nothing
/// was lost, dropped, skipped or stale and every client got its rate. The case starts no step after
/// its time cap.
/// </summary>
public static class DecodeSearch
{
    public static DecodeCaseResult Run(DecodeCase c, string clip, int start, int max, DecodeSweepOptions o, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<DecodeStep>();
        int clean = 0, unclean = max + 1;
        var decode = c.ToDecodeOptions(o);
        using var cameras = PeerProcess.Start(DecodeScaling.CamerasRole, ("clip", clip), ("decode", c.Before ? "everything" : "rate"), ("slots", c.RingSlots(o)));
        int port = int.Parse(cameras.WaitFor("READY", TimeSpan.FromSeconds(60)));
        using (var clients = new DecodeClients(decode))
        {
            int n = Math.Clamp(start, 1, max);
            while (true) // at least one step, however long the nodes took to start
            {
                var step = DecodeScaling.Step(cameras, clients, port, n, o.StepSeconds, o.WarmupSeconds, decode.DeliveredFps);
                steps.Add(step);
                log.WriteLine($"  [{c.Name}, {clock.Elapsed.TotalSeconds:0} s] {step.Describe()}");
                if (step.IsOverloaded) clients.Dispose(); // the next step starts a fresh client node
                if (step.Skips == 0) clean = Math.Max(clean, n);
                else unclean = Math.Min(unclean, n);
                if (Settled(clean, unclean, max, o.Precision) || clock.Elapsed.TotalSeconds >= o.CaseSeconds) break;
                n = unclean > max ? Math.Min(max, (int)Math.Ceiling(n * o.Growth))
                    : clean == 0 ? Math.Max(1, n / 2)
                    : (clean + unclean) / 2;
            }
            cameras.Send("quit");
            cameras.WaitForExitOrThrow(TimeSpan.FromSeconds(60)); // cameras stop, rings unlinked
        }
        return new DecodeCaseResult(c, steps, clean, unclean <= max ? unclean : null, clock.Elapsed.TotalSeconds,
            !Settled(clean, unclean, max, o.Precision));
    }

    /// <summary>Nothing left to search: clean at the cap, unclean at one camera, or the bracket within the precision.</summary>
    public static bool Settled(int clean, int unclean, int max, double precision) =>
        clean >= max || unclean <= 1 || (unclean <= max && unclean - clean <= Math.Max(1, (int)(clean * precision)));
}
