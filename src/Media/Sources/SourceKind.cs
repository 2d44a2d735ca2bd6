using System.Globalization;

namespace Valkka.Media.Sources;

internal enum SourceKind { LibAv, Synthetic, Pattern }
