namespace Valkka.Actors.Topology;

/// <summary>
/// Key web { listen, token-file }: where `valkka run` serves the live view and the control API, and the
/// file holding the bearer token that changes (and, off loopback, every request) need. TokenFile is
/// absolute (resolved against the topology file's folder); null: no token, so nothing can be changed
/// over HTTP and the server may listen only on loopback.
/// </summary>
public sealed record WebDefinition(ListenAddress Listen, string? TokenFile = null);
