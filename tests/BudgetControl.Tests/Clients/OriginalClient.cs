using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BudgetControl.Tests.Infrastructure;

namespace BudgetControl.Tests.Clients;

/// <summary>
/// The original web app's HTTP layer as a browser runs it (original-analytics §10.2): it lives on another
/// origin, so every non-simple call is preflighted (and the preflight is cached for its max-age, per URL
/// and method, as browsers do); it sends <c>Authorization</c>, <c>X-BC-Token</c> and <c>X-WS</c>; it takes a
/// renewed access token from the <c>Authorization</c> response header. Each call checks the CORS answer
/// the browser would check before handing the response to the script.
/// </summary>
internal sealed class OriginalClient(BudgetApp app, string origin)
{
    private readonly HttpClient _http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private readonly HashSet<string> _preflighted = [];

    public string Origin { get; } = origin;
    public string? AccessToken { get; set; }
    public string? BcToken { get; set; }
    public string? Workspace { get; set; }
    public int Preflights { get; private set; }
    public int Renewals { get; private set; }
    public int Calls { get; private set; }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A body given as raw JSON text is sent as is (the exact bytes the client sends).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        var headers = new List<string>();
        if (AccessToken is not null)
        {
            headers.Add("authorization");
        }
        if (BcToken is not null)
        {
            headers.Add("x-bc-token");
        }
        if (Workspace is not null)
        {
            headers.Add("x-ws");
        }
        if (body is not null)
        {
            headers.Add("content-type");
        }
        // A GET without custom headers is a "simple" request: browsers do not preflight it.
        if (headers.Count > 0 || method != HttpMethod.Get)
        {
            await PreflightAsync(method, path, headers);
        }

        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", Origin);
        request.Headers.Accept.ParseAdd("application/json, text/plain, */*");
        if (AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }
        if (BcToken is not null)
        {
            request.Headers.Add("X-BC-Token", BcToken);
        }
        if (Workspace is not null)
        {
            request.Headers.Add("X-WS", Workspace);
        }
        if (body is string json)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var response = await _http.SendAsync(request);
        Calls++;
        Assert.Equal(Origin, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed) ? allowed.Single() : null);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        // The axios response interceptor: a renewed token in the Authorization header replaces the stored one.
        if (response.Headers.TryGetValues("Authorization", out var renewed))
        {
            var value = renewed.Single();
            Assert.StartsWith("Bearer ", value);
            Assert.Contains("Authorization", Exposed(response), StringComparer.OrdinalIgnoreCase);
            AccessToken = value["Bearer ".Length..];
            Renewals++;
        }
        return response;
    }

    /// <summary>Sends the browser's preflight unless one for this URL and method is still cached.</summary>
    private async Task PreflightAsync(HttpMethod method, string path, List<string> headers)
    {
        var key = method.Method + " " + path.Split('?')[0] + " " + string.Join(",", headers);
        if (!_preflighted.Add(key))
        {
            return;
        }
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", method.Method);
        if (headers.Count > 0)
        {
            preflight.Headers.Add("Access-Control-Request-Headers", string.Join(",", headers));
        }
        var answer = await _http.SendAsync(preflight);
        Preflights++;
        Assert.True(answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK, $"preflight of {method} {path}: {(int)answer.StatusCode}");
        Assert.Equal(Origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var methods = answer.Headers.GetValues("Access-Control-Allow-Methods").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries));
        Assert.Contains(method.Method, methods);
        var allowedHeaders = answer.Headers.TryGetValues("Access-Control-Allow-Headers", out var h) ? h.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToList() : [];
        foreach (var header in headers)
        {
            Assert.Contains(header, allowedHeaders, StringComparer.OrdinalIgnoreCase);
        }
        Assert.True(int.Parse(answer.Headers.GetValues("Access-Control-Max-Age").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 600);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    public static IEnumerable<string> Exposed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Expose-Headers", out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            : [];

    public static async Task<JsonNode> OkJson(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
