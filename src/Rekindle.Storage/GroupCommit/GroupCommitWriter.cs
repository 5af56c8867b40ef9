using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rekindle.Storage.Database;

namespace Rekindle.Storage.GroupCommit;

/// <summary>
/// The single writer of the database (DESIGN principle 5). Callers hand in a unit of statements that
/// must commit together; the writer commits whatever units are waiting in one transaction and answers
/// each caller when its unit is durable. If a shared transaction fails, its units are retried one by
/// one so that a single bad unit fails alone.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly RekindleDatabase _database;
    private readonly GroupCommitOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingUnit> _queue;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private DbConnection? _connection;
    private StatementExecutor? _executor;

    public GroupCommitWriter(RekindleDatabase database, GroupCommitOptions options, ILogger<GroupCommitWriter> logger)
    {
        _database = database;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingUnit>(new BoundedChannelOptions(options.MaxQueuedUnits)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Total transactions committed; with <see cref="UnitsCommitted"/> it shows the batching achieved.</summary>
    public long Commits { get; private set; }

    public long UnitsCommitted { get; private set; }

    /// <summary>Commits <paramref name="statements"/> atomically; completes when they are durable.</summary>
    public async Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken ct = default)
    {
        if (statements.Count == 0)
        {
            return;
        }

        var unit = new PendingUnit(statements);
        await _queue.Writer.WriteAsync(unit, ct);
        await unit.Done.Task.WaitAsync(ct);
    }

    public Task WriteAsync(SqlStatement statement, CancellationToken ct = default) => WriteAsync([statement], ct);

    private async Task RunAsync()
    {
        var batch = new List<PendingUnit>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                batch.Clear();
                var statements = 0;
                while (statements < _options.MaxStatementsPerCommit && _queue.Reader.TryRead(out var unit))
                {
                    batch.Add(unit);
                    statements += unit.Statements.Count;
                }

                await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitWriter)));
        }
    }

    private async Task CommitAsync(List<PendingUnit> batch)
    {
        try
        {
            await ExecuteInTransactionAsync(batch);
            Commits++;
            UnitsCommitted += batch.Count;
            foreach (var unit in batch)
            {
                unit.Done.TrySetResult();
            }

            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "Group commit of {Units} units failed; retrying them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        foreach (var unit in batch)
        {
            try
            {
                await ExecuteInTransactionAsync([unit]);
                Commits++;
                UnitsCommitted++;
                unit.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                unit.Done.TrySetException(ex);
            }
        }
    }

    private async Task ExecuteInTransactionAsync(List<PendingUnit> units)
    {
        var ct = _stop.Token;
        if (_connection is null)
        {
            _connection = await _database.OpenAsync(ct);
            _executor = StatementExecutor.For(_database.Dialect, _connection);
        }

        try
        {
            await using var tx = await _connection.BeginTransactionAsync(ct);
            await _executor!.ExecuteAsync(tx, units.SelectMany(u => u.Statements), ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            // A broken connection is replaced; a constraint violation merely costs a reconnect.
            await ResetConnectionAsync();
            throw;
        }
    }

    private async Task ResetConnectionAsync()
    {
        _executor?.Dispose();
        _executor = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            // Let queued units finish; a stuck database must not hang shutdown forever.
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync();
        }

        await ResetConnectionAsync();
        _stop.Dispose();
    }

    private sealed record PendingUnit(IReadOnlyList<SqlStatement> Statements)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
