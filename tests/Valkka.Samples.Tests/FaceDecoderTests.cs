using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

public class FaceDecoderTests
{
    private const int S = 128;
    private readonly float[] _scoresFine = new float[512], _scoresCoarse = new float[384];
    private readonly float[] _regFine = new float[512 * 16], _regCoarse = new float[384 * 16];

    public FaceDecoderTests()
    {
        Array.Fill(_scoresFine, -10f);
        Array.Fill(_scoresCoarse, -10f);
    }

    private void Anchor(int index, float logit, float dx, float dy, float w, float h)
    {
        var (scores, reg, i) = index < 512 ? (_scoresFine, _regFine, index) : (_scoresCoarse, _regCoarse, index - 512);
        scores[i] = logit;
        reg[i * 16] = dx; reg[i * 16 + 1] = dy; reg[i * 16 + 2] = w; reg[i * 16 + 3] = h;
        for (var k = 0; k < 6; k++) { reg[i * 16 + 4 + 2 * k] = dx; reg[i * 16 + 5 + 2 * k] = dy; }
    }

    private List<FaceDetection> Decode(Letterbox box)
    {
        var faces = new List<FaceDetection>();
        new FaceDecoder(BlazeFaceAnchors.Front128, S).Decode(_scoresFine, _scoresCoarse, _regFine, _regCoarse, box, faces);
        return faces;
    }

    [Fact]
    public void Anchors_follow_the_output_order()
    {
        var a = BlazeFaceAnchors.Front128;
        Assert.Equal(896, a.Count);
        Assert.Equal(512, a.FirstOutputCount);
        Assert.Equal((0.5f / 16, 0.5f / 16), (a.CentreX[1], a.CentreY[1]));     // cell (0,0), second anchor
        Assert.Equal((1.5f / 16, 0.5f / 16), (a.CentreX[2], a.CentreY[2]));     // cell (1,0)
        Assert.Equal((0.5f / 16, 1.5f / 16), (a.CentreX[32], a.CentreY[32]));   // cell (0,1)
        Assert.Equal((0.5f / 8, 0.5f / 8), (a.CentreX[512], a.CentreY[517]));   // coarse grid, 6 per cell
        Assert.Equal(1.5f / 8, a.CentreX[518]);
    }

    [Fact]
    public void One_confident_anchor_gives_one_box_in_frame_pixels()
    {
        // Anchor 2*(16*8+8) sits at cell (8,8): centre (8.5/16, 8.5/16) of the tensor = (68, 68) tensor px.
        Anchor(2 * (16 * 8 + 8), 3f, dx: 4, dy: -2, w: 32, h: 40);
        var face = Assert.Single(Decode(Letterbox.For(256, 256, S)));
        // tensor box centre (72, 66), size 32x40, scale 0.5 -> frame centre (144, 132), size 64x80
        Assert.Equal(112, face.Box.X, 3);
        Assert.Equal(92, face.Box.Y, 3);
        Assert.Equal(64, face.Box.Width, 3);
        Assert.Equal(80, face.Box.Height, 3);
        Assert.Equal(1 / (1 + MathF.Exp(-3f)), face.Box.Score, 5);
        Assert.Equal(144, face.Keypoints[0], 3);
    }

    [Fact]
    public void Scores_under_the_threshold_give_no_face()
    {
        Anchor(100, 1.0f, 0, 0, 20, 20);  // sigmoid(1) = 0.73 < 0.75
        Assert.Empty(Decode(Letterbox.For(128, 128, S)));
    }

    [Fact]
    public void Overlapping_boxes_are_blended_by_score_and_separate_ones_kept()
    {
        var cell = 2 * (16 * 8 + 8);
        Anchor(cell, 4f, 0, 0, 30, 30);          // score 0.982
        Anchor(cell + 1, 2f, 4, 0, 30, 30);      // score 0.881, IoU 0.76 with the first
        Anchor(512 + 6 * (8 * 1 + 1), 2.5f, 0, 0, 10, 10); // far away: cell (1,1) of the coarse grid
        var faces = Decode(Letterbox.For(128, 128, S));

        Assert.Equal(2, faces.Count);
        var blended = faces[0];
        var s1 = 1 / (1 + MathF.Exp(-4f));
        var s2 = 1 / (1 + MathF.Exp(-2f));
        var expectedX = 68 - 15 + 4 * s2 / (s1 + s2);
        Assert.Equal(expectedX, blended.Box.X, 3);
        Assert.Equal(30, blended.Box.Width, 3);
        Assert.Equal(s1, blended.Box.Score, 5);
        Assert.Equal(24 - 5, faces[1].Box.X, 3);
    }

    [Fact]
    public void Boxes_are_clipped_to_the_frame_under_the_padding()
    {
        // A 256x128 frame sits in tensor rows 32..95; a box reaching into the padding is clipped.
        Anchor(2 * (16 * 2 + 8), 3f, 0, 0, 20, 40); // centre (68, 20) tensor px, y from 0 to 40
        var face = Assert.Single(Decode(Letterbox.For(256, 128, S)));
        Assert.Equal(0, face.Box.Y, 3);
        Assert.Equal((40 - 32) * 2, face.Box.Height, 3);
    }
}
