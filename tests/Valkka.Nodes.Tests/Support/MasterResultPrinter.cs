using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Nodes.Tests.Support;

/// <summary>Forwards every frame to its master and prints "MASTERRESULT camera sequence ok|failed" for each answer as it comes.</summary>
public sealed class MasterResultPrinter : IFrameAnalyzer
{
    public const string Prefix = "MASTERRESULT ";

    public IAnalysisResult? Analyze(in FrameView frame, IClientContext context)
    {
        context.ForwardToMaster();
        return null;
    }

    public void OnMasterResult(MasterResult result, IClientContext context) =>
        Console.Out.WriteLine($"{Prefix}{result.CameraId} {result.Sequence} {(result.Result is AnalysisFailed ? "failed" : "ok")}");
}
