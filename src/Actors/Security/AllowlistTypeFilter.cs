using Hyperion;

namespace Valkka.Actors.Security;

/// <summary>Hyperion's hook: every type name read from a payload goes through the allowlist.</summary>
internal sealed class AllowlistTypeFilter(TypeAllowlist allowlist) : ITypeFilter
{
    public bool IsAllowed(string typeName) => allowlist.IsAllowed(typeName);
}
