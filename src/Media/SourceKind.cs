using System.Globalization;

namespace Valkka.Media;

internal enum SourceKind { LibAv, Synthetic, Pattern }
