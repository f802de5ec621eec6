using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetControl.Data;
using BudgetControl.Hosting.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BudgetControl.Authentication.Tokens;

/// <summary>Puts <see cref="CompatTokenMiddleware"/> in front of everything, so it runs before routing and OpenIddict.</summary>
internal sealed class CompatTokenStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<CompatTokenMiddleware>();
        next(app);
    };
}

/// <summary>
/// The original API's JSON login and refresh (<c>POST /api/auth/authenticate {email,password}</c>,
/// <c>POST /api/auth/refresh {refresh_token}</c>) on top of the standard token endpoint: the JSON body
/// becomes a form-encoded token request, and OpenIddict's answer becomes the original's response shape
/// (<c>{success, message, token, refresh_token, id_token, workspaces}</c>) or a problem-details 401.
/// </summary>
internal sealed class CompatTokenMiddleware(RequestDelegate next, IOptions<JsonOptions> json)
{
    public const string AuthenticatePath = "/api/auth/authenticate";
    public const string RefreshPath = "/api/auth/refresh";

    public async Task InvokeAsync(HttpContext http)
    {
        var isLogin = http.Request.Path.Equals(AuthenticatePath, StringComparison.OrdinalIgnoreCase);
        var isRefresh = http.Request.Path.Equals(RefreshPath, StringComparison.OrdinalIgnoreCase);
        if (!(isLogin || isRefresh) || !HttpMethods.IsPost(http.Request.Method))
        {
            await next(http);
            return;
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body is null)
        {
            await WriteProblemAsync(http, 400, "Malformed request", "The request body must be a JSON object.", null);
            return;
        }

        var form = new Dictionary<string, string?>();
        var errors = new Dictionary<string, string[]>();
        string? email = null;
        if (isLogin)
        {
            email = Text(body, "email", errors);
            var password = Text(body, "password", errors);
            if (string.IsNullOrWhiteSpace(email))
            {
                errors.TryAdd("email", ["is required."]);
            }
            if (string.IsNullOrEmpty(password))
            {
                errors.TryAdd("password", ["is required."]);
            }
            form[Parameters.GrantType] = GrantTypes.Password;
            form[Parameters.Username] = email;
            form[Parameters.Password] = password;
            form[TokenEndpoint.OneTimeCodeParameter] = Text(body, "otp", errors) ?? Text(body, "code", errors);
        }
        else
        {
            var refresh = Text(body, "refresh_token", errors);
            if (string.IsNullOrWhiteSpace(refresh))
            {
                errors.TryAdd("refresh_token", ["is required."]);
            }
            form[Parameters.GrantType] = GrantTypes.RefreshToken;
            form[Parameters.RefreshToken] = refresh;
        }
        if (errors.Count > 0)
        {
            await WriteProblemAsync(http, 400, "One or more validation errors occurred.", null, errors);
            return;
        }
        form[Parameters.Scope] = $"{Scopes.OpenId} {Scopes.OfflineAccess} {Scopes.Email} {Scopes.Profile}";

        var encoded = QueryHelpers.AddQueryString("", form.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value))[1..];
        var publicPath = http.Request.Path;
        http.Request.Path = TokenEndpoint.Path;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(encoded));
        http.Request.ContentLength = http.Request.Body.Length;

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            http.Request.Path = publicPath;
        }

        captured.Position = 0;
        JsonObject? answer = null;
        try
        {
            answer = await JsonNode.ParseAsync(captured, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
        }
        http.Response.Headers.ContentLength = null;
        if (http.Response.StatusCode == StatusCodes.Status200OK && answer?["access_token"] is not null)
        {
            var result = new JsonObject
            {
                ["success"] = true,
                ["message"] = "User authenticated",
                ["token"] = answer["access_token"]?.DeepClone(),
                ["token_type"] = "Bearer",
                ["expires_in"] = answer["expires_in"]?.DeepClone(),
                ["refresh_token"] = answer["refresh_token"]?.DeepClone(),
                ["id_token"] = answer["id_token"]?.DeepClone(),
            };
            if (isLogin)
            {
                result["workspaces"] = await WorkspacesAsync(http, email!);
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(result.ToJsonString(json.Value.SerializerOptions), http.RequestAborted);
            return;
        }
        if (http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && answer is not null)
        {
            var error = (string?)answer?["error"];
            var description = (string?)answer?["error_description"] ?? "You are not authenticated.";
            await WriteProblemAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized", description, null, error);
            return;
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task<JsonNode> WorkspacesAsync(HttpContext http, string email)
    {
        var db = http.RequestServices.GetRequiredService<BudgetDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstAsync(http.RequestAborted);
        var workspaces = await UserInfo.WorkspacesOfAsync(db, userId, http.RequestAborted);
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToNode(workspaces, options)!;
    }

    /// <summary>
    /// A string field, or null when absent or not a string. Text that cannot travel as a form value to the token endpoint
    /// (a lone surrogate has no UTF-8; a NUL is refused by the form reader) is a field error here, not a 500 there.
    /// </summary>
    private static string? Text(JsonObject body, string name, Dictionary<string, string[]> errors)
    {
        if (body[name] is not JsonValue value)
        {
            return null;
        }
        try
        {
            if (!value.TryGetValue<string>(out var text))
            {
                return null;
            }
            if (!text.Contains('\0', StringComparison.Ordinal))
            {
                return text;
            }
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape a lone surrogate.
        }
        errors[name] = ["is not valid text."];
        return null;
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string title, string? detail, Dictionary<string, string[]>? errors, string? error = null)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = errors is null
                ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }
                : new HttpValidationProblemDetails(errors) { Status = status, Title = title },
        };
        context.ProblemDetails.Extensions["success"] = false;
        if (error is not null)
        {
            context.ProblemDetails.Extensions["error"] = error;
        }
        await problems.WriteAsync(context);
    }
}
