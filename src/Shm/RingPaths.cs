namespace Valkka.Shm;

/// <summary>Names of ring files: <c>/dev/shm/valkka.&lt;topology&gt;.&lt;ring&gt;</c>.</summary>
public static class RingPaths
{
    public const string ShmDirectory = "/dev/shm";
    public const string FilePrefix = "valkka.";
    public const int MaxNameLength = 100;

    /// <summary>The ring file for a ring of a topology.</summary>
    /// <exception cref="RingException">A name is empty, too long, or holds characters other than
    /// letters, digits, '_' and '-'.</exception>
    public static string For(string topology, string ring)
    {
        ValidateName(topology, "topology");
        ValidateName(ring, "ring");
        return $"{ShmDirectory}/{FilePrefix}{topology}.{ring}";
    }

    /// <summary>The file name (no directory) of a ring path, for messages.</summary>
    internal static string Describe(string path) => System.IO.Path.GetFileName(path);

    internal static void ValidateName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new RingException(RingErrorKind.InvalidArgument,
                $"The {what} name '{name}' must have 1 to {MaxNameLength} characters.");
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                throw new RingException(RingErrorKind.InvalidArgument,
                    $"The {what} name '{name}' may hold only letters, digits, '_' and '-' (found '{c}').");
            }
        }
    }
}
