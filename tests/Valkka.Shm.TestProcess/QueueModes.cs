using System.Globalization;

namespace Valkka.Shm.TestProcess;

/// <summary>The two ends of a message queue as processes of their own.</summary>
internal static class QueueModes
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    /// <summary>
    /// queue-writer TOPOLOGY QUEUE CAPACITY COUNT: creates the queue, prints "READY path readerIndex",
    /// waits for "GO", appends COUNT <see cref="QueueMessage"/>s (retrying while the queue is full),
    /// prints "APPENDED appended refused", then owns the queue until "EXIT" or end of input.
    /// </summary>
    public static int Write(string[] args)
    {
        int capacity = Int(args[2]), count = Int(args[3]);
        using var writer = MessageQueueWriter.Create(args[0], args[1], capacity, 64);
        Console.WriteLine($"READY {writer.Path} {writer.ReaderIndex}");
        if (Console.ReadLine() != "GO")
        {
            return 2;
        }
        for (int n = 0; n < count; n++)
        {
            Span<byte> message;
            while (!writer.TryBeginAppend(out message))
            {
                Thread.Yield(); // the reader is behind
            }
            writer.CommitAppend(QueueMessage.Write(n, message));
        }
        Console.WriteLine($"APPENDED {writer.Appended} {writer.Refused}");
        while (Console.ReadLine() is { } line && line != "EXIT")
        {
        }
        return 0;
    }

    /// <summary>
    /// queue-reader PATH INDEX TAKE: takes TAKE messages in order, releases all but the last, prints
    /// "HOLDING n" (the last one's number) and holds it until killed or end of input.
    /// </summary>
    public static int ReadAndHold(string[] args)
    {
        using var reader = MessageQueueReader.Attach(args[0], Int(args[1]));
        int take = Int(args[2]);
        for (int i = 0; i < take; i++)
        {
            ReadOnlySpan<byte> message;
            while (!reader.TryTake(out message))
            {
                reader.WaitForMessage(Long);
            }
            int n = QueueMessage.Read(message);
            if (i + 1 == take)
            {
                Console.WriteLine($"HOLDING {n}");
                break;
            }
            reader.Release();
        }
        Console.In.ReadToEnd();
        return 0;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
