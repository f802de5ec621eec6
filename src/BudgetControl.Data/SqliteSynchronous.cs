using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BudgetControl.Data;

/// <summary>
/// Sets SQLite's <c>synchronous</c> mode (<see cref="DatabaseOptions.SqliteSynchronousMode"/>) on every connection: it
/// is a setting of the connection, not of the file. Set once per physical connection (the pool hands the same one out
/// again), recognised by its native handle.
/// </summary>
internal sealed class SqliteSynchronous(string mode) : DbConnectionInterceptor
{
    private readonly string _pragma = mode switch
    {
        "NORMAL" => "PRAGMA synchronous = NORMAL;",
        "EXTRA" => "PRAGMA synchronous = EXTRA;",
        _ => "PRAGMA synchronous = FULL;",
    };
    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _set.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        _set.AddOrUpdate(handle, handle);
    }
}
