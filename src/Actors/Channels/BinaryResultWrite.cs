using Valkka.Actors.Analysis;

namespace Valkka.Actors.Channels;

/// <summary>Calls IBinaryResult&lt;T&gt;.Write of a result whose T the delegate was made for.</summary>
internal delegate void BinaryResultWrite(IAnalysisResult result, ref ResultWriter writer);
