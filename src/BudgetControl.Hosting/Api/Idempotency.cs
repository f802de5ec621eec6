using System.Security.Cryptography;
using BudgetControl.Data;
using BudgetControl.Data.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs that create rows, and on the edits and deletes a client may send again (the
/// web app's offline queue): the first answer is stored and a retry with the same key gets it again, creating
/// nothing twice, and a replayed conditional edit gets its first answer instead of a 409 for the version it
/// moved itself. The key is reserved before the handler runs (a unique index), so two identical requests
/// racing each other cannot both run.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Honours <c>Idempotency-Key</c> on this endpoint; it must be workspace-scoped.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[HeaderName].ToString();
            if (key.Length == 0 || http.Items[WorkspaceScope.ItemKey] is not WorkspaceScope scope)
            {
                return await next(context);
            }
            if (key.Length > 255)
            {
                return Problems.Invalid(HeaderName, "must be at most 255 characters.");
            }
            var fingerprint = await FingerprintAsync(http);
            var scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();

            var (reserved, existing) = await ReserveAsync(scopes, scope, key, fingerprint, http.RequestAborted);
            if (!reserved)
            {
                if (existing is null || existing.StatusCode == 0)
                {
                    return Problems.Conflict("A request with this Idempotency-Key is still being processed; retry in a moment.");
                }
                if (existing.RequestFingerprint != fingerprint)
                {
                    return TypedResults.Problem(statusCode: 422, title: "Idempotency-Key reused",
                        detail: "This Idempotency-Key was already used for a different request.");
                }
                return new ReplayResult(existing);
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                await ReleaseAsync(scopes, scope, key);
                throw;
            }
            if (result is not IResult answer)
            {
                await ReleaseAsync(scopes, scope, key);
                return result;
            }
            // Run the answer into a buffer, keep it, then send the same bytes. The answer is written whole even when the
            // client has gone away meanwhile (a JSON answer stops at a cancelled RequestAborted and keeps nothing): the write
            // it reports is done, and the client's retry with this key must get it, not an empty body or a second write.
            var original = http.Response.Body;
            var aborted = http.RequestAborted;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            http.RequestAborted = CancellationToken.None;
            try
            {
                await answer.ExecuteAsync(http);
            }
            catch
            {
                // Not left reserved for ever (every retry a 409).
                await ReleaseAsync(scopes, scope, key);
                throw;
            }
            finally
            {
                http.Response.Body = original;
                http.RequestAborted = aborted;
            }
            var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            if (http.Response.StatusCode >= 500)
            {
                await ReleaseAsync(scopes, scope, key);
            }
            else
            {
                await CompleteAsync(scopes, scope, key, http.Response.StatusCode, body, http.Response.Headers.Location.ToString());
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return Results.Empty;
        });
        return builder;
    }

    private static async Task<string> FingerprintAsync(HttpContext http)
    {
        // Buffering was enabled at the edge (ServiceDefaults), so the bound body can be read again.
        http.Request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted);
        http.Request.Body.Position = 0;
        return $"{http.Request.Method} {http.Request.Path} {Convert.ToHexString(hash)}";
    }

    private static async Task<(bool Reserved, IdempotencyRecord? Existing)> ReserveAsync(
        IServiceScopeFactory scopes, WorkspaceScope scope, string key, string fingerprint, CancellationToken ct)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<BudgetDbContext>();
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            WorkspaceId = scope.WorkspaceId, UserId = scope.UserId, Key = key, RequestFingerprint = fingerprint,
            CreatedAt = DateTime.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return (true, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.WorkspaceId == scope.WorkspaceId && r.UserId == scope.UserId && r.Key == key, ct);
            return (false, existing);
        }
    }

    private static async Task CompleteAsync(IServiceScopeFactory scopes, WorkspaceScope scope, string key, int status, string body, string? location)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<BudgetDbContext>();
        await db.IdempotencyRecords
            .Where(r => r.WorkspaceId == scope.WorkspaceId && r.UserId == scope.UserId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ResponseBody, body).SetProperty(r => r.Location, location));
    }

    private static async Task ReleaseAsync(IServiceScopeFactory scopes, WorkspaceScope scope, string key)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<BudgetDbContext>();
        await db.IdempotencyRecords
            .Where(r => r.WorkspaceId == scope.WorkspaceId && r.UserId == scope.UserId && r.Key == key)
            .ExecuteDeleteAsync();
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (!string.IsNullOrEmpty(record.Location))
            {
                httpContext.Response.Headers.Location = record.Location;
            }
            if (record.ResponseBody.Length > 0)
            {
                httpContext.Response.ContentType = record.ResponseBody.Contains("\"status\"", StringComparison.Ordinal) && record.StatusCode >= 400
                    ? "application/problem+json"
                    : "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(record.ResponseBody);
            }
        }
    }
}
