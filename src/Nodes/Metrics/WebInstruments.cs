using System.Diagnostics.Metrics;

namespace Valkka.Nodes.Metrics;

/// <summary>
/// The web server of `valkka run --web` (the live view and the control API), in the launcher's process: requests
/// refused because their address presented too many wrong tokens, read from the server's own count as the node
/// counters are read from the node reports.
/// </summary>
internal sealed class WebInstruments
{
    public WebInstruments(Meter meter, Func<long> tokenRequestsRefused) =>
        meter.CreateObservableCounter("valkka.web.token.requests.refused", tokenRequestsRefused, "{request}",
            "Requests that presented a token and were refused (429) because their address had presented too many wrong tokens");
}
