using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Valkka.Actors.LiveView;
using Valkka.Media.Frames;
using Valkka.Nodes.Control;

namespace Valkka.Nodes.LiveView;

/// <summary>
/// Kestrel serving the live view: GET / (the page), GET /stream/CAMERA (MJPEG,
/// multipart/x-mixed-replace, one JPEG per picture while the request lasts), GET /events
/// (server-sent events: the state JSON every half second) and GET /state (the same, once); the control
/// API (/api/...) when given; GET /metrics (Prometheus) when given a meter provider; /login; every request through <see cref="WebAccess"/>; HTTPS when given a certificate.
/// </summary>
internal sealed class LiveViewServer(Func<string> page, PictureFeeds feeds, Func<string> state, WebAccess access, ControlApi? api,
    MeterProvider? metrics = null) : IAsyncDisposable
{
    private static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(500);
    private static readonly byte[] Boundary = "\r\n--frame\r\n"u8.ToArray();
    private static readonly TimeSpan PlaceholderAfter = TimeSpan.FromSeconds(3);

    // A dark picture, sent every 3 s while a camera has none yet (connecting, failed): a browser
    // finishes loading the page only once a stream's second part came.
    private static readonly Lazy<byte[]> Placeholder = new(() =>
    {
        const int w = 320, h = 180;
        var rgb = new byte[w * h * 3];
        Array.Fill(rgb, (byte)0x20);
        using var encoder = new JpegEncoder(w);
        return encoder.Encode(rgb, w, h, w * 3).ToArray();
    });
    private readonly CancellationTokenSource _closing = new();
    private WebApplication? _app;
    private int _eventClients;

    /// <summary>Browsers listening to /events.</summary>
    public int EventClients => Volatile.Read(ref _eventClients);

    public Uri? Address { get; private set; }

    /// <param name="certificate">Serve HTTPS with it (with its private key); null: plain HTTP.</param>
    public async Task StartAsync(IPEndPoint endpoint, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = ControlApi.MaxBodyBytes;
            k.Listen(endpoint, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Use(access.GateAsync);
        new LoginEndpoints(access).Map(app);
        api?.Map(app);
        app.MapGet("/", () => Results.Content(page(), "text/html; charset=utf-8"));
        app.MapGet("/state", () => Results.Content(state(), "application/json"));
        app.MapGet("/events", Events);
        app.MapGet("/stream/{camera}", Stream);
        if (metrics is not null) app.MapPrometheusScrapingEndpoint("/metrics", metrics, null, null);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    private async Task Events(HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _closing.Token);
        var cancel = linked.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        Interlocked.Increment(ref _eventClients);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                await http.Response.WriteAsync("data: " + state() + "\n\n", cancel).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
                await Task.Delay(EventInterval, cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            Interlocked.Decrement(ref _eventClients);
        }
    }

    private async Task Stream(HttpContext http, string camera)
    {
        if (feeds.Get(camera) is not { } feed)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync($"no camera \"{camera}\"").ConfigureAwait(false);
            return;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _closing.Token);
        var cancel = linked.Token;
        http.Response.ContentType = "multipart/x-mixed-replace; boundary=frame";
        http.Response.Headers.CacheControl = "no-store";
        using var watching = feed.Watch();
        var body = http.Response.Body;
        try
        {
            await body.WriteAsync(Boundary.AsMemory(2), cancel).ConfigureAwait(false);
            LivePicture? picture = null;
            while (!cancel.IsCancellationRequested)
            {
                var next = feed.NextAsync(picture?.Sequence ?? -1, cancel);
                if (picture is null && await Task.WhenAny(next, Task.Delay(PlaceholderAfter, cancel)).ConfigureAwait(false) != next)
                {
                    await WritePartAsync(body, Placeholder.Value, cancel).ConfigureAwait(false);
                    continue;
                }
                picture = await next.ConfigureAwait(false);
                await WritePartAsync(body, picture.Jpeg, cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task WritePartAsync(Stream body, byte[] jpeg, CancellationToken cancel)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n");
        await body.WriteAsync(header, cancel).ConfigureAwait(false);
        await body.WriteAsync(jpeg, cancel).ConfigureAwait(false);
        // The boundary right after the picture: a browser shows a part once the next boundary came.
        await body.WriteAsync(Boundary, cancel).ConfigureAwait(false);
        await body.FlushAsync(cancel).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_app is null) return;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
