namespace Valkka.Chaos.Faults;

/// <summary>One fault: injects it (and, for a timed one, takes it away again) and says what it did.</summary>
public interface IFault
{
    string Name { get; }
    Task<Injection> InjectAsync(ChaosContext context);
}
