using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BudgetControl.Bench;

/// <summary>The few API calls the bench makes to set up users, workspaces and their small objects.</summary>
internal static class BenchApi
{
    public const string Password = "Bench#Passw0rd";

    /// <summary>Signs a user up, confirms the address in the database and logs in; returns the access token.</summary>
    public static async Task<string> UserAsync(HttpClient http, Func<DbConnection> connect, string email)
    {
        var signUp = await http.PostAsJsonAsync("/api/auth/sign-up", new { name = email.Split('@')[0], email, password = Password, password_confirmation = Password });
        await Ensure(signUp);
        await using (var db = connect())
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "UPDATE users SET email_confirmed = @yes WHERE normalized_email = @email";
            Add(command, "yes", true);
            Add(command, "email", email.ToUpperInvariant());
            await command.ExecuteNonQueryAsync();
        }
        return await LoginAsync(http, email);
    }

    public static async Task<string> LoginAsync(HttpClient http, string email)
    {
        var login = await http.PostAsJsonAsync("/api/auth/authenticate", new { email, password = Password });
        var body = await Ensure(login);
        return (string)body["token"]!;
    }

    public static HttpClient Authorized(Uri baseAddress, string token, Guid? workspace, int connections = 4)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (workspace is { } ws)
        {
            http.DefaultRequestHeaders.Add("X-WS", ws.ToString());
        }
        return http;
    }

    public static async Task<JsonNode> PostAsync(HttpClient http, string path, object body) =>
        await Ensure(await http.PostAsJsonAsync(path, body));

    public static async Task<JsonNode> GetAsync(HttpClient http, string path) =>
        await Ensure(await http.GetAsync(path));

    public static async Task<JsonNode> Ensure(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        }
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
