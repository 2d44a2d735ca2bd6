using System.Text;

namespace Valkka.Chaos.Soak;

/// <summary>
/// A browser of the live view: opens a camera's picture stream (multipart JPEG, GET /stream/CAMERA),
/// reads until it has the pictures it wants, and closes it. While the stream is open the live view
/// reads the camera as a client does; closing it stops that reader.
/// </summary>
public sealed class LiveViewer(HttpClient http) : IDisposable
{
    private static readonly byte[] PartHeader = Encoding.ASCII.GetBytes("Content-Type: image/jpeg");

    /// <summary>The parts received (pictures, or the placeholder before the first), at most wanted; fewer when the deadline came first.</summary>
    public async Task<int> WatchAsync(string camera, int wanted, TimeSpan deadline, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(deadline);
        var parts = 0;
        try
        {
            using var response = await http.GetAsync($"/stream/{Uri.EscapeDataString(camera)}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[64 * 1024];
            var matched = 0;
            while (parts < wanted)
            {
                var read = await body.ReadAsync(buffer, timeout.Token);
                if (read == 0) break;
                for (var i = 0; i < read && parts < wanted; i++)
                {
                    matched = buffer[i] == PartHeader[matched] ? matched + 1 : buffer[i] == PartHeader[0] ? 1 : 0;
                    if (matched < PartHeader.Length) continue;
                    parts++;
                    matched = 0;
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested) { }
        return parts;
    }

    public void Dispose() => http.Dispose();
}
