namespace Valkka.Actors.Clients;

/// <summary>
/// The states of a client's link to one camera and the moves between them; the client's handlers
/// drive it and do the messaging. Searching, then Subscribing once the camera answers, then Attached
/// once its ring is mapped, or Refused when the ring is on another host. A subscription without an
/// answer, a rejection, a ring that cannot be mapped and a camera that went away all go back to
/// Searching. While searching, the delay between two searches doubles up to the longest one; it starts
/// over at the first delay once attached or when the camera went away, and a rejection waits the longest.
/// </summary>
internal sealed class CameraLinkStateMachine
{
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _longestDelay;

    public CameraLinkStateMachine(TimeSpan firstDelay, TimeSpan longestDelay)
    {
        _firstDelay = firstDelay;
        _longestDelay = longestDelay;
        RetryDelay = firstDelay;
    }

    public CameraLinkState State { get; private set; } = CameraLinkState.Searching;

    /// <summary>How long the next search waits for an answer before searching again.</summary>
    public TimeSpan RetryDelay { get; private set; }

    /// <summary>How often the link got attached (more than once after a camera came back).</summary>
    public int Attachments { get; private set; }

    /// <summary>Why the link is not attached, when something said so.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Searches (again), unless the camera was found already (subscribing or attached): returns how long
    /// to wait for an answer before searching again, or null for no search.
    /// </summary>
    public TimeSpan? Search()
    {
        if (State is CameraLinkState.Attached or CameraLinkState.Subscribing) return null;
        State = CameraLinkState.Searching;
        var wait = RetryDelay;
        RetryDelay = TimeSpan.FromTicks(Math.Min(RetryDelay.Ticks * 2, _longestDelay.Ticks));
        return wait;
    }

    /// <summary>The camera answered a search: subscribe. False for an answer that comes when not searching.</summary>
    public bool Found()
    {
        if (State != CameraLinkState.Searching) return false;
        State = CameraLinkState.Subscribing;
        return true;
    }

    /// <summary>The subscription got no answer in time: back to searching. False when not subscribing any more.</summary>
    public bool SubscribeTimedOut()
    {
        if (State != CameraLinkState.Subscribing) return false;
        State = CameraLinkState.Searching;
        return true;
    }

    /// <summary>Subscribed and the ring mapped.</summary>
    public void Attached()
    {
        State = CameraLinkState.Attached;
        Attachments++;
        RetryDelay = _firstDelay;
        LastError = null;
    }

    /// <summary>The camera's ring is on another host (why says how).</summary>
    public void RefusedOtherHost(string why)
    {
        State = CameraLinkState.Refused;
        LastError = why;
    }

    /// <summary>The ring could not be mapped: back to searching.</summary>
    public void AttachFailed(string why)
    {
        State = CameraLinkState.Searching;
        LastError = why;
    }

    /// <summary>The camera refused the subscription: back to searching, after the longest delay.</summary>
    public void Rejected(string why)
    {
        State = CameraLinkState.Searching;
        LastError = why;
        RetryDelay = _longestDelay;
    }

    /// <summary>The camera actor went away (stopped, or its node died): back to searching from the first delay.</summary>
    public void CameraGone()
    {
        State = CameraLinkState.Searching;
        RetryDelay = _firstDelay;
    }
}
