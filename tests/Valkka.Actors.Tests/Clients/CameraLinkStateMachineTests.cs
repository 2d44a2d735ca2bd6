namespace Valkka.Actors.Tests.Clients;

/// <summary>The moves of a client's link to one camera, without actors.</summary>
public class CameraLinkStateMachineTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    private static CameraLinkStateMachine NewLink() => new(First, Longest);

    private static CameraLinkStateMachine Attached()
    {
        var link = NewLink();
        link.Search();
        Assert.True(link.Found());
        link.Attached();
        return link;
    }

    [Fact]
    public void A_new_link_searches_and_waits_longer_each_time_up_to_the_longest_delay()
    {
        var link = NewLink();

        var waits = Enumerable.Range(0, 6).Select(_ => link.Search()).ToList();

        Assert.Equal(CameraLinkState.Searching, link.State);
        Assert.Equal([First, First * 2, First * 4, First * 8, Longest, Longest], waits);
    }

    [Fact]
    public void A_found_camera_is_subscribed_to_once_and_not_searched_for_meanwhile()
    {
        var link = NewLink();
        link.Search();

        Assert.True(link.Found());
        Assert.False(link.Found()); // a second answer to the same search
        Assert.Equal(CameraLinkState.Subscribing, link.State);
        Assert.Null(link.Search());
    }

    [Fact]
    public void An_answer_that_comes_when_not_searching_is_ignored()
    {
        var link = Attached();

        Assert.False(link.Found());
        Assert.Equal(CameraLinkState.Attached, link.State);
    }

    [Fact]
    public void Attaching_counts_the_attachment_clears_the_error_and_starts_the_delay_over()
    {
        var link = NewLink();
        link.Search();
        link.Search();
        link.Search();
        link.Found();
        link.AttachFailed("ring gone");
        link.Search();
        link.Found();

        link.Attached();

        Assert.Equal(CameraLinkState.Attached, link.State);
        Assert.Equal(1, link.Attachments);
        Assert.Null(link.LastError);
        Assert.Equal(First, link.RetryDelay);
        Assert.Null(link.Search());
    }

    [Fact]
    public void A_subscription_without_an_answer_goes_back_to_searching_with_the_delay_still_growing()
    {
        var link = NewLink();
        link.Search();
        link.Found();

        Assert.True(link.SubscribeTimedOut());

        Assert.Equal(CameraLinkState.Searching, link.State);
        Assert.Equal(First * 2, link.Search());
    }

    [Fact]
    public void A_late_subscribe_timeout_changes_nothing()
    {
        var link = Attached();

        Assert.False(link.SubscribeTimedOut());
        Assert.Equal(CameraLinkState.Attached, link.State);
    }

    [Fact]
    public void A_ring_that_cannot_be_mapped_goes_back_to_searching_and_says_why()
    {
        var link = NewLink();
        link.Search();
        link.Found();

        link.AttachFailed("no such ring");

        Assert.Equal(CameraLinkState.Searching, link.State);
        Assert.Equal("no such ring", link.LastError);
        Assert.Equal(First * 2, link.Search());
    }

    [Fact]
    public void A_rejection_searches_again_only_after_the_longest_delay()
    {
        var link = Attached();

        link.Rejected("64 readers already");

        Assert.Equal(CameraLinkState.Searching, link.State);
        Assert.Equal("64 readers already", link.LastError);
        Assert.Equal(Longest, link.Search());
    }

    [Fact]
    public void A_ring_on_another_host_is_refused_until_the_camera_goes_away()
    {
        var link = NewLink();
        link.Search();
        link.Found();

        link.RefusedOtherHost("ring on another host");

        Assert.Equal(CameraLinkState.Refused, link.State);
        Assert.Equal("ring on another host", link.LastError);
        link.CameraGone();
        Assert.Equal(CameraLinkState.Searching, link.State);
        Assert.Equal(First, link.Search());
    }

    [Fact]
    public void A_camera_that_went_away_is_searched_for_from_the_first_delay_and_attached_again()
    {
        var link = NewLink();
        for (int i = 0; i < 5; i++) link.Search();
        link.Found();
        link.Attached();
        link.Rejected("gone for a moment");
        link.Search();

        link.CameraGone();

        Assert.Equal(First, link.Search());
        Assert.True(link.Found());
        link.Attached();
        Assert.Equal(2, link.Attachments);
    }
}
