using System.Collections.Concurrent;
using Valkka.Nodes.Node;

namespace Valkka.Nodes.Control;

/// <summary>The answers node processes give to change requests, awaited by (node, version, phase).</summary>
internal sealed class ApplyReplies
{
    private readonly ConcurrentDictionary<(string Node, int Version, ApplyPhase Phase), TaskCompletionSource<ApplyReply>> _waiting = new();

    public void Received(ApplyReply reply) => Slot(reply.Node, reply.Version, reply.Phase).TrySetResult(reply);

    /// <summary>The node's answer, or null when none came within timeout (the node died or hangs).</summary>
    public async Task<ApplyReply?> WaitAsync(string node, int version, ApplyPhase phase, TimeSpan timeout, CancellationToken cancel)
    {
        var slot = Slot(node, version, phase);
        try
        {
            return await slot.Task.WaitAsync(timeout, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove((node, version, phase), out _);
        }
    }

    private TaskCompletionSource<ApplyReply> Slot(string node, int version, ApplyPhase phase) =>
        _waiting.GetOrAdd((node, version, phase), _ => new TaskCompletionSource<ApplyReply>(TaskCreationOptions.RunContinuationsAsynchronously));
}
