using System.Data.Common;
using Microsoft.Data.Sqlite;
using Rekindle.Storage.Database;
using SQLitePCL;

namespace Rekindle.Storage.GroupCommit;

/// <summary>
/// The SQLite writer's hot path, one level below ADO.NET: statements are prepared once per SQL text and
/// bound by position. Microsoft.Data.Sqlite binds every parameter by name on every execution, which
/// costs more than SQLite's own work for small rows and grows with the square of a statement's
/// parameter count. The transaction stays Microsoft.Data.Sqlite's; only execution bypasses it.
/// </summary>
internal sealed class SqliteRawExecutor(SqliteConnection connection) : StatementExecutor
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public override Task ExecuteAsync(DbTransaction tx, IEnumerable<SqlStatement> statements, CancellationToken ct)
    {
        var db = connection.Handle!;
        foreach (var statement in statements)
        {
            var stmt = Prepare(db, statement.Sql);
            try
            {
                for (var i = 0; i < statement.Args.Length; i++)
                {
                    Check(db, Bind(stmt, i + 1, SqliteDialect.ToStored(statement.Args[i])));
                }

                var rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
                {
                    Check(db, rc);
                }
            }
            finally
            {
                raw.sqlite3_reset(stmt);
                raw.sqlite3_clear_bindings(stmt);
            }
        }

        return Task.CompletedTask;
    }

    private sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        if (!_statements.TryGetValue(sql, out var stmt))
        {
            Check(db, raw.sqlite3_prepare_v2(db, sql, out stmt));
            _statements[sql] = stmt;
        }

        return stmt;
    }

    private static int Bind(sqlite3_stmt stmt, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(stmt, index),
        long l => raw.sqlite3_bind_int64(stmt, index, l),
        double d => raw.sqlite3_bind_double(stmt, index, d),
        string s => raw.sqlite3_bind_text(stmt, index, s),
        byte[] b => raw.sqlite3_bind_blob(stmt, index, b),
        _ => throw new ArgumentException($"cannot bind a {value.GetType().Name} to SQLite parameter {index}"),
    };

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }

    public override void Dispose()
    {
        foreach (var stmt in _statements.Values)
        {
            stmt.Dispose();
        }

        _statements.Clear();
    }
}
