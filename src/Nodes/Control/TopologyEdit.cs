namespace Valkka.Nodes.Control;

/// <summary>
/// Edits of a desired state's HOCON text that replace or remove one part, by appending assignments:
/// a later <c>valkka.cameras."cam3" = null</c> discards every earlier definition of cam3 (the parser
/// then treats cam3 as absent), and an object assigned after the null starts afresh instead of merging
/// with the old one. The part's own block keeps the duplicate-id check from mistaking a replacement for
/// a copy-paste mistake. JSON is HOCON, so the body goes in as it came (re-serialized, never pasted).
/// </summary>
internal static class TopologyEdit
{
    public static string Replace(string text, TopologyPart part, string id, string jsonObject) =>
        Remove(text, part, id) + $"valkka.{part.Section} {{ \"{id}\" = {jsonObject} }}\n";

    public static string Remove(string text, TopologyPart part, string id) =>
        text + (text.EndsWith('\n') ? "" : "\n") + $"valkka.{part.Section}.\"{id}\" = null\n";
}
