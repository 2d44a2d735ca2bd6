using System.Globalization;
using Valkka.Shm;
using Valkka.Shm.TestProcess;

// Processes for the multi-process ring tests. Each mode talks to the test over stdin/stdout lines.
try
{
    return args[0] switch
    {
        "writer" => WriterMode.Run(args[1..]),
        "owner" => OwnerMode.Run(args[1..]),
        "reader" => ReaderMode.Run(args[1..]),
        "hold-lease" => HoldLease(args[1], Int(args[2]), Int(args[3]), long.Parse(args[4], CultureInfo.InvariantCulture)),
        "standalone-hold" => StandaloneHold(args[1]),
        "own" => Own(args[1], args[2]),
        "queue-writer" => QueueModes.Write(args[1..]),
        "queue-reader" => QueueModes.ReadAndHold(args[1..]),
        _ => throw new ArgumentException($"unknown mode {args[0]}"),
    };
}
catch (Exception e)
{
    Console.Error.WriteLine($"ERROR {e}");
    return 1;
}

// Leases one slot, says so, then holds the lease until killed (or stdin closes).
static int HoldLease(string path, int readerIndex, int slot, long sequence)
{
    using var reader = FrameRingReader.Attach(path, readerIndex);
    var result = reader.TryLease(slot, sequence, out _);
    Console.WriteLine(result == LeaseResult.Leased ? "LEASED" : "STALE");
    Console.In.ReadToEnd();
    return 0;
}

// Claims a reader index itself, leases the newest frame, says which, then holds it until killed (or stdin closes).
static int StandaloneHold(string path)
{
    using var reader = FrameRingReader.AttachStandalone(path);
    bool leased = reader.TryLeaseNewest(0, TimeSpan.FromSeconds(10), out var lease);
    Console.WriteLine(leased ? $"LEASED {reader.ReaderIndex} {lease.Slot} {lease.Sequence}" : "NONE");
    Console.In.ReadToEnd();
    return 0;
}

// Creates a ring, writes one frame, says where, then owns it until killed (or stdin closes).
static int Own(string topology, string ring)
{
    using var writer = FrameRingWriter.Create(topology, ring, 2, 4096);
    writer.TryBeginWrite(out var slot);
    slot.Span.Fill(7);
    long sequence = writer.Commit(slot, new FrameInfo(64, 64, 64, PixelFormat.Gray8, 0, 4096));
    Console.WriteLine($"READY {writer.Path} {slot.Slot} {sequence}");
    Console.In.ReadToEnd();
    return 0;
}

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
