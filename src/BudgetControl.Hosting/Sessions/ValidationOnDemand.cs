using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace BudgetControl.Hosting.Sessions;

/// <summary>
/// OpenIddict's validation handler is an ASP.NET Core request handler: the authentication middleware runs its request
/// step on every request of every process (a new handler from the container, a validation transaction, the request
/// URL parsed into two <see cref="Uri"/>s), although a token answered by <see cref="ValidatedTokens"/> never reaches
/// OpenIddict: a quarter of what the gateway allocated per request (docs/performance.md, issue 14). This scheme list
/// leaves OpenIddict's validation out of the request handlers; <see cref="EnsureAsync"/> runs that step when the
/// validation is really asked (a token not validated before, a challenge, a forbid: <see cref="CachedBearerHandler"/>).
/// OpenIddict's server handler (the authentication module's endpoints) stays a request handler.
/// </summary>
internal sealed class ValidationOnDemand(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    // One reference, swapped whole, so concurrent requests never read half of an update.
    private Filtered? _last;

    private sealed record Filtered(IEnumerable<AuthenticationScheme> All, Task<IEnumerable<AuthenticationScheme>> Kept);

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var all = base.GetRequestHandlerSchemesAsync();
        return all.IsCompletedSuccessfully ? Without(all.Result) : WithoutAsync(all);
    }

    private async Task<IEnumerable<AuthenticationScheme>> WithoutAsync(Task<IEnumerable<AuthenticationScheme>> all) => await Without(await all);

    // The filtered list is kept (one task, no allocation per request) until the schemes change.
    private Task<IEnumerable<AuthenticationScheme>> Without(IEnumerable<AuthenticationScheme> all)
    {
        if (_last is { } last && ReferenceEquals(last.All, all))
        {
            return last.Kept;
        }
        var kept = Task.FromResult<IEnumerable<AuthenticationScheme>>(
            all.Where(s => s.Name != OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).ToArray());
        _last = new Filtered(all, kept);
        return kept;
    }

    /// <summary>Runs OpenIddict's request step for this request once, before its validation, challenge or forbid.</summary>
    public static async Task EnsureAsync(HttpContext http)
    {
        if (http.Features.Get<OpenIddictValidationAspNetCoreFeature>()?.Transaction is not null)
        {
            return;
        }
        var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        if (await handlers.GetHandlerAsync(http, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler validation)
        {
            // Validation has no endpoints of its own: the step only attaches its transaction (it never answers the request).
            await validation.HandleRequestAsync();
        }
    }
}
