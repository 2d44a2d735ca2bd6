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
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");

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
    public void A_guess_comes_back_per_refill_interval_and_the_warning_is_said_once_per_burst_with_its_counts_when_it_ends()
    {
        var (clock, said, limit) = NewLimit();
        var other = IPAddress.Parse("10.0.0.8");

        for (var i = 0; i < TokenGuessLimit.Burst; i++)
        {
            Assert.Null(limit.WaitFor(Guesser));
            limit.Wrong(Guesser);
        }
        Assert.Equal(TokenGuessLimit.RefillEvery, limit.WaitFor(Guesser));
        Assert.Null(limit.WaitFor(other));
        Assert.Contains("10.0.0.7", Assert.Single(said));

        clock.Advance(TokenGuessLimit.RefillEvery / 2);
        Assert.Equal(TokenGuessLimit.RefillEvery / 2, limit.WaitFor(Guesser));
        clock.Advance(TokenGuessLimit.RefillEvery / 2);
        Assert.Null(limit.WaitFor(Guesser));
        limit.Wrong(Guesser);
        Assert.NotNull(limit.WaitFor(Guesser));
        Assert.Single(said);   // locked out again within the same burst
        Assert.Equal(3, limit.Refused);

        // It stops; once it has all its guesses back the burst ends, said with its counts (at its next request).
        clock.Advance(TokenGuessLimit.RefillEvery * TokenGuessLimit.Burst);
        for (var i = 0; i < TokenGuessLimit.Burst; i++) limit.Wrong(Guesser);
        Assert.NotNull(limit.WaitFor(Guesser));
        Assert.Equal(3, said.Count);
        Assert.Contains("after 11 wrong tokens and 3 refused token requests", said[1]);
        Assert.Contains("10.0.0.7 presented 10 wrong tokens", said[2]);
    }

    [Fact]
    public void An_address_that_goes_on_guessing_is_reminded_of_at_most_once_a_minute_with_its_counts()
    {
        var (clock, said, limit) = NewLimit();
        for (var i = 0; i < TokenGuessLimit.Burst; i++) limit.Wrong(Guesser);

        // A guess each time one comes back: one line when the minute is up, none before or after within it.
        for (var step = 1; step <= 11; step++)
        {
            clock.Advance(TokenGuessLimit.RefillEvery);
            limit.Wrong(Guesser);
            Assert.NotNull(limit.WaitFor(Guesser));
            Assert.Equal(step * TokenGuessLimit.RefillEvery >= TokenGuessLimit.Reminder ? 2 : 1, said.Count);
        }
        Assert.Contains("goes on guessing: 20 wrong tokens and 9 refused token requests (429) so far", said[1]);
    }

    [Fact]
    public void Guesses_from_ever_new_addresses_keep_at_most_the_bound()
    {
        var (clock, _, limit) = NewLimit();
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

    // A limit on a clock the test moves, and what it says.
    private static (ManualClock Clock, List<string> Said, TokenGuessLimit Limit) NewLimit()
    {
        var (clock, said) = (new ManualClock(), new List<string>());
        return (clock, said, new TokenGuessLimit(clock, said.Add));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
