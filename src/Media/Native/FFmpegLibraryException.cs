using System.Reflection;
using System.Runtime.InteropServices;

namespace Valkka.Media.Native;

/// <summary>The FFmpeg libraries are missing or of a version the bindings do not support.</summary>
public sealed class FFmpegLibraryException(string message) : Exception(message);
