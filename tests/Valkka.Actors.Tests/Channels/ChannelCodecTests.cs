using Akka.Event;
using Valkka.Actors.Channels;
using Valkka.Actors.Messages;
using Valkka.Actors.Node;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Channels;

/// <summary>The same-host channel's own encoding: fixed records for requests and results, strings sent once.</summary>
public sealed class ChannelCodecTests() : Akka.TestKit.Xunit2.TestKit(Nodes.Remote())
{
    private const int EntryCapacity = 16 * 1024;

    private readonly byte[] _entry = new byte[EntryCapacity];

    private ChannelEncoder NewEncoder() => new(Sys.Serialization.FindSerializerForType(typeof(object)));

    private ChannelDecoder NewDecoder() => new(Sys, Logging.GetLogger(Sys, this), "codec-test");

    private AnalyzeRequest Request(long sequence, string camera = "a") =>
        new("client-1", new FrameRef(camera, "/dev/shm/valkka.t.cam-" + camera, 3, sequence, 1_700_000_000_000 + sequence, 640, 480, sequence * 3), TestActor, sequence + 1);

    private object? RoundTrip(ChannelEncoder encoder, ChannelDecoder decoder, object message, out int length)
    {
        Assert.True(encoder.TryEncode(message, _entry, out length));
        return decoder.Decode(_entry.AsSpan(0, length));
    }

    private static void AssertSameResult(BinaryTestResult expected, object? decoded)
    {
        var result = Assert.IsType<BinaryTestResult>(decoded);
        Assert.Equal((expected.Label, expected.FrameNumber, expected.Score), (result.Label, result.FrameNumber, result.Score));
        Assert.Equal(expected.Values, result.Values);
    }

    [Fact]
    public void An_analyze_request_round_trips_and_its_ring_owner_resolves_once_to_the_same_actor()
    {
        var (encoder, decoder) = (NewEncoder(), NewDecoder());

        var first = Assert.IsType<AnalyzeRequest>(RoundTrip(encoder, decoder, Request(42), out _));
        var second = Assert.IsType<AnalyzeRequest>(RoundTrip(encoder, decoder, Request(43), out _));

        Assert.Equal(Request(42), first);
        Assert.Equal(Request(43), second);
        Assert.Equal(TestActor, first.RingOwner);
        Assert.Same(first.RingOwner, second.RingOwner);
    }

    [Fact]
    public void A_master_result_round_trips_with_a_binary_result_and_with_a_serialized_one()
    {
        var (encoder, decoder) = (NewEncoder(), NewDecoder());
        var binary = new BinaryTestResult("face", 7, 0.93, [1.5f, -2f, float.MaxValue]);

        var viaBinary = Assert.IsType<MasterResult>(RoundTrip(encoder, decoder, new MasterResult("client-1", "a", 42, binary), out _));
        var viaSerializer = Assert.IsType<MasterResult>(RoundTrip(encoder, decoder, new MasterResult("client-1", "a", 43, new TestResult("face", 7, 0.93)), out _));

        Assert.Equal(("client-1", "a", 42L), (viaBinary.ClientId, viaBinary.CameraId, viaBinary.Sequence));
        AssertSameResult(binary, viaBinary.Result);
        Assert.Equal(new MasterResult("client-1", "a", 43, new TestResult("face", 7, 0.93)), viaSerializer);
    }

    [Fact]
    public void A_string_is_defined_by_the_first_entry_that_uses_it_and_later_ones_carry_only_its_id()
    {
        var (encoder, decoder) = (NewEncoder(), NewDecoder());

        var first = Assert.IsType<AnalyzeRequest>(RoundTrip(encoder, decoder, Request(1), out int firstLength));
        Assert.Equal((byte)ChannelRecord.DefineString, _entry[0]);
        var second = Assert.IsType<AnalyzeRequest>(RoundTrip(encoder, decoder, Request(2), out int secondLength));

        Assert.Equal((byte)ChannelRecord.AnalyzeRequest, _entry[0]);
        Assert.True(secondLength < firstLength / 2, $"second entry {secondLength} bytes, first {firstLength}");
        Assert.Equal(4, decoder.Strings.Count); // client, camera, ring, ring owner
        Assert.Same(first.ClientId, second.ClientId);
        Assert.Same(first.Frame.CameraId, second.Frame.CameraId);
        Assert.Same(first.Frame.Ring, second.Frame.Ring);
    }

