using Valkka.Actors.Topology;

namespace Valkka.Nodes.Tests.Support;

/// <summary>Small topology texts for parser and validator tests.</summary>
public static class Topologies
{
    public const string FrameAnalyzer = "Valkka.Nodes.Tests.Support.NullFrameAnalyzer, Valkka.Nodes.Tests";
    public const string BatchAnalyzer = "Valkka.Nodes.Tests.Support.NullBatchAnalyzer, Valkka.Nodes.Tests";

    /// <summary>A valid main3-like topology on the given ports (camera node, client node, master node).</summary>
    public static string Valid(int cameraPort = 40001, int clientPort = 40002, int masterPort = 40003) => $$"""
        valkka {
          name = unit
          nodes {
            cams { port = {{cameraPort}} }
            work { host = 127.0.0.1, port = {{clientPort}} }
            boss { port = {{masterPort}} }
          }
          cameras {
            cam1 {
              url = "synthetic://testsrc2?size=640x360&fps=25"
              node = cams
            }
            cam2 {
              url = "rtsp://127.0.0.1:8554/test"
              node = cams
              size = 320x240
              ring-slots = 4
              decoder {
                threads = 2
                stall-timeout = 3s
                max-reconnect-attempts = 5
              }
            }
          }
          clients {
            c1 {
              node = work
              cameras = [cam1, cam2]
              master = m1
              analyzer {
                type = "{{FrameAnalyzer}}"
                settings { forward-every = 3 }
              }
            }
          }
          masters {
            m1 {
              node = boss
              analyzer { type = "{{BatchAnalyzer}}" }
              batch {
                max-size = 6
                max-wait = 15ms
              }
            }
          }
        }
        """;

    /// <summary>Parses and validates without touching ports or /dev/shm unless asked.</summary>
    public static TopologyParseResult Load(string hocon, ValidationScope? scope = null) =>
        TopologyLoader.LoadText(hocon, "unit", null,
            scope ?? new ValidationScope { CheckPorts = false, CheckShmSpace = false });

    public static IReadOnlyList<string> Errors(string hocon, ValidationScope? scope = null) =>
        Load(hocon, scope).Errors.Select(e => e.ToString()).ToList();
}
