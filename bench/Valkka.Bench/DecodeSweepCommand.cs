using System.CommandLine;
using System.Globalization;

namespace Valkka.Bench;

/// <summary><c>valkka bench decode-sweep</c>: the options of <see cref="DecodeSweepOptions"/>.</summary>
public static class DecodeSweepCommand
{
    public static Command Create(Option<string?> json, Func<ParseResult, string?, Func<BenchReport>, int> report)
    {
        var d = new DecodeSweepOptions();
        var shapes = new Option<string>("--shapes") { Description = "Clip shapes, comma-separated.", DefaultValueFactory = _ => "gop25,gop50,gop50-bframes" };
        var rates = new Option<string>("--rates") { Description = "Rates the clients ask for with the rate decoder, comma-separated (the decoder before rates runs at 25).", DefaultValueFactory = _ => "1,5,25" };
        var stepSeconds = Int("--step-seconds", d.StepSeconds, "Seconds measured at each step.");
        var warmup = Int("--warmup-seconds", d.WarmupSeconds, "Seconds after every camera streams and every client got a frame, before a step measures.");
        var caseSeconds = Int("--case-seconds", d.CaseSeconds, "A case starts no new step after this many seconds.");
        var max = Int("--max", d.Max, "Most cameras a case tries (fewer when /dev/shm has no room for their rings).");
        var start = Int("--start", d.Start, "First N of each case; 0: half of what ffmpeg's CPU per frame allows on all cores.");
        var ffmpegRuns = Int("--ffmpeg-runs", d.FfmpegRuns, "Runs of the ffmpeg CLI per shape and rate.");
        var clipSeconds = Int("--clip-seconds", d.ClipSeconds, "Length of the generated clips.");
        var slots = Int("--ring-slots", d.RingSlots, "Ring slots of a camera whose clients ask for every frame.");
        var slowSlots = Int("--slow-ring-slots", d.SlowRingSlots, "Ring slots of a camera whose clients ask for 5 fps or less.");
        var cmd = new Command("decode-sweep",
            "Every case of issue 16 in one run: largest clean N per clip shape x rate (rate decoder) and at 25 fps (decoder before rates), next to the ffmpeg CLI, with the goals.")
        {
            json, shapes, rates, stepSeconds, warmup, caseSeconds, max, start, ffmpegRuns, clipSeconds, slots, slowSlots,
        };
        cmd.SetAction(p => report(p, p.GetValue(json), () => DecodeSweep.Run(new DecodeSweepOptions
        {
            Shapes = p.GetValue(shapes)!.Split(',').Select(ClipShapes.Parse).ToList(),
            Rates = p.GetValue(rates)!.Split(',').Select(Rate).ToList(),
            StepSeconds = p.GetValue(stepSeconds), WarmupSeconds = p.GetValue(warmup), CaseSeconds = p.GetValue(caseSeconds),
            Max = p.GetValue(max), Start = p.GetValue(start), FfmpegRuns = p.GetValue(ffmpegRuns), ClipSeconds = p.GetValue(clipSeconds),
            RingSlots = p.GetValue(slots), SlowRingSlots = p.GetValue(slowSlots),
        }, Console.Out)));
        return cmd;
    }

    private static Option<int> Int(string name, int fallback, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };

    private static int Rate(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fps) && fps is >= 1 and <= 25
            ? fps : throw new ArgumentException($"--rates takes whole frames a second from 1 to 25, got \"{text}\"");
}
