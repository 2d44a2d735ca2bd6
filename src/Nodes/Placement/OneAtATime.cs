namespace Valkka.Nodes.Placement;

/// <summary>
/// One reconciliation at a time in an actor: asked for while one runs, it runs once more after that one, however many
/// times it was asked for meanwhile. Used from the actor's own thread only.
/// </summary>
internal sealed class OneAtATime
{
    private bool _busy, _again;

    /// <summary>True: none runs, start one now (and call <see cref="Done"/> when it ends). False: one runs; another follows it.</summary>
    public bool TryStart()
    {
        if (_busy)
        {
            _again = true;
            return false;
        }
        (_busy, _again) = (true, false);
        return true;
    }

    /// <summary>The one that ran is done. True: it was asked for meanwhile, start another.</summary>
    public bool Done()
    {
        _busy = false;
        return _again;
    }
}
