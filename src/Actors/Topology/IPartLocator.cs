namespace Valkka.Actors.Topology;

/// <summary>
/// Where a part that moves is reached now (a camera the cluster places, or the relay of it on this host): asked at each
/// search instead of a fixed actor path. Null: nowhere known now (not placed yet, or being moved); the searcher asks again.
/// </summary>
public interface IPartLocator
{
    string? Locate();
}
