using Valkka.Media.Native;

namespace Valkka.Media.Sessions;

internal enum SessionEnd { Stopped, EndOfStream }
