using Valkka.Actors.Analysis;
using Valkka.Samples;

namespace Valkka.Chaos;

/// <summary>
/// The master analyzer of a chaos run: the sample heavy analyzer, unless the control file (setting
/// control-file, written by the runner) says "throw" (every batch throws) or "hang" (a batch blocks
/// until the file says otherwise, at most 60 s).
/// </summary>
public sealed class FaultSwitchBatchAnalyzer : IBatchAnalyzer
{
    public const string Ok = "ok";
    public const string Throw = "throw";
    public const string Hang = "hang";
    private static readonly TimeSpan LongestHang = TimeSpan.FromSeconds(60);

    private readonly HeavyBatchAnalyzer _inner;
    private readonly string _controlFile;

    public FaultSwitchBatchAnalyzer(AnalyzerSettings settings)
    {
        _inner = new HeavyBatchAnalyzer(settings);
        _controlFile = settings.GetString("control-file", "");
        if (_controlFile.Length == 0) throw new ArgumentException("setting control-file is required");
    }

    public void AnalyzeBatch(in FrameBatch frames, Span<IAnalysisResult?> results)
    {
        var mode = Mode();
        if (mode == Throw) throw new InvalidOperationException("chaos: the master analyzer throws (fault injected)");
        if (mode == Hang)
        {
            var until = DateTime.UtcNow + LongestHang;
            while (Mode() == Hang && DateTime.UtcNow < until) Thread.Sleep(100);
        }
        _inner.AnalyzeBatch(frames, results);
    }

    private string Mode()
    {
        try { return File.ReadAllText(_controlFile).Trim(); }
        catch (IOException) { return Ok; }
    }
}
