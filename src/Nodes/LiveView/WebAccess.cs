using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Valkka.Actors.Security;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Who may do what on the web server. A request that changes something (any method but GET and HEAD)
/// and GET /api/topology (it holds camera credentials) need the bearer token, on every address; without
/// a token file they are refused (403). On an exposed address (not loopback) every other request needs
/// the token or a session cookie from /login too; on loopback the page, its streams and /api/status are open.
/// </summary>
internal sealed class WebAccess(AccessToken? token, bool exposed, WebSessions sessions, TokenGuessLimit guesses)
{
    public const string CookieName = "valkka_session";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public AccessToken? Token => token;
    public WebSessions Sessions => sessions;
    public bool Exposed => exposed;
    public TokenGuessLimit Guesses => guesses;

    public async Task GateAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments(LoginPath) || request.Path.StartsWithSegments(LogoutPath))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        var presented = BearerOf(request);
        if (presented is not null && token is not null && guesses.WaitFor(http.Connection.RemoteIpAddress) is { } wait)
        {
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, TooManyGuesses(wait), wait).ConfigureAwait(false);
            return;
        }
        var bearer = token is not null && token.Matches(presented);
        if (presented is not null && token is not null && !bearer) guesses.Wrong(http.Connection.RemoteIpAddress);
        if (NeedsToken(request))
        {
            if (token is null)
                await RefuseAsync(http, StatusCodes.Status403Forbidden,
                    "this server has no token, so nothing can be changed over HTTP: set web.token-file = FILE in the topology (a file of mode 0600 holding the token)")
                    .ConfigureAwait(false);
            else if (!bearer)
                await RefuseAsync(http, StatusCodes.Status401Unauthorized,
                    "missing or wrong bearer token: send Authorization: Bearer TOKEN with the token of web.token-file").ConfigureAwait(false);
            else
                await next(http).ConfigureAwait(false);
            return;
        }
        if (!exposed || bearer || sessions.IsValid(request.Cookies[CookieName]))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        if (request.Path == "/" && HttpMethods.IsGet(request.Method))
            http.Response.Redirect(LoginPath);
        else
            await RefuseAsync(http, StatusCodes.Status401Unauthorized,
                "this server needs authentication: Authorization: Bearer TOKEN (the token of web.token-file), or log in at /login").ConfigureAwait(false);
    }

    /// <summary>The answer to an address that presented too many wrong tokens; Retry-After says when it may try again.</summary>
    public static string TooManyGuesses(TimeSpan wait) =>
        $"too many wrong tokens from this address: try again in {Math.Ceiling(wait.TotalSeconds):0} s";

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers[HeaderNames.RetryAfter] = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool NeedsToken(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.StartsWithSegments("/api/topology");

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static Task RefuseAsync(HttpContext http, int status, string message, TimeSpan? retryAfter = null)
    {
        http.Response.StatusCode = status;
        if (retryAfter is { } wait) SetRetryAfter(http.Response, wait);
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        var error = new JsonObject { ["path"] = WebAccessRules.TokenFilePath, ["message"] = message };
        return http.Response.WriteAsJsonAsync(new JsonObject { ["errors"] = new JsonArray(error) });
    }
}
