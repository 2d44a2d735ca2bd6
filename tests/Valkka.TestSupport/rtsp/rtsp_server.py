#!/usr/bin/python3
"""A camera on loopback for tests: GStreamer's RTSP server (Debian: python3-gi,
gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad,ugly}).

  /usr/bin/python3 rtsp_server.py --port P --path /cam1 [--source testsrc|FILE] [--size WxH --fps N]

Prints "READY rtsp://HOST:PORT/PATH" on stdout once it serves (with --port 0 the OS picks the
port and the line says which). The stream is shared by all clients, over TCP or UDP.
--source testsrc encodes a live test pattern with x264 (or x265 with --codec h265); a FILE
(an MP4/MKV holding H.264 or H.265 video, see --codec) is relayed without re-encoding, paced by
its timestamps, and ends at its end; with --no-seek the file is sent over loopback UDP into a
live media, so a client's PLAY (FFmpeg asks for npt=0-) cannot seek the shared file back to its
start: a late client joins where the stream is, between keyframes. Stops on SIGTERM/SIGINT, and by itself when --parent-pid
exits, so a crashed test leaves nothing running.
"""
import argparse
import os
import signal
import socket
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True, help="TCP port, 0 = any free port")
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--path", default="/cam1")
    p.add_argument("--source", default="testsrc", help="testsrc or a video file")
    p.add_argument("--size", default="640x480", help="WxH (testsrc only)")
    p.add_argument("--fps", type=int, default=25, help="frames per second (testsrc only)")
    p.add_argument("--codec", choices=["h264", "h265"], default="h264")
    p.add_argument("--pattern", default="smpte", help="videotestsrc pattern (testsrc only)")
    p.add_argument("--no-seek", action="store_true", help="a FILE plays on like a live camera when clients join")
    p.add_argument("--parent-pid", type=int, default=0, help="exit when this process is gone")
    a = p.parse_args()
    try:
        a.width, a.height = (int(v) for v in a.size.lower().split("x"))
    except ValueError:
        p.error(f"--size {a.size!r} is not WxH")
    if not a.path.startswith("/"):
        a.path = "/" + a.path
    if a.source != "testsrc" and not os.path.isfile(a.source):
        p.error(f"--source {a.source!r}: no such file")
    return a


def launch_line(a):
    pay = "rtph264pay" if a.codec == "h264" else "rtph265pay"
    if a.source == "testsrc":
        enc = (f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={a.fps} bframes=0"
               if a.codec == "h264" else
               f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={a.fps}")
        return (f"( videotestsrc is-live=true pattern={a.pattern} "
                f"! video/x-raw,width={a.width},height={a.height},framerate={a.fps}/1 "
                f"! videoconvert ! video/x-raw,format=I420 ! {enc} ! {pay} name=pay0 pt=96 config-interval=1 )")
    parse = "h264parse" if a.codec == "h264" else "h265parse"
    location = a.source.replace("\\", "\\\\").replace('"', '\\"')
    return (f'( filesrc location="{location}" ! parsebin ! {parse} '
            f"! {pay} name=pay0 pt=96 config-interval=1 )")


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def live_file(a, factory):
    """The media reads RTP from a UDP port (a live source, not seekable); a second pipeline sends
    the file there, paced by its timestamps, from the moment the media is first configured."""
    codec = "264" if a.codec == "h264" else "265"
    port = free_udp_port()
    location = a.source.replace("\\", "\\\\").replace('"', '\\"')
    sender = Gst.parse_launch(
        f'filesrc location="{location}" ! parsebin ! h{codec}parse ! rtph{codec}pay config-interval=1 pt=96 '
        f"! udpsink host=127.0.0.1 port={port} sync=true")
    caps = f"application/x-rtp,media=video,clock-rate=90000,encoding-name=H{codec},payload=96"
    factory.set_launch(f'( udpsrc address=127.0.0.1 port={port} caps="{caps}" ! rtph{codec}depay ! h{codec}parse '
                       f"! rtph{codec}pay name=pay0 pt=96 config-interval=1 )")
    factory.connect("media-configure", lambda _factory, _media: sender.set_state(Gst.State.PLAYING))
    return sender


def main():
    a = parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(a.bind)
    server.set_service(str(a.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(a))
    factory.set_shared(True)
    sender = live_file(a, factory) if a.no_seek and a.source != "testsrc" else None
    server.get_mount_points().add_factory(a.path, factory)
    if server.attach(None) == 0:
        print(f"ERROR cannot listen on {a.bind}:{a.port}", file=sys.stderr, flush=True)
        return 2
    port = server.get_bound_port()
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    if a.parent_pid > 0:
        def parent_alive():
            try:
                os.kill(a.parent_pid, 0)
                return True
            except ProcessLookupError:
                loop.quit()
                return False
            except PermissionError:
                return True
        GLib.timeout_add(500, parent_alive)
    print(f"READY rtsp://{a.bind}:{port}{a.path}", flush=True)
    loop.run()
    if sender is not None:
        sender.set_state(Gst.State.NULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
