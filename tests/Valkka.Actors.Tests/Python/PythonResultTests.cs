using Valkka.Actors.Analysis;
using Valkka.Actors.Python;

namespace Valkka.Actors.Tests.Python;

/// <summary>A Python analyzer's result: its "boxes" key read as the boxes the live view draws.</summary>
public class PythonResultTests
{
    [Fact]
    public void Boxes_are_read_from_lists_and_from_dicts_with_a_score_of_1_when_none_is_given()
    {
        var result = new PythonResult("cam1", 42, """{"faces":3,"boxes":[[177,66,95,95],[1,2,3,4,0.5],{"x":10,"y":20,"w":30,"h":40,"score":0.9}]}""");
        Assert.Equal([new DetectionBox(177, 66, 95, 95, 1), new DetectionBox(1, 2, 3, 4, 0.5f), new DetectionBox(10, 20, 30, 40, 0.9f)], result.Boxes);
    }

    [Theory]
    [InlineData("""{"motion":0.1}""")]
    [InlineData("""{"boxes":"none"}""")]
    [InlineData("""{"boxes":[[1,2,3]]}""")]
    [InlineData("""{"boxes":[{"x":1,"y":2}]}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    public void A_result_without_usable_boxes_has_none(string json)
    {
        Assert.Empty(new PythonResult("cam1", 2, json).Boxes);
    }
}
