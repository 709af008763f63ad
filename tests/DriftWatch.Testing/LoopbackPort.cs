using System.Net;
using System.Net.Sockets;

namespace DriftWatch.Testing;

/// <summary>Loopback ports for servers a test starts (and URLs where nothing listens).</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port that was free a moment ago. Nothing listens there once this returns, so a server must bind it soon
    /// (and retry on a clash), and a client connecting to it is refused at once.
    /// </summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A loopback URL nothing listens on: connections to it are refused.</summary>
    public static Uri ClosedEndpoint() => new($"http://127.0.0.1:{Free()}/");
}
