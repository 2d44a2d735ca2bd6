namespace Valkka.Actors.Topology.Changes;

/// <summary>
/// Which keys of two definitions of one part differ, by their topology key names (an empty list: the
/// same). Definitions hold lists and HOCON sections, which records compare by reference; these compare
/// their contents. The cluster's placement also reads them: a placed part restarts where it runs when a key
/// other than its node or placement differs.
/// </summary>
public static class DefinitionDifferences
{
    public static IReadOnlyList<string> Of(NodeDefinition a, NodeDefinition b) => Keys(
        ("host", a.Host != b.Host), ("port", a.Port != b.Port), ("tls", a.Protocol != b.Protocol));

    public static IReadOnlyList<string> Of(CameraDefinition a, CameraDefinition b) => Keys(
        ("node", a.Node != b.Node), ("url", a.Url != b.Url), ("size", a.Size != b.Size), ("ring-slots", a.RingSlots != b.RingSlots),
        ("decoder", a.Decoder != b.Decoder), ("decode", a.Decode != b.Decode), ("placement", a.Placement != b.Placement));

    public static IReadOnlyList<string> Of(ClientDefinition a, ClientDefinition b) => Keys(
        ("node", a.Node != b.Node), ("cameras", !a.Cameras.SequenceEqual(b.Cameras)), ("analyzer", !Same(a.Analyzer, b.Analyzer)),
        ("master", a.Master != b.Master), ("credit", a.Credit != b.Credit), ("notify", a.Notify != b.Notify), ("fps", a.Fps != b.Fps),
        ("camera-fps", !SameRates(a.CameraFps, b.CameraFps)), ("placement", a.WithCamera != b.WithCamera));

    public static IReadOnlyList<string> Of(MasterDefinition a, MasterDefinition b) => Keys(
        ("node", a.Node != b.Node), ("analyzer", !Same(a.Analyzer, b.Analyzer)), ("max-batch-size", a.MaxBatchSize != b.MaxBatchSize),
        ("max-wait", a.MaxWait != b.MaxWait), ("max-in-flight", a.MaxInFlightPerClient != b.MaxInFlightPerClient),
        ("analyze-timeout", a.AnalyzeTimeout != b.AnalyzeTimeout), ("placement", a.Placement != b.Placement));

    private static bool Same(AnalyzerDefinition a, AnalyzerDefinition b) =>
        a.TypeName == b.TypeName && a.AssemblyFolder == b.AssemblyFolder && a.Python == b.Python && Render(a.Settings) == Render(b.Settings);

    private static string Render(Akka.Configuration.Config settings) =>
        settings.IsEmpty ? "" : settings.Root.ToString();

    private static bool SameRates(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static IReadOnlyList<string> Keys(params (string Key, bool Differs)[] keys) => keys.Where(k => k.Differs).Select(k => k.Key).ToList();
}
