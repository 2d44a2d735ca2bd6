namespace Valkka.Chaos.Soak;

/// <summary>What one step of the churn soak does (<see cref="SoakChurn"/>).</summary>
public enum ChurnKind
{
    /// <summary>A browser opens a camera's live-view stream, takes a few pictures and closes it.</summary>
    Viewer,
    /// <summary>Every client restarts (a live change of its credit).</summary>
    Clients,
    /// <summary>Every master restarts (a live change of its batch wait).</summary>
    Masters,
    /// <summary>Every camera restarts and its readers find it again (a live change of its read timeout).</summary>
    Cameras,
}
