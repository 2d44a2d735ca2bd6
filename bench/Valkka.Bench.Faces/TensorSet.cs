using System.Diagnostics;
using System.Runtime.InteropServices;
using Valkka.Actors.Analysis;
using Valkka.Samples.Faces;
using Valkka.Shm;

namespace Valkka.Bench.Faces;

/// <summary>
/// The tensor frames both sides of the benchmark use: photos decoded by the ffmpeg CLI, letterboxed
/// and normalised by the same FaceTensorWriter the clients use (tensor + trailer), kept in one
/// contiguous pinned block so ONNX Runtime can also read several of them as one batch.
/// </summary>
public sealed unsafe class TensorSet : IDisposable
{
    private readonly byte* _block;

    public TensorSet(IReadOnlyList<string> images, int size, int count)
    {
        Size = size;
        Count = count;
        FrameLength = FaceTensorFrame.FrameLength(size);
        Stride = (FrameLength + 63) / 64 * 64;
        _block = (byte*)NativeMemory.AlignedAlloc((nuint)(Stride * count), 64);
        Tensors = GC.AllocateArray<float>(count * FaceTensorFrame.TensorFloats(size), pinned: true);
        var writer = new FaceTensorWriter(size);
        for (var i = 0; i < count; i++)
        {
            var (rgb, w, h) = Decode(images[i % images.Count]);
            fixed (byte* p = rgb)
            {
                var view = new FrameView("bench", i, new FrameInfo(w, h, w * 3, PixelFormat.Rgb24, 0, rgb.Length), p);
                var frame = new Span<byte>(_block + (long)i * Stride, FrameLength);
                FaceTensorFrame.WriteTrailer(frame, writer.Write(view, FaceTensorFrame.Tensor(frame, size)));
                FaceTensorFrame.Tensor(frame, size).CopyTo(Tensors.AsSpan(i * FaceTensorFrame.TensorFloats(size)));
            }
        }
    }

    public int Size { get; }
    public int Count { get; }
    public int FrameLength { get; }
    public int Stride { get; }
    /// <summary>The same tensors back to back without trailers: what ONNX Runtime alone is given.</summary>
    public float[] Tensors { get; }

    public ReadOnlySpan<byte> Frame(int i) => new(_block + (long)(i % Count) * Stride, FrameLength);
    public byte* FramePointer(int i) => _block + (long)(i % Count) * Stride;

    private static (byte[] Rgb, int W, int H) Decode(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"benchmark image '{path}' not found (run the Valkka.Samples tests once to cache skimage's photos, or pass --images)");
        var probe = RunFfmpeg("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]);
        var parts = System.Text.Encoding.ASCII.GetString(probe).Trim().Split(',');
        var (w, h) = (int.Parse(parts[0]), int.Parse(parts[1]));
        var rgb = RunFfmpeg("ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        if (rgb.Length != w * h * 3) throw new InvalidDataException($"ffmpeg gave {rgb.Length} bytes for {w}x{h} '{path}'");
        return (rgb, w, h);
    }

    private static byte[] RunFfmpeg(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var ms = new MemoryStream();
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed: {err.Result}");
        return ms.ToArray();
    }

    public void Dispose() => NativeMemory.AlignedFree(_block);
}
