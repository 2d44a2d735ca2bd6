namespace Valkka.Media.Sessions;

public enum CameraState { Connecting, Streaming, Reconnecting, Failed, Stopped }
