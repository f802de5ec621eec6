using System.Text.Json;
using System.Text.Json.Serialization;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace BudgetControl.Tests;

/// <summary>The shared request pieces of Hosting, without a server.</summary>
public sealed class SharedPiecesTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new LenientBooleanConverter(), new OptionalConverterFactory() },
    };

    private sealed record Patch(Optional<string?> Name, Optional<bool?> Archive, Optional<decimal?> Amount);

    [Fact]
    public void A_postgres_connection_string_with_an_unknown_keyword_stops_the_start_with_a_message_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=db;Username=bc;Max Pool Size=4" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => { BudgetControl.Data.DatabaseOptions.From(configuration, "/tmp"); });
        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 1, 64, false)] // the defaults: groups of plain creates in a queue of their own, other writers not queued
    [InlineData("0", null, null, 0, false)] // no group commit, no queue
    [InlineData("0", "2", 2, 1, true)] // every writer queued, two at a time, no groups
    [InlineData("16", "1", 1, 16, true)] // groups in the queue of every writer
    public void Group_commit_and_the_wallet_queue_are_read_from_configuration(string? groupCommit, string? walletWriters, int? perKey, int groupLimit, bool everyWriter)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=db;Username=bc" };
        if (groupCommit is not null)
        {
            settings["Database:GroupCommit"] = groupCommit;
        }
        if (walletWriters is not null)
        {
            settings["Database:WalletWriters"] = walletWriters;
        }
        var gate = BudgetControl.Data.DatabaseOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/tmp").WalletWriters;
        Assert.Equal(perKey, gate?.PerKey);
        if (gate is not null)
        {
            Assert.Equal(groupLimit, gate.GroupLimit);
            Assert.Equal(everyWriter, gate.QueuesEveryWriter);
        }
    }

    [Theory]
    [InlineData(null, 64)] // the default: SQLite's plain creates wait for the file's turn as groups too
    [InlineData("16", 16)]
    [InlineData("0", null)] // off: each create its own transaction
    [InlineData("1", null)]
    public void Sqlite_group_commit_is_read_from_the_same_setting(string? groupCommit, int? groupLimit)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = "Data Source=/tmp/unused.db" };
        if (groupCommit is not null)
        {
            settings["Database:GroupCommit"] = groupCommit;
        }
        var options = BudgetControl.Data.DatabaseOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/tmp");
        Assert.Equal(groupLimit, options.SqliteGroups?.GroupLimit);
    }

    [Fact]
    public void Sqlite_write_wait_is_read_from_configuration_and_bounds_the_groups_too()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = "Data Source=/tmp/unused.db", ["Database:SqliteWriteWait"] = "00:00:02", ["Database:GroupCommit"] = "16",
        };
        BudgetControl.Data.DatabaseOptions Options() => BudgetControl.Data.DatabaseOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/tmp");
        var options = Options();
        Assert.Equal(TimeSpan.FromSeconds(2), options.SqliteWriteWait);
        Assert.Equal(TimeSpan.FromSeconds(2), options.SqliteGroups!.MaxWait);
        Assert.Equal(16, options.SqliteGroups.GroupLimit);
        settings.Remove("Database:SqliteWriteWait");
        Assert.Equal(TimeSpan.FromSeconds(30), Options().SqliteWriteWait);
        settings["Database:SqliteWriteWait"] = "soon";
        var error = Assert.Throws<InvalidOperationException>(() => Options());
        Assert.Contains("Database:SqliteWriteWait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_that_waited_its_limit_goes_without_the_turn_and_leaves_the_holders_turn_alone()
    {
        var gate = new BudgetControl.Data.KeyedWriteGate { GroupLimit = 8, MaxWait = TimeSpan.FromMilliseconds(200) };
        var holder = await gate.EnterAsync([5], CancellationToken.None);
        var leader = gate.JoinAsync(5, "leader", CancellationToken.None).AsTask();
        Assert.Null(await gate.JoinAsync(5, "member", CancellationToken.None));
        using (var group = (await leader.WaitAsync(TimeSpan.FromSeconds(30)))!)
        {
            Assert.False(group.HasTurn);
            Assert.Equal(new[] { "leader", "member" }, group.Members);
        }
        // The holder still holds the key: the next writer waits for it, not for the group that went without.
        var next = gate.EnterAsync([5], CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        holder.Dispose();
        (await next).Dispose();
        Assert.Equal(0, gate.Keys);
    }

    [Fact]
    public async Task A_sqlite_groups_leader_lends_the_files_turn_to_its_connection_and_the_group_leaves_it_once()
    {
        var gate = new BudgetControl.Data.SqliteWriteGate(8);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // The leader of a group that found the file free has its turn at once.
        var group = await gate.Queue.JoinAsync(BudgetControl.Data.SqliteWriteGate.File, "leader", CancellationToken.None);
        Assert.NotNull(group);
        using (gate.Carry(connection))
        {
            // The group's transactions on the leader's connection (one, or one per member after a failed group's command)
            // neither wait for the turn the group holds nor leave it when they end.
            for (var i = 0; i < 2; i++)
            {
                Assert.True(gate.TransactionStartingAsync(connection, null!, default, CancellationToken.None).AsTask().IsCompletedSuccessfully);
                await using var tx = await connection.BeginTransactionAsync();
                gate.TransactionStarted(connection, null!, tx);
                await tx.CommitAsync();
                await gate.TransactionCommittedAsync(tx, null!);
                Assert.Equal(1, gate.Writers);
            }
            await gate.ConnectionClosedAsync(connection, null!);
            Assert.Equal(1, gate.Writers);
        }
        // Another writer's transaction waits for the group, which leaves the turn once, when its leader disposes it.
        await using var other = new SqliteConnection("Data Source=:memory:");
        var waiting = gate.TransactionStartingAsync(other, null!, default, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        group.Dispose();
        await waiting;
        Assert.Equal(1, gate.Writers);
        await gate.ConnectionClosedAsync(other, null!);
        Assert.Equal(0, gate.Writers);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" 1 ", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Booleans_are_read_leniently(string text, bool expected)
    {
        Assert.True(LenientBoolean.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("")]
    public void Other_booleans_are_refused(string text) => Assert.False(LenientBoolean.TryParse(text, out _));

    private sealed record Flag(bool Value);

    private sealed record MaybeFlag(bool? Value);

    // JSON values of a bool field, as a body carries them (LenientBooleanConverter reads the token itself).
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\" FaLsE\\t\"", false)]
    [InlineData("\"\\u0054rue\"", true)]
    [InlineData("\"                                        true                                        \"", true)]
    public void Body_booleans_are_read_leniently(string json, bool expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<Flag>($$"""{"value": {{json}}}""", Options)!.Value);
        Assert.Equal(expected, JsonSerializer.Deserialize<MaybeFlag>($$"""{"value": {{json}}}""", Options)!.Value);
        Assert.Equal(expected, JsonSerializer.Deserialize<Patch>($$"""{"archive": {{json}}}""", Options)!.Archive.Value);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("\"yes\"")]
    [InlineData("\"2\"")]
    [InlineData("\"\"")]
    [InlineData("\"1.0\"")]
    [InlineData("\"fal\u017Fe\"")]
    [InlineData("\"                                        maybe                                        \"")]
    [InlineData("[]")]
    [InlineData("[true]")]
    [InlineData("{}")]
    [InlineData("{\"value\": true}")]
    public void Other_body_booleans_are_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Flag>($$"""{"value": {{json}}}""", Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MaybeFlag>($$"""{"value": {{json}}}""", Options));
        // A partial update's field: reported by name, and the rest of the body still read.
        var patch = JsonSerializer.Deserialize<Patch>($$"""{"archive": {{json}}, "name": "kept"}""", Options)!;
        Assert.True(patch.Archive.IsInvalid);
        Assert.Equal("kept", patch.Name.Value);
    }

    [Fact]
    public void A_null_boolean_is_null_where_nullable_and_refused_elsewhere()
    {
        Assert.Null(JsonSerializer.Deserialize<MaybeFlag>("""{"value": null}""", Options)!.Value);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Flag>("""{"value": null}""", Options));
        Assert.True(JsonSerializer.Deserialize<Patch>("""{"archive": null}""", Options)!.Archive.IsPresent);
    }

    [Fact]
    public void Optional_tells_absent_from_null_from_a_value_from_a_wrong_type()
    {
        var patch = JsonSerializer.Deserialize<Patch>("""{"name": null, "archive": "1", "amount": {"x": 1}}""", Options)!;
        Assert.True(patch.Name.IsPresent);
        Assert.True(patch.Name.HasValue);
        Assert.Null(patch.Name.Value);
        Assert.True(patch.Archive.HasValue);
        Assert.True(patch.Archive.Value);
        Assert.True(patch.Amount.IsInvalid);

        var validation = new Validation();
        Assert.False(patch.Amount.Check(validation, "amount", "must be a number."));
        Assert.True(validation.Has("amount"));

        var empty = JsonSerializer.Deserialize<Patch>("{}", Options)!;
        Assert.False(empty.Name.IsPresent);
        Assert.Equal("kept", empty.Name.Or("kept"));
    }

    [Fact]
    public void Numbers_may_come_as_strings()
    {
        var patch = JsonSerializer.Deserialize<Patch>("""{"amount": "12.50"}""", Options)!;
        Assert.Equal(12.50m, patch.Amount.Value);
    }

    [Fact]
    public void List_queries_read_order_and_filters_and_name_unknown_keys()
    {
        var query = new ListQuery(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["order[name]"] = "desc",
            ["order[size]"] = "asc",
            ["filter[status]"] = "active, paused",
            ["filters[color]"] = "red",
            ["page"] = "x",
        }), new Validation());

        Assert.Equal([("name", true)], query.Order(["name", "created_at"]));
        var filter = Assert.Single(query.Filters(["status"]));
        Assert.Equal(["active", "paused"], filter.Items);
        query.Page();
        var errors = query.Validation.Errors;
        Assert.Contains("order[size]", errors.Keys);
        Assert.Contains("filters[color]", errors.Keys);
        Assert.Contains("page", errors.Keys);
    }

    [Theory]
    [InlineData(123456L, 2, "EUR", "en", "€1,234.56")]
    [InlineData(123456L, 2, "EUR", "it", "1.234,56 €")]
    [InlineData(1234L, 0, "JPY", "en", "JPY 1,234")] // "¥" is also the yuan's: the code is shown
    [InlineData(1234L, 0, "JPY", "it", "1.234 JPY")]
    [InlineData(1250L, 2, "CHF", "en", "CHF 12.50")]
    [InlineData(5L, 2, "GBP", "en", "£0.05")]
    public void Money_is_shown_exactly_in_the_languages_format(long minor, int minorUnits, string currency, string locale, string expected) =>
        Assert.Equal(expected, MoneyFormat.Display(minor, minorUnits, currency, BudgetControl.Hosting.Mail.MailTemplates.Culture(locale)).Replace('\u00A0', ' '));

    [Fact]
    public void Mail_values_are_filled_once_and_only_link_keys_become_links()
    {
        // A member named like a placeholder or like a URL: shown as typed, never filled, never a link.
        var values = new Dictionary<string, string>
        {
            ["name"] = "Ann",
            ["by"] = "{link} http://phish.example",
            ["workspace"] = "<Home>",
            ["role"] = "member",
            ["link"] = "https://app.example/ws/1",
        };
        var (subject, text, html) = BudgetControl.Hosting.Mail.MailTemplates.Render(BudgetControl.Hosting.Mail.MailTemplates.WorkspaceShared, "en", values);
        Assert.Contains("{link} http://phish.example shared the workspace \"<Home>\"", text);
        Assert.Contains("Open it here: https://app.example/ws/1", text);
        Assert.Contains("{link} http://phish.example shared", html);
        Assert.Contains("&lt;Home&gt;", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<a href="));
        Assert.Contains("<a href=\"https://app.example/ws/1\">https://app.example/ws/1</a>", html);
        Assert.Equal("A workspace was shared with you on BudgetControl", subject);
    }

    [Theory]
    [InlineData("2024-01-15", "2024-04-30", true, "days 2024-01-15..2024-01-31; months 2024-02-01..2024-04-01")]
    [InlineData("2024-01-01", "2024-12-31", true, "years 2024-01-01..2024-01-01")]
    [InlineData("2024-01-01", "2024-12-31", false, "months 2024-01-01..2024-12-01")]
    [InlineData("2024-01-01", "2024-11-26", true, "months 2024-01-01..2024-10-01; days 2024-11-01..2024-11-26")]
    [InlineData("2024-02-03", "2024-03-30", true, "days 2024-02-03..2024-03-30")]
    [InlineData("2024-02-29", "2024-02-29", true, "days 2024-02-29..2024-02-29")]
    [InlineData("2023-12-30", "2024-02-29", true, "days 2023-12-30..2023-12-31; months 2024-01-01..2024-02-01")]
    [InlineData("2022-11-15", "2025-02-10", true, "days 2022-11-15..2022-11-30; months 2022-12-01..2022-12-01; years 2023-01-01..2024-01-01; months 2025-01-01..2025-01-01; days 2025-02-01..2025-02-10")]
    [InlineData("2022-11-15", "2025-02-10", false, "days 2022-11-15..2022-11-30; months 2022-12-01..2025-01-01; days 2025-02-01..2025-02-10")]
    [InlineData("2023-02-01", "2024-11-30", true, "months 2023-02-01..2024-11-01")]
    [InlineData("9999-12-02", "9999-12-31", true, "days 9999-12-02..9999-12-31")]
    [InlineData("9999-01-01", "9999-12-31", true, "years 9999-01-01..9999-01-01")]
    [InlineData("0001-01-01", "0001-11-30", true, "months 0001-01-01..0001-11-01")]
    public void A_range_of_days_is_read_as_whole_years_whole_months_and_its_edge_days(string start, string end, bool years, string expected)
    {
        var pieces = BudgetControl.Data.EntryTotals.Pieces(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), years)
            .Select(p => $"{p.Grain.ToString().ToLowerInvariant()} {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}");
        Assert.Equal(expected, string.Join("; ", pieces));
    }

    [Fact]
    public async Task A_keyed_write_gate_lets_the_writers_of_a_key_in_one_at_a_time_in_arrival_order_and_forgets_the_key()
    {
        var gate = new BudgetControl.Data.KeyedWriteGate();
        var first = await gate.EnterAsync([7], CancellationToken.None);
        var order = new List<int>();
        async Task WriterAsync(int i)
        {
            using var turn = await gate.EnterAsync([7], CancellationToken.None);
            lock (order)
            {
                order.Add(i);
            }
        }
        // Each call queues before it returns, so the writers queue in this order.
        var writers = Enumerable.Range(1, 5).Select(WriterAsync).ToList();
        Assert.Equal(6, gate.Users(7));
        Assert.All(writers, w => Assert.False(w.IsCompleted));
        // Another key is not held back by this one.
        var elsewhere = gate.EnterAsync([8], CancellationToken.None);
        Assert.True(elsewhere.IsCompleted);
        (await elsewhere).Dispose();

        first.Dispose();
        await Task.WhenAll(writers);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, order);
        // A key nobody holds or awaits leaves nothing behind.
        Assert.Equal(0, gate.Keys);
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_leaves_the_keyed_gate_and_the_keys_it_already_held()
    {
        var gate = new BudgetControl.Data.KeyedWriteGate();
        var holder = await gate.EnterAsync([2], CancellationToken.None);
        using (var abandoned = new CancellationTokenSource())
        {
            // Keys are taken in ascending order whatever the order given: 1 is held, 2 awaited, 3 not yet asked for.
            var waiting = gate.EnterAsync([3, 2, 1], abandoned.Token).AsTask();
            Assert.Equal(1, gate.Users(1));
            Assert.Equal(2, gate.Users(2));
            Assert.Equal(0, gate.Users(3));
            await abandoned.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }
        Assert.Equal(0, gate.Users(1));
        Assert.Equal(1, gate.Users(2));
        // A wait with a limit gives up with nothing held.
        Assert.False(await gate.TryEnterAsync(2, TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Equal(1, gate.Users(2));

        // The next writer of the key gets it once the holder leaves.
        var next = gate.EnterAsync([2, 3], CancellationToken.None).AsTask();
        holder.Dispose();
        (await next).Dispose();
        Assert.Equal(0, gate.Keys);
    }

    [Fact]
    public async Task Writers_that_join_a_keyed_group_go_in_together_on_one_turn_up_to_the_limit()
    {
        var gate = new BudgetControl.Data.KeyedWriteGate { GroupLimit = 3 };
        var holder = await gate.EnterAsync([5], CancellationToken.None);
        // The first opens a group and waits for the turn; the next two join it (null: their leader carries them); the
        // fourth finds the group full and opens the next one.
        var first = gate.JoinAsync(5, "a", CancellationToken.None).AsTask();
        Assert.Null(await gate.JoinAsync(5, "b", CancellationToken.None));
        Assert.Null(await gate.JoinAsync(5, "c", CancellationToken.None));
        var next = gate.JoinAsync(5, "d", CancellationToken.None).AsTask();
        Assert.Null(await gate.JoinAsync(5, "e", CancellationToken.None));
        Assert.Equal(6, gate.Users(5));
        // One that gives up before its group has the turn leaves it.
        Assert.True(gate.Withdraw(5, "e"));
        Assert.Equal(5, gate.Users(5));
        Assert.False(first.IsCompleted);

        holder.Dispose();
        using (var group = (await first)!)
        {
            Assert.Equal(new[] { "a", "b", "c" }, group.Members);
            // Once the group has the turn, its members are its leader's to carry: too late to withdraw.
            Assert.False(gate.Withdraw(5, "b"));
            Assert.False(next.IsCompleted);
            Assert.Equal(2, gate.Users(5));
        }
        using (var group = (await next)!)
        {
            Assert.Equal(new[] { "d" }, group.Members);
        }
        Assert.Equal(0, gate.Keys);
    }

    [Fact]
    public async Task A_group_leader_that_gives_up_leaves_alone_or_still_takes_the_turn_for_the_members_that_joined_it()
    {
        var gate = new BudgetControl.Data.KeyedWriteGate { GroupLimit = 8 };
        var holder = await gate.EnterAsync([9], CancellationToken.None);
        using (var alone = new CancellationTokenSource())
        {
            var waiting = gate.JoinAsync(9, "lonely", alone.Token).AsTask();
            await alone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }
        Assert.Equal(1, gate.Users(9));

        using var gone = new CancellationTokenSource();
        var leader = gate.JoinAsync(9, "leader", gone.Token).AsTask();
        Assert.Null(await gate.JoinAsync(9, "member", CancellationToken.None));
        await gone.CancelAsync();
        // Someone joined it: the leader goes on waiting (its own member dropped), and a newcomer still joins that group.
        for (var i = 0; i < 6_000 && gate.Joined<string>(9) != 1; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(1, gate.Joined<string>(9));
        Assert.False(leader.IsCompleted);
        Assert.Null(await gate.JoinAsync(9, "late", CancellationToken.None));
        holder.Dispose();
        using (var group = (await leader)!)
        {
            Assert.Equal(new[] { "member", "late" }, group.Members);
        }
        Assert.Equal(0, gate.Keys);
    }
}
