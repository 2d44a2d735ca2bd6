namespace Valkka.Media.Sessions;

/// <summary>A decoder's state, why it is in it (for Reconnecting, Failed, Stopped) and since when.</summary>
public sealed record CameraStatus(CameraState State, string? Reason, DateTimeOffset At);
