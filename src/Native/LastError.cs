using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Valkka.Native;

/// <summary>The text of the calling thread's last error, kept as NUL-terminated UTF-8 for valkka_last_error.</summary>
internal static unsafe class LastError
{
    private const int Capacity = 1024;

    [ThreadStatic] private static byte* _text;

    public static byte* Text => _text != null ? _text : Set("");

    public static byte* Set(string message)
    {
        if (_text == null) _text = (byte*)NativeMemory.AllocZeroed(Capacity);
        var target = new Span<byte>(_text, Capacity - 1);
        Utf8.FromUtf16(message, target, out _, out int written); // as much as fits
        _text[written] = 0;
        return _text;
    }
}
