namespace Valkka.Media;

public enum CameraState { Connecting, Streaming, Reconnecting, Failed, Stopped }
