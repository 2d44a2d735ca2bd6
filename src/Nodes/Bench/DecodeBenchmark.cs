namespace Valkka.Nodes.Bench;

public static class DecodeBenchmark
{
    public static BenchReport Run(DecodeOptions o, TextWriter log) =>
        throw new NotSupportedException("decode: waiting for the media decoder and the node host (not merged yet)");
}
