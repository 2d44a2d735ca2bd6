using Valkka.Media.Native;

namespace Valkka.Media;

internal enum SessionEnd { Stopped, EndOfStream }
