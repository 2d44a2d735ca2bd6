using Valkka.Actors.Messages;
using Valkka.Actors.Security;
using Valkka.Actors.Tests.Support;

namespace Valkka.Actors.Tests.Security;

public class TypeAllowlistTests
{
    private readonly TypeAllowlist _list = TypeAllowlist.Create([typeof(TestResult).Assembly]);

    [Theory]
    [InlineData("Valkka.Actors.Messages.FrameRef, Valkka.Actors")]
    [InlineData("Valkka.Actors.Tests.Support.TestResult, Valkka.Actors.Tests")]
    [InlineData("System.String,%core%")]
    [InlineData("System.Int64[],%core%")]
    [InlineData("System.Collections.Generic.List`1[[Valkka.Actors.Messages.ReaderCounters, Valkka.Actors]],%core%")]
    [InlineData("System.Collections.Generic.Dictionary`2[[System.String,%core%],[System.Double,%core%]],%core%")]
    [InlineData("Akka.Actor.ActorRefBase+Surrogate, Akka")]
    [InlineData("<>z__ReadOnlyArray`1[[Valkka.Actors.Messages.ReaderCounters, Valkka.Actors]], Valkka.Actors.Tests")]
    public void Accepts_project_messages_results_and_safe_types(string name) => Assert.True(_list.IsAllowed(name), name);

    [Theory]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("System.IO.FileInfo,%core%")]
    [InlineData("Valkka.Actors.Tests.Support.NotAllowlisted, Valkka.Actors.Tests")]
    [InlineData("Valkka.Actors.Messages.FrameRef, Evil.Assembly")]
    [InlineData("System.Collections.Generic.List`1[[System.IO.FileInfo,%core%]],%core%")]
    [InlineData("System.Collections.Generic.List`1[[System.String,%core%]")]
    [InlineData("")]
    [InlineData("<>z__ReadOnlyArray`1[[System.String,%core%]], Some.Other.Assembly")]
    [InlineData("<>z__ReadOnlyArray`1[[System.IO.FileInfo,%core%]], Valkka.Actors.Tests")]
    public void Refuses_everything_else(string name) => Assert.False(_list.IsAllowed(name), name);

    [Fact]
    public void Contains_every_public_message_type()
    {
        foreach (var t in typeof(FrameRef).Assembly.GetTypes().Where(t => t.IsPublic && t.Namespace == "Valkka.Actors.Messages"))
            Assert.True(_list.Contains(t), t.FullName);
    }
}
