namespace Valkka.Bench;

/// <summary>Dispatches <c>valkka-bench _peer ROLE</c> to the code of that role.</summary>
public static class BenchPeers
{
    public static int Run(string role, PeerArgs args) => role switch
    {
        WakeupLimit.PeerRole => WakeupLimit.RunWaiter(args),
        AkkaBytesTransport.ReceiverRole => AkkaBytesTransport.RunReceiver(args),
        AkkaBytesTransport.SenderRole => AkkaBytesTransport.RunSender(args),
        FrameworkTransport.CameraRole => FrameworkTransport.RunCamera(args),
        FrameworkTransport.ClientRole => FrameworkTransport.RunClient(args),
        TouchClientPeer.Role => TouchClientPeer.Run(args),
        FrameworkLatency.ClientsRole => FrameworkLatency.RunClients(args),
        FrameworkLatency.CamerasRole => FrameworkLatency.RunCameras(args),
        DecodeScaling.CamerasRole => DecodeScaling.RunCameras(args),
        DecodeClients.Role => DecodeClients.RunClient(args),
        BatchingBenchmark.MasterRole => BatchingBenchmark.RunMaster(args),
        BatchingBenchmark.FrontRole => BatchingBenchmark.RunFront(args),
        FrameReceiver.Role => FrameReceiver.Run(args),
        RingWriterPeer.Role => RingWriterPeer.Run(args),
        RingReaderPeer.Role => RingReaderPeer.Run(args),
        _ => throw new ArgumentException($"unknown bench peer role '{role}'"),
    };
}
