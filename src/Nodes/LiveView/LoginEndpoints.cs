using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// GET /login (a form asking for the token), POST /login (the token: a session cookie, HttpOnly, Secure,
/// SameSite=Strict, and back to the page) and POST /logout. Without a token file there is nothing to log in to.
/// </summary>
internal sealed class LoginEndpoints(WebAccess access)
{
    public void Map(WebApplication app)
    {
        app.MapGet(WebAccess.LoginPath, () => access.Token is null ? NoToken() : Form(null, StatusCodes.Status200OK));
        app.MapPost(WebAccess.LoginPath, (Func<HttpContext, Task<IResult>>)LogInAsync);
        app.MapPost(WebAccess.LogoutPath, (HttpContext http) =>
        {
            if (http.Request.Cookies[WebAccess.CookieName] is { } id) access.Sessions.End(id);
            http.Response.Cookies.Delete(WebAccess.CookieName);
            return Results.Redirect(WebAccess.LoginPath, permanent: false, preserveMethod: false);
        });
    }

    private async Task<IResult> LogInAsync(HttpContext http)
    {
        if (access.Token is null) return NoToken();
        if (!http.Request.HasFormContentType) return Form("send the token as a form field named token", StatusCodes.Status400BadRequest);
        if (access.Guesses.WaitFor(http.Connection.RemoteIpAddress) is { } wait)
        {
            WebAccess.SetRetryAfter(http.Response, wait);
            return Form(WebAccess.TooManyGuesses(wait), StatusCodes.Status429TooManyRequests);
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!access.Token.Matches(form["token"].ToString().Trim()))
        {
            access.Guesses.Wrong(http.Connection.RemoteIpAddress);
            return Form("wrong token", StatusCodes.Status401Unauthorized);
        }
        http.Response.Cookies.Append(WebAccess.CookieName, access.Sessions.Start(), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = WebSessions.Lifetime,
        });
        return Results.Redirect("/", permanent: false, preserveMethod: false);
    }

    private static IResult NoToken() =>
        Results.Content("this server has no token (web.token-file), so there is nothing to log in to", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Form(string? problem, int status) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>valkka: log in</title>
        <style>body{font:15px system-ui,sans-serif;background:#111;color:#ddd;display:grid;place-items:center;height:90vh}
        input{font:inherit;padding:.4em;margin:.3em 0;width:22em}p.problem{color:#f77}</style></head>
        <body><form method="post" action="{{WebAccess.LoginPath}}">
        <p>The token of this deployment (the file web.token-file of its topology):</p>
        {{(problem is null ? "" : $"<p class=\"problem\">{WebUtility.HtmlEncode(problem)}</p>")}}
        <input type="password" name="token" autocomplete="current-password" autofocus required>
        <br><input type="submit" value="Log in">
        </form></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
