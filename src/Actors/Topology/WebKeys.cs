using Valkka.Actors.Security;

namespace Valkka.Actors.Topology;

/// <summary>The root key web { listen = "127.0.0.1:8080", token-file = "web.token" }: `valkka run` serves the live view and the control API there.</summary>
internal static class WebKeys
{
    public const string TokenFileKey = "token-file";
    private static readonly string[] Keys = ["listen", TokenFileKey];

    public static WebDefinition? Read(HoconSection root, string baseDirectory, TlsDefinition? tls, List<TopologyError> errors)
    {
        var web = root.Object("web", required: false);
        if (web is null) return null;
        web.RejectUnknownKeys(Keys);
        var text = web.Has("listen") ? web.String("listen", required: true) : ListenAddress.DefaultHost + ":8080";
        var tokenFile = web.Has(TokenFileKey) ? web.String(TokenFileKey, required: true) : null;
        if (text is null) return null;
        if (!ListenAddress.TryParse(text, out var address, out var error))
        {
            web.Error("listen", error);
            return null;
        }
        var definition = new WebDefinition(address!, tokenFile is null ? null : Path.GetFullPath(tokenFile, baseDirectory));
        errors.AddRange(WebAccessRules.ExposureProblems(definition, tls, "web.listen"));
        return definition;
    }
}
