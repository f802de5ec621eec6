using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Hosting;
using BudgetControl.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Tests.Clients;

/// <summary>The server as deployed for the original clients: the web app's origin and the Capacitor origins allowed.</summary>
public abstract class ClientApp : BudgetApp
{
    public const string WebOrigin = "https://app.budget.example";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Cors:Origins:0", WebOrigin),
        new("Cors:Origins:1", "capacitor://localhost"),
        new("Cors:Origins:2", "http://localhost"),
        new("Cors:Origins:3", "http://127.0.0.1:*"),
        .. Extra,
    ];

    protected virtual IEnumerable<KeyValuePair<string, string>> Extra => [];

    /// <summary>
    /// The same access token as if its lifetime had run out: its claims (session, subject, scopes) re-signed
    /// with the server's key, issued an hour ago and expired a minute ago. Stands in for waiting 15 minutes.
    /// </summary>
    public string Expired(string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        var now = DateTimeOffset.UtcNow;
        payload["iat"] = now.AddHours(-1).ToUnixTimeSeconds();
        payload["nbf"] = now.AddHours(-1).ToUnixTimeSeconds();
        payload["exp"] = now.AddMinutes(-1).ToUnixTimeSeconds();
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(),
            new SigningCredentials(Service<KeyRing>().SigningKey, SecurityAlgorithms.RsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }
}

public sealed class SqliteClientApp : ClientApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresClientApp : ClientApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Access tokens that really expire within the test (2 s), and a 3-second grace for unconfirmed accounts.</summary>
public abstract class ShortSessionApp : ClientApp
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    protected override IEnumerable<KeyValuePair<string, string>> Extra =>
    [
        new("Auth:AccessTokenLifetime", "00:00:02"),
        new("Auth:UnconfirmedGracePeriod", "00:00:03"),
    ];
}

public sealed class SqliteShortSessionApp : ShortSessionApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresShortSessionApp : ShortSessionApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>An operator who wants the strict rule: no sign-in before the e-mail is confirmed.</summary>
public abstract class StrictConfirmationApp : ClientApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Extra => [new("Auth:RequireConfirmedEmail", "true")];
}

public sealed class SqliteStrictConfirmationApp : StrictConfirmationApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresStrictConfirmationApp : StrictConfirmationApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
