using Akka.Actor;
using Valkka.Actors.Analysis;
using Valkka.Actors.Messages;

namespace Valkka.Actors.Clients;

/// <summary>The frame an analyzer is being called for: its view, its reference and the camera actor that owns its ring.</summary>
internal readonly record struct AnalyzedFrame(FrameView View, FrameRef Frame, IActorRef Camera);
