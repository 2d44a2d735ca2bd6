using Valkka.Actors.Flow;

namespace Valkka.Actors.Tests.Flow;

/// <summary>The rate a camera serves: the highest its current readers want, 0 with none.</summary>
public sealed class WantedRatesTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Serves_the_highest_rate_of_the_current_readers_and_nothing_when_none_is_left()
    {
        var served = new List<double>();
        var rates = new WantedRates(served.Add);
        var five = CreateTestProbe().Ref;
        var every = CreateTestProbe().Ref;

        rates.Serve();
        rates.Set(five, 5);
        rates.Set(every, double.PositiveInfinity);
        rates.Set(five, 2);         // a lower rate under the highest: nothing to tell
        rates.Remove(every);
        rates.Remove(every);        // twice: nothing to tell
        rates.Set(five, double.NaN); // no number: no frames
        rates.Remove(five);

        Assert.Equal([0, 5, double.PositiveInfinity, 2, 0], served);
        Assert.Equal(0, rates.Max);
    }
}
