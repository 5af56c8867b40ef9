using System.Text;

namespace Rekindle.Storage.GroupCommit;

/// <summary>
/// Folds many rows into few statements. Each statement costs a fixed overhead in the driver far above
/// SQLite's own work per row, so rows travel in chunks; chunk sizes come from a small fixed set so the
/// writer's prepared-statement cache stays small (one SQL text per size).
/// </summary>
public static class MultiRow
{
    private static readonly int[] ChunkSizes = [64, 16, 4, 1];

    /// <summary>
    /// "INSERT INTO t (cols) VALUES (..), (..) {suffix}" for every chunk of <paramref name="rows"/>;
    /// each row gives its values in column order.
    /// </summary>
    public static IEnumerable<SqlStatement> Insert(string head, int columns, string suffix, IReadOnlyList<object?[]> rows)
    {
        var start = 0;
        while (start < rows.Count)
        {
            var size = ChunkSizes.First(s => s <= rows.Count - start);
            var args = new object?[size * columns];
            for (var r = 0; r < size; r++)
            {
                Array.Copy(rows[start + r], 0, args, r * columns, columns);
            }

            yield return new SqlStatement(InsertSql(head, columns, suffix, size), args);
            start += size;
        }
    }

    /// <summary>"{head} IN (@p1, ...)" with @p0 = <paramref name="first"/>; the key list is padded by repeating its last key.</summary>
    public static IEnumerable<SqlStatement> WhereIn(string head, object? first, IReadOnlyList<object> keys)
    {
        var start = 0;
        while (start < keys.Count)
        {
            var left = keys.Count - start;
            var size = left >= 64 ? 64 : left > 16 ? 64 : left > 4 ? 16 : left > 1 ? 4 : 1;
            var take = Math.Min(size, left);
            var args = new object?[size + 1];
            args[0] = first;
            for (var i = 0; i < size; i++)
            {
                args[i + 1] = keys[start + Math.Min(i, take - 1)];
            }

            yield return new SqlStatement(WhereInSql(head, size), args);
            start += take;
        }
    }

    private static readonly Dictionary<(string, int, string, int), string> InsertCache = [];
    private static readonly Dictionary<(string, int), string> WhereInCache = [];

    private static string InsertSql(string head, int columns, string suffix, int rows)
    {
        lock (InsertCache)
        {
            if (InsertCache.TryGetValue((head, columns, suffix, rows), out var sql))
            {
                return sql;
            }

            var text = new StringBuilder(head).Append(' ');
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns; c++)
                {
                    text.Append(c == 0 ? "@p" : ", @p").Append(r * columns + c);
                }

                text.Append(')');
            }

            sql = text.Append(' ').Append(suffix).ToString();
            InsertCache[(head, columns, suffix, rows)] = sql;
            return sql;
        }
    }

    private static string WhereInSql(string head, int keys)
    {
        lock (WhereInCache)
        {
            if (!WhereInCache.TryGetValue((head, keys), out var sql))
            {
                sql = head + " IN (" + string.Join(", ", Enumerable.Range(1, keys).Select(i => "@p" + i)) + ")";
                WhereInCache[(head, keys)] = sql;
            }

            return sql;
        }
    }
}
