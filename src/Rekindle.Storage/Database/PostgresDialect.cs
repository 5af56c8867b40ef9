using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Rekindle.Storage.Database;

/// <summary>PostgreSQL: timestamptz (always UTC), numeric money, jsonb documents.</summary>
public sealed class PostgresDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override void SetValue(DbParameter parameter, object? value)
    {
        var p = (NpgsqlParameter)parameter;
        switch (value)
        {
            case null:
                p.Value = DBNull.Value;
                break;
            case DateTimeOffset t:
                p.NpgsqlDbType = NpgsqlDbType.TimestampTz;
                p.Value = t.ToUniversalTime();
                break;
            case JsonText j:
                p.NpgsqlDbType = NpgsqlDbType.Jsonb;
                p.Value = j.Value;
                break;
            default:
                p.Value = value;
                break;
        }
    }

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public override decimal ReadMoney(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();
}
