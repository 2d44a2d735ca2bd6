namespace Valkka.Actors.Topology;

/// <summary>The root key web { listen = "127.0.0.1:8080" }: `valkka run` serves the live view there.</summary>
internal static class WebKeys
{
    private static readonly string[] Keys = ["listen"];

    public static ListenAddress? Read(HoconSection root)
    {
        var web = root.Object("web", required: false);
        if (web is null) return null;
        web.RejectUnknownKeys(Keys);
        var text = web.Has("listen") ? web.String("listen", required: true) : ListenAddress.DefaultHost + ":8080";
        if (text is null) return null;
        if (ListenAddress.TryParse(text, out var address, out var error)) return address;
        web.Error("listen", error);
        return null;
    }
}
