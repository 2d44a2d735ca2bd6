namespace Valkka.Shm;

/// <summary>What a <see cref="RingWaiter"/> waits for on one ring: a frame with a sequence above AfterSequence.</summary>
public readonly record struct RingWait(FrameRingReader Ring, long AfterSequence);
