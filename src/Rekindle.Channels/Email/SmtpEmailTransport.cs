using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Rekindle.Channels.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit. Up to <see cref="SmtpOptions.MaxConnections"/> connections are
/// kept open and reused, because connecting (and TLS, and AUTH) costs far more than one message. A pooled
/// connection that the server has dropped meanwhile is replaced once, transparently.
/// </summary>
public sealed class SmtpEmailTransport : IEmailTransport, IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<SmtpClient> _idle = new();
    private volatile bool _disposed;

    /// <exception cref="ArgumentException">The options do not validate.</exception>
    public SmtpEmailTransport(SmtpOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SMTP options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider;
        _slots = new SemaphoreSlim(options.MaxConnections, options.MaxConnections);
    }

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var mime = MimeBuilder.Build(message, _timeProvider.GetUtcNow());
        var sender = message.From.ToMailbox();
        MailboxAddress[] recipients = [message.To.ToMailbox()];

        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var client = _idle.TryPop(out var pooled) ? pooled : null;
            try
            {
                client = await SendWithReconnectAsync(client, mime, sender, recipients, ct).ConfigureAwait(false);
            }
            catch
            {
                // The connection is in an unknown state (mid-transaction, cancelled, rejected); start afresh.
                Discard(client);
                throw;
            }

            Return(client);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryPop(out var client))
        {
            await QuitAsync(client).ConfigureAwait(false);
        }
    }

    private async Task<SmtpClient> SendWithReconnectAsync(
        SmtpClient? client,
        MimeMessage mime,
        MailboxAddress sender,
        MailboxAddress[] recipients,
        CancellationToken ct)
    {
        if (client is { IsConnected: true })
        {
            try
            {
                await client.SendAsync(mime, sender, recipients, ct).ConfigureAwait(false);
                return client;
            }
            catch (Exception ex) when (IsDroppedConnection(ex))
            {
                // Servers close idle connections; that says nothing about this message, so try once more.
                Discard(client);
            }
        }
        else
        {
            Discard(client);
        }

        client = await ConnectAsync(ct).ConfigureAwait(false);
        try
        {
            await client.SendAsync(mime, sender, recipients, ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            Discard(client);
            throw;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = checked(_options.TimeoutSeconds * 1000) };
        try
        {
            // Validated non-empty in the constructor.
            await client.ConnectAsync(_options.Host!, _options.Port, ToSocketOptions(_options.Security), ct)
                .ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        if (_disposed)
        {
            _ = QuitAsync(client);
            return;
        }

        _idle.Push(client);
    }

    private static void Discard(SmtpClient? client) => client?.Dispose();

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException
            or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
        {
            // Saying goodbye politely is optional; the socket is closed below either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static bool IsDroppedConnection(Exception ex) => ex switch
    {
        IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException => true,
        SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable,
        _ => false,
    };

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
