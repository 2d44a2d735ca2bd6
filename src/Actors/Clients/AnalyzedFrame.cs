using Akka.Actor;
using Valkka.Actors.Messages;
using Valkka.Shm;

namespace Valkka.Actors.Clients;

/// <summary>The frame an analyzer is being called for: its reference, the camera actor that owns its ring and its leased pixels.</summary>
internal readonly record struct AnalyzedFrame(FrameRef Frame, IActorRef Camera, FrameInfo Info, nint Pixels);
