using System.Net;
using System.Text;
using Valkka.Nodes.LiveView;
using Valkka.Nodes.Tests.Control;

namespace Valkka.Nodes.Tests.LiveView;

/// <summary>
/// The web server's token cannot be found by trying: after <see cref="TokenGuessLimit.Burst"/> wrong tokens an
/// address is refused (429, Retry-After) even with the right one, over real HTTP; it gets a guess back per
/// <see cref="TokenGuessLimit.RefillEvery"/> (on a clock the test moves), and guesses cannot grow the server's memory.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TokenGuessingTests
{
    [Fact]
    public async Task After_ten_wrong_tokens_an_address_is_refused_even_with_the_right_one_and_the_page_says_when_to_retry()
    {
        await using var server = await ControlServer.StartAsync(ControlServer.MakeFolder());
        using var guesser = server.Client("wrong-token");
        for (var i = 0; i < TokenGuessLimit.Burst; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("api/topology")).StatusCode);

        using var right = server.Client(ControlServer.Token);
        using var refused = await right.GetAsync("api/topology");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TokenGuessLimit.RefillEvery);
        Assert.Contains("too many wrong tokens", await refused.Content.ReadAsStringAsync());
        using (var change = await right.PutAsync("api/cameras/cam9", new StringContent("{}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.TooManyRequests, change.StatusCode);
        using (var login = await server.Client().PostAsync("login", new FormUrlEncodedContent([new("token", ControlServer.Token)])))
            Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.Equal(0, server.Control.Applies);

        // What needs no token is not refused: on loopback the page stays open.
        Assert.Contains("<html", await server.Client().GetStringAsync(""));
    }

    [Fact]
    public void A_guess_comes_back_per_refill_interval_and_the_warning_is_said_once_per_lockout()
    {
        var clock = new ManualClock();
        var said = new List<string>();
        var limit = new TokenGuessLimit(clock, said.Add);
        var guesser = IPAddress.Parse("10.0.0.7");
        var other = IPAddress.Parse("10.0.0.8");

        for (var i = 0; i < TokenGuessLimit.Burst; i++)
        {
            Assert.Null(limit.WaitFor(guesser));
            limit.Wrong(guesser);
        }
        Assert.Equal(TokenGuessLimit.RefillEvery, limit.WaitFor(guesser));
        Assert.Null(limit.WaitFor(other));
        Assert.Contains("10.0.0.7", Assert.Single(said));

        clock.Advance(TokenGuessLimit.RefillEvery / 2);
        Assert.Equal(TokenGuessLimit.RefillEvery / 2, limit.WaitFor(guesser));
        clock.Advance(TokenGuessLimit.RefillEvery / 2);
        Assert.Null(limit.WaitFor(guesser));
        limit.Wrong(guesser);
        Assert.NotNull(limit.WaitFor(guesser));
        Assert.Equal(2, said.Count);
        Assert.Equal(3, limit.Refused);

        clock.Advance(TokenGuessLimit.RefillEvery * TokenGuessLimit.Burst);
        for (var i = 0; i < TokenGuessLimit.Burst; i++) limit.Wrong(guesser);
        Assert.NotNull(limit.WaitFor(guesser));
    }

    [Fact]
    public void Guesses_from_ever_new_addresses_keep_at_most_the_bound()
    {
        var clock = new ManualClock();
        var limit = new TokenGuessLimit(clock, _ => { });
        var first = new IPAddress(0x01000000);
        limit.Wrong(first);
        for (var i = 1; i <= TokenGuessLimit.MaxAddresses; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            limit.Wrong(new IPAddress(0x01000000 + i));
        }
        Assert.Equal(TokenGuessLimit.MaxAddresses, limit.Addresses);
        Assert.Null(limit.WaitFor(first));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
