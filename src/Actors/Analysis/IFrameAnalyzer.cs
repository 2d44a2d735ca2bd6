using Valkka.Actors.Messages;

namespace Valkka.Actors.Analysis;

/// <summary>A cheap per-camera analyzer, called on the client actor's thread for every frame.</summary>
public interface IFrameAnalyzer
{
    /// <summary>Returns null when there is nothing to report for this frame.</summary>
    IAnalysisResult? Analyze(in FrameView frame, IClientContext context);

    /// <summary>A result the master sent back for a frame this client forwarded.</summary>
    void OnMasterResult(MasterResult result, IClientContext context) { }
}
