using System.Net.Sockets;
using System.Text;
using Rekindle.Testing.Smtp;

namespace Rekindle.Channels.Tests.Email;

/// <summary>The real-SMTP fixture itself: what it reports, and that it never reports half a message.</summary>
public sealed class SmtpSinkServerTests : IAsyncLifetime
{
    private SmtpSinkServer _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSinkServer.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [Fact]
    public async Task ReadAll_TransactionInProgress_ReportedOnlyOnceFinished()
    {
        using var session = await RawSession.OpenAsync(_sink);
        await session.CommandAsync("EHLO tester.example", "250 ");
        await session.CommandAsync("MAIL FROM:<a@x.example> SIZE=100", "250 ");
        await session.CommandAsync("RCPT TO:<b@y.example>", "250 ");
        await session.CommandAsync("RCPT TO:<c@z.example>", "250 ");
        await session.CommandAsync("DATA", "354 ");
        await session.WriteAsync("Subject: partial\r\n\r\n..dot-stuffed\r\nlast line\r\n");

        Assert.Single(Directory.GetFiles(_sink.DumpDirectory));
        Assert.Empty(_sink.ReadAll());

        await session.CommandAsync(".", "250 ");
        var mail = Assert.Single(await _sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("a@x.example", mail.MailFrom);
        Assert.Equal(["b@y.example", "c@z.example"], mail.RcptTo);
        Assert.Equal("tester.example", mail.Helo);
        Assert.Equal("partial", mail.Message.Subject);
        Assert.Equal(".dot-stuffed\nlast line\n", mail.Message.TextBody);
        Assert.Null(mail.Message.Headers["X-Mail-Args"]);
        Assert.Null(mail.Message.Headers["Received"]);
    }

    [Fact]
    public async Task ReadAll_AbortedTransaction_NotReported()
    {
        using (var session = await RawSession.OpenAsync(_sink))
        {
            await session.CommandAsync("EHLO tester.example", "250 ");
            await session.CommandAsync("MAIL FROM:<a@x.example>", "250 ");
            await session.CommandAsync("RCPT TO:<b@y.example>", "250 ");
            await session.CommandAsync("RSET", "250 ");
            await session.CommandAsync("QUIT", "221 ");
        }

        Assert.Empty(_sink.ReadAll());
        Assert.Empty(Directory.GetFiles(_sink.DumpDirectory));
    }

    [Fact]
    public async Task WaitForMessagesAsync_NothingArrives_ThrowsTimeoutSayingHowMany()
    {
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => _sink.WaitForMessagesAsync(2, TimeSpan.FromMilliseconds(50)));

        Assert.Equal("Expected 2 message(s) within 0.05 s; smtp-sink received 0.", ex.Message);
    }

    [Fact]
    public async Task DisposeAsync_Always_RemovesDumpDirectoryAndStopsListening()
    {
        var sink = await SmtpSinkServer.StartAsync();
        var directory = sink.DumpDirectory;

        await sink.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(sink.Host, sink.Port));
    }

    [Fact]
    public void Parse_DumpWithSinkRecords_SplitsEnvelopeFromMessage()
    {
        var dump = Encoding.UTF8.GetBytes(
            "X-Client-Addr: 127.0.0.1\nX-Client-Proto: ESMTP\nX-Helo-Args: [127.0.0.1]\n"
            + "X-Mail-Args: <>\nX-Rcpt-Args: <r@example.org> NOTIFY=NEVER\n"
            + "Received: from [127.0.0.1] ([127.0.0.1])\n\tby sink (smtp-sink) with ESMTP id 1;\n\tMon, 1 Jan 2024 00:00:00 +0000 (UTC)\n"
            + "Subject: s\nMessage-ID: <m@example.org>\n\nbody\n\n");

        var mail = SinkDump.Parse(dump, DateTimeOffset.UnixEpoch, "mail.1");

        Assert.Equal("", mail.MailFrom);
        Assert.Equal(["r@example.org"], mail.RcptTo);
        Assert.Equal("[127.0.0.1]", mail.Helo);
        Assert.Equal("m@example.org", mail.Message.MessageId);
        Assert.Equal("body\n", mail.Message.TextBody);
        Assert.Equal(["Subject", "Message-ID"], mail.Message.Headers.Select(h => h.Field));
    }

    [Fact]
    public void Parse_TruncatedSinkHeader_ThrowsNamingTheFile()
    {
        var ex = Assert.Throws<FormatException>(
            () => SinkDump.Parse(Encoding.UTF8.GetBytes("X-Client-Addr: 127.0.0.1\nX-Mail-Args: <a@b.c>\n"), DateTimeOffset.UnixEpoch, "mail.2"));

        Assert.Equal("mail.2: not a complete smtp-sink dump.", ex.Message);
    }

    /// <summary>A hand-driven SMTP session, to stop a transaction half-way.</summary>
    private sealed class RawSession : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;

        private RawSession(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
            _reader = new StreamReader(_stream, Encoding.ASCII);
        }

        public static async Task<RawSession> OpenAsync(SmtpSinkServer sink)
        {
            var client = new TcpClient();
            await client.ConnectAsync(sink.Host, sink.Port);
            var session = new RawSession(client);
            await session.ExpectAsync("220 ");
            return session;
        }

        public async Task CommandAsync(string command, string expectedReply)
        {
            await WriteAsync(command + "\r\n");
            await ExpectAsync(expectedReply);
        }

        public Task WriteAsync(string text) => _stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        public void Dispose()
        {
            _reader.Dispose();
            _client.Dispose();
        }

        // Multi-line replies ("250-...") end with the line whose code is followed by a space.
        private async Task ExpectAsync(string expectedReply)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            string? line;
            do
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            while (line is not null && line.Length > 3 && line[3] == '-');

            Assert.NotNull(line);
            Assert.StartsWith(expectedReply, line + " ", StringComparison.Ordinal);
        }
    }
}
