using Valkka.Actors.Analysis;

namespace Valkka.Actors.Channels;

/// <summary>Calls the static IBinaryResult&lt;T&gt;.Read of the T the delegate was made for.</summary>
internal delegate IAnalysisResult BinaryResultRead(ref ResultReader reader);
