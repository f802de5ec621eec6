using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// Access tokens this process has already validated, so that the next requests with the same token skip
/// the signature check, the token parsing and OpenIddict's validation pipeline (issue 9: the fixed cost of an
/// authenticated request). Keyed by a SHA-256 hash of the token (tokens themselves are not kept as keys);
/// bounded (<c>Auth:TokenCacheSize</c> entries, 0 turns it off); an entry never outlives its token's own
/// expiry, and its session is checked against <see cref="RevokedSessions"/> on every hit, so logout, password
/// reset and refresh-token reuse refuse a cached token exactly as they refuse an uncached one.
/// </summary>
public sealed class ValidatedTokens : IDisposable
{
    /// <summary>The default authentication scheme of every process: this cache in front of <see cref="InnerScheme"/>.</summary>
    public const string Scheme = "bc-bearer";

    /// <summary>Longer tokens are validated every time (they are not ours: ours are well under 2 KB).</summary>
    private const int MaxCachedTokenLength = 4096;

    private readonly MemoryCache? _cache;
    private readonly RevokedSessions _revoked;
    private readonly TimeProvider _clock;

    public ValidatedTokens(string innerScheme, int size, RevokedSessions revoked, TimeProvider clock)
    {
        InnerScheme = innerScheme;
        _revoked = revoked;
        _clock = clock;
        if (size > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = size });
        }
    }

    /// <summary>The scheme that really validates a token (OpenIddict's, or the policy scheme that picks the external authority's).</summary>
    public string InnerScheme { get; }

    /// <summary><c>Auth:TokenCacheSize</c>: how many validated tokens a process keeps (default 10,000; 0 turns the cache off).</summary>
    public static int Size(IConfiguration configuration) =>
        int.TryParse(configuration["Auth:TokenCacheSize"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var size) && size >= 0
            ? size
            : 10_000;

    /// <summary>The ticket of a token validated before, still unexpired and of a session still open; null otherwise.</summary>
    internal AuthenticationTicket? Find(in TokenHash key, string scheme)
    {
        if (_cache is null || !_cache.TryGetValue(key, out var value) || value is not Entry entry)
        {
            return null;
        }
        if (entry.Expires <= _clock.GetUtcNow() || (entry.AuthorizationId is { } session && _revoked.IsRevoked(session)))
        {
            // Validated again by the inner scheme, which refuses it with its own error (and renews an expired one).
            _cache.Remove(key);
            return null;
        }
        return new AuthenticationTicket(entry.Principal, entry.Properties, scheme);
    }

    /// <summary>Keeps a successful validation until the token expires (a token without a known expiry is not kept).</summary>
    internal void Remember(in TokenHash key, AuthenticateResult result)
    {
        if (_cache is null || result.Ticket is not { } ticket)
        {
            return;
        }
        var expires = ticket.Properties.ExpiresUtc ?? ticket.Principal.GetExpirationDate();
        if (expires is not { } until || until <= _clock.GetUtcNow())
        {
            return;
        }
        // AbsoluteExpiration bounds the memory by the machine clock; Find checks the process's TimeProvider.
        var lifetime = until - _clock.GetUtcNow();
        _cache.Set(key, new Entry(ticket.Principal, ticket.Properties, ticket.Principal.GetAuthorizationId(), until),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    /// <summary>The cache key of a token: its SHA-256 hash; false for a token too long or not ASCII (validated every time).</summary>
    internal static bool TryHash(ReadOnlySpan<char> token, out TokenHash hash)
    {
        hash = default;
        if (token.Length is 0 or > MaxCachedTokenLength)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[token.Length];
        if (Ascii.FromUtf16(token, bytes, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], digest);
        hash = MemoryMarshal.Read<TokenHash>(digest);
        return true;
    }

    public void Dispose() => _cache?.Dispose();

    private sealed record Entry(ClaimsPrincipal Principal, AuthenticationProperties Properties, string? AuthorizationId, DateTimeOffset Expires);
}

/// <summary>The SHA-256 hash of an access token, as the key of <see cref="ValidatedTokens"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D);

/// <summary>
/// The default authentication scheme: a bearer token validated before is answered from <see cref="ValidatedTokens"/>;
/// any other request goes to the inner scheme (OpenIddict's validation, or the external authority's), after an
/// expired token of a live session was renewed (<see cref="SlidingSessions"/>). Challenges and forbids are the inner
/// scheme's, so error answers do not change; OpenIddict's request step runs only then (<see cref="ValidationOnDemand"/>).
/// </summary>
internal sealed class CachedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ValidatedTokens tokens,
    SlidingSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.AsSpan(7).Trim().IsEmpty)
        {
            await ValidationOnDemand.EnsureAsync(Context);
            return await Context.AuthenticateAsync(tokens.InnerScheme);
        }
        var cacheable = ValidatedTokens.TryHash(value.AsSpan(7).Trim(), out var key);
        if (cacheable && tokens.Find(key, Scheme.Name) is { } ticket)
        {
            return AuthenticateResult.Success(ticket);
        }

        var token = value[7..].Trim();
        if (sessions.IsExpired(token) && await sessions.TryRenewAsync(token, Context.RequestServices, Context.RequestAborted) is { } renewed)
        {
            // The request goes on with the fresh token (the inner scheme reads it, a gateway forwards it) and the client gets it.
            Request.Headers.Authorization = "Bearer " + renewed;
            Response.Headers.Authorization = "Bearer " + renewed;
            cacheable = ValidatedTokens.TryHash(renewed, out key);
        }
        await ValidationOnDemand.EnsureAsync(Context);
        var result = await Context.AuthenticateAsync(tokens.InnerScheme);
        if (cacheable && result.Succeeded)
        {
            tokens.Remember(key, result);
        }
        return result;
    }

    // Challenges and forbids are the inner scheme's answers (401/403 with its WWW-Authenticate), after its request step.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await ValidationOnDemand.EnsureAsync(Context);
        await Context.ChallengeAsync(tokens.InnerScheme, properties);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await ValidationOnDemand.EnsureAsync(Context);
        await Context.ForbidAsync(tokens.InnerScheme, properties);
    }
}
