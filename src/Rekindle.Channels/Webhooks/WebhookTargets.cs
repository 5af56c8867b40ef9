using System.Net;
using System.Net.Sockets;

namespace Rekindle.Channels.Webhooks;

/// <summary>A webhook target the rules refuse: never retried, the message fails with <see cref="Exception.Message"/>.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// Which targets a webhook may reach. A flow's author must not be able to make the server call into its own network
/// (the cloud metadata service, a database's HTTP port), so loopback, private, link-local, shared (CGNAT) and
/// unspecified addresses are refused unless configured otherwise. The check runs on the addresses the name resolves
/// to, at connect time, and the connection goes to exactly those addresses: a name that resolves to a public address
/// when the flow is saved and to 127.0.0.1 when it is sent (DNS rebinding) is still refused.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> cannot be a webhook target (not absolute, not http or https), or null.</summary>
    public static string? CheckUrl(string url, out Uri? parsed)
    {
        // On Unix "/hooks" parses as an absolute file URI: an absolute URL must name its scheme itself.
        if (!Uri.TryCreate(url, UriKind.Absolute, out parsed) || !url.StartsWith(parsed.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            parsed = null;
            return $"webhook url '{url}' is not an absolute URL";
        }

        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            return $"webhook url '{url}' must use http or https (was {parsed.Scheme})";
        }

        return null;
    }

    /// <summary>True for an address a webhook may only reach with Webhooks:AllowPrivateTargets.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivate(address.MapToIPv4());
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] is 0 or 10 or 127                 // "this network", RFC 1918, loopback
                || (b[0] == 169 && b[1] == 254)           // link-local, the cloud metadata service (169.254.169.254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)   // RFC 1918
                || (b[0] == 192 && b[1] == 168)           // RFC 1918
                || (b[0] == 100 && (b[1] & 0xC0) == 64)   // shared address space (CGNAT), 100.64.0.0/10
                || b[0] >= 224;                           // multicast, reserved, broadcast
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
            || (b[0] & 0xFE) == 0xFC                      // unique local, fc00::/7
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)    // link-local, fe80::/10
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)    // site-local (deprecated), fec0::/10
            || b[0] == 0xFF)                              // multicast
        {
            return true;
        }

        // NAT64 (64:ff9b::/96) carries an IPv4 address in its last four bytes: judge that one.
        return b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0
            && IsPrivate(new IPAddress(b.AsSpan(12, 4)));
    }

    /// <summary>
    /// Resolves the host, refuses it if any of its addresses is private (unless <paramref name="allowPrivate"/>), and
    /// connects to the addresses it checked: the <see cref="SocketsHttpHandler.ConnectCallback"/> of webhook requests.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!allowPrivate && addresses.FirstOrDefault(IsPrivate) is { } refused)
        {
            var name = IPAddress.TryParse(endpoint.Host, out _) ? endpoint.Host : $"{endpoint.Host} ({refused})";
            throw new WebhookTargetRefusedException(
                $"webhook target {name} is a loopback, private or link-local address; refused (set Webhooks:AllowPrivateTargets=true to allow it)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
