using Valkka.Actors.Topology;

namespace Valkka.Actors.Security;

/// <summary>
/// What the web server (live view and control API) needs before it starts: a token file that only its
/// owner can read and that holds a token, and, on an address other than loopback, both the token and
/// HTTPS with the launcher's certificate (camera pictures are private, and the API changes the deployment).
/// </summary>
public static class WebAccessRules
{
    public const string TokenFilePath = "valkka.web.token-file";

    /// <summary>True when the server is reachable from other machines: listen is not a loopback address.</summary>
    public static bool IsExposed(ListenAddress listen) => !SecurityKeys.IsLoopback(listen.Host);

    /// <summary>The keys an exposed listen address lacks. listenKey names where the address came from (web.listen or --web).</summary>
    public static IEnumerable<TopologyError> ExposureProblems(WebDefinition web, TlsDefinition? tls, string listenKey)
    {
        if (!IsExposed(web.Listen)) yield break;
        if (web.TokenFile is null)
            yield return new TopologyError(TokenFilePath,
                $"{listenKey} {web.Listen} is not a loopback address: the web server then lets in only who has its token. " +
                "Set web.token-file = FILE (a file of mode 0600 holding the token, e.g. made with umask 077; openssl rand -hex 32 > FILE)");
        if (tls is null)
            yield return new TopologyError("valkka.tls",
                $"{listenKey} {web.Listen} is not a loopback address: the web server then serves HTTPS with the launcher's certificate. " +
                "Give the topology tls { ca = ..., certificates = ... } (`valkka cert FILE` makes them)");
    }

    /// <summary>The problems of the files the web server reads when it starts: the token file and, off loopback, the launcher's certificate.</summary>
    public static IEnumerable<TopologyError> FileProblems(WebDefinition web, TlsDefinition? tls)
    {
        if (web.TokenFile is { } file && TokenFileProblem(file) is { } problem)
            yield return new TopologyError(TokenFilePath, problem);
        if (IsExposed(web.Listen) && tls is not null
            && TopologyValidator.CertificateProblem(tls, TlsDefinition.Launcher) is { } certificate)
            yield return new TopologyError("valkka.tls", $"the web server on {web.Listen} serves HTTPS with the certificate \"{TlsDefinition.Launcher}\": {certificate}");
    }

    /// <summary>Null when file exists, is readable by its owner only (mode 0600 or stricter) and holds a token; otherwise why not.</summary>
    public static string? TokenFileProblem(string file)
    {
        if (!File.Exists(file)) return $"{file}: no such file (the web server's bearer token; e.g. umask 077; openssl rand -hex 32 > {file})";
        // Modes are Unix's (Windows keeps ACLs; the project runs on Linux).
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(file);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
                return $"{file}: mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')} lets others read the token; it must be 0600 or stricter (chmod 600 {file})";
        }
        try
        {
            return ReadToken(file).Length == 0 ? $"{file}: the file is empty (it must hold the token)" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{file}: cannot read it: {e.Message}";
        }
    }

    /// <summary>The token in file: its text without leading and trailing white space (a newline from echo).</summary>
    public static string ReadToken(string file) => File.ReadAllText(file).Trim();
}