    [Fact]
    public void An_entry_that_does_not_fit_leaves_no_definition_behind_and_the_next_entry_carries_it()
    {
        var (encoder, decoder) = (NewEncoder(), NewDecoder());
        RoundTrip(encoder, decoder, Request(1), out _);

        Assert.False(encoder.TryEncode(Request(2, camera: "b"), new byte[40], out _)); // defines camera b and its ring, then runs out
        Assert.Equal(4, encoder.DefinedStrings);

        var decoded = RoundTrip(encoder, decoder, Request(3, camera: "b"), out _);
        Assert.Equal((byte)ChannelRecord.DefineString, _entry[0]);
        Assert.Equal(Request(3, camera: "b"), decoded);
    }

    [Fact]
    public void A_result_too_big_for_the_queue_is_refused_and_the_strings_it_would_have_defined_are_sent_with_the_next()
    {
        using var topology = new TestTopology();
        using var writer = MessageChannelWriter.Create(Sys, topology.Name, "mq-test", HostIdentity.Current);
        using var reader = MessageChannelReader.Start(Sys, writer.Descriptor.Path, writer.ReaderIndex, TestActor, TestActor, Logging.GetLogger(Sys, this),
            ActorHosting.OwnThreads);
        var small = new BinaryTestResult("face", 2, 0.5, [1f, 2f]);

        Assert.False(writer.TrySend(new MasterResult("client-1", "new-camera", 1, new BinaryTestResult("face", 1, 0.5, new float[EntryCapacity / 4]))));
        Assert.True(writer.TrySend(new MasterResult("client-1", "new-camera", 2, small)));

        var delivered = ExpectMsg<MasterResult>(TimeSpan.FromSeconds(10));
        Assert.Equal(("client-1", "new-camera", 2L), (delivered.ClientId, delivered.CameraId, delivered.Sequence));
        AssertSameResult(small, delivered.Result);
        Assert.Equal(1, writer.Refused);
    }

    [Fact]
    public void A_result_type_off_the_allowlist_is_refused_with_an_error_naming_it_and_nothing_is_delivered()
    {
        using var topology = new TestTopology();
        using var writer = MessageChannelWriter.Create(Sys, topology.Name, "mq-test", HostIdentity.Current);
        using var reader = MessageChannelReader.Start(Sys, writer.Descriptor.Path, writer.ReaderIndex, TestActor, TestActor, Logging.GetLogger(Sys, this),
            ActorHosting.OwnThreads);

        EventFilter.Error(contains: typeof(UnlistedBinaryResult).FullName).ExpectOne(TimeSpan.FromSeconds(10), () =>
            Assert.True(writer.TrySend(new MasterResult("client-1", "a", 1, new UnlistedBinaryResult(5)))));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // The refused entry's definitions still count: the next entry uses them and arrives.
        Assert.True(writer.TrySend(new MasterResult("client-1", "a", 2, new TestResult("face", 2, 0.5))));
        Assert.Equal("a", ExpectMsg<MasterResult>(TimeSpan.FromSeconds(10)).CameraId);
    }

    [Fact]
    public void Other_messages_round_trip_through_the_node_serializer()
    {
        var (encoder, decoder) = (NewEncoder(), NewDecoder());

        var decoded = RoundTrip(encoder, decoder, new ReturnCredit("a", 3), out _);

        Assert.Equal((byte)ChannelRecord.Other, _entry[0]);
        Assert.Equal(new ReturnCredit("a", 3), decoded);
    }

    [Fact]
    public void Encoding_a_request_or_a_result_with_known_strings_allocates_nothing_and_decoding_only_the_messages()
    {
        const int Rounds = 10_000;
        var (encoder, decoder) = (NewEncoder(), NewDecoder());
        var request = Request(1);
        var result = new MasterResult("client-1", "a", 1, new BinaryTestResult("face", 1, 0.5, [1f, 2f, 3f, 4f, 5f]));
        RoundTrip(encoder, decoder, request, out _);
        RoundTrip(encoder, decoder, result, out _);
        // Entries that name their strings by id only, as every entry after the first does.
        RoundTrip(encoder, decoder, request, out int requestLength);
        var requestEntry = _entry[..requestLength];
        RoundTrip(encoder, decoder, result, out int resultLength);
        var resultEntry = _entry[..resultLength];
        for (int i = 0; i < 1000; i++) // past the JIT's tiers
        {
            encoder.TryEncode(request, _entry, out _);
            encoder.TryEncode(result, _entry, out _);
            Assert.NotNull(decoder.Decode(requestEntry));
            Assert.NotNull(decoder.Decode(resultEntry));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            encoder.TryEncode(request, _entry, out _);
            encoder.TryEncode(result, _entry, out _);
        }
        long encoding = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            decoder.Decode(requestEntry);
            decoder.Decode(resultEntry);
        }
        long decoding = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, encoding);
        // AnalyzeRequest + FrameRef, MasterResult + BinaryTestResult + its string and array: about 330 bytes.
        Assert.True(decoding <= Rounds * 400L, $"decoding allocated {decoding / Rounds} bytes a round");
    }
}
