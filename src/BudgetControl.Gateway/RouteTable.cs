namespace BudgetControl.Gateway;

/// <summary>A service of the split topology: its name (the <c>Modules</c> it runs) and its default local port.</summary>
internal sealed record GatewayService(string Name, string Modules, int Port);

/// <summary>
/// One public path pattern (an ASP.NET Core route template, as YARP matches it) and the service that owns it.
/// <paramref name="Anonymous"/> routes pass without an access token (sign-up, sign-in, refresh, confirmation,
/// the token endpoint and discovery); every other route needs a valid one at the gateway, and again at the service.
/// </summary>
internal sealed record GatewayRoute(string Service, string Path, bool Anonymous = false);

/// <summary>
/// THE route table of the split topology: public path -> owning service. YARP's routes are built from it
/// (<see cref="GatewayModule"/>), and the tests check nginx's locations and the swarm stack against it.
/// Paths are matched after runs of slashes are collapsed (the original client's <c>/api//stats</c> and
/// <c>/api/budget//{uuid}</c>, Hosting's DoubleSlashes), so the clean patterns cover them.
/// </summary>
internal static class RouteTable
{
    public static IReadOnlyList<GatewayService> Services { get; } =
    [
        // Reference data (the "core" module) has no process of its own: it is static and small, so the
        // workspace service, which reads it for workspace settings, hosts it (decision record 0011).
        new("workspace", "workspace,core", 8082),
        new("authentication", "authentication", 8083),
        new("stats", "stats", 8084),
        new("budget", "budget", 8085),
        new("entries", "entries", 8086),
        new("wallets", "wallets", 8087),
        new("labels", "labels", 8088),
        new("searchengine", "searchengine", 8089),
        new("debt", "debt", 8090),
        new("savings", "savings", 8091),
        new("goals", "goals", 8092),
        new("jobs", "jobs", 8093),
    ];

    public static IReadOnlyList<GatewayRoute> Routes { get; } =
    [
        // Authentication: the anonymous account and token routes first, then everything else under /api/auth.
        new("authentication", "/api/auth/sign-up", Anonymous: true),
        new("authentication", "/api/auth/authenticate", Anonymous: true),
        new("authentication", "/api/auth/authenticate/{**rest}", Anonymous: true),
        new("authentication", "/api/auth/refresh", Anonymous: true),
        new("authentication", "/api/auth/confirm/{token}", Anonymous: true),
        new("authentication", "/api/auth/verify-email", Anonymous: true),
        new("authentication", "/api/auth/reset-password", Anonymous: true),
        new("authentication", "/api/auth/reset-password/{token}", Anonymous: true),
        new("authentication", "/connect/{**rest}", Anonymous: true),
        new("authentication", "/.well-known/{**rest}", Anonymous: true),
        new("authentication", "/api/auth/{**rest}"),
        // Finishing sign-up creates the first workspace, so the workspace service owns it.
        new("workspace", "/api/auth/{userUuid}/finalize/sign-up"),
        new("workspace", "/api/workspace/{**rest}"),
        new("workspace", "/api/payment-types"),
        new("workspace", "/api/currencies"),
        new("workspace", "/api/currencies/rates/{**rest}"),
        new("workspace", "/api/categories"),
        new("workspace", "/api/categories-subcategories"),
        new("stats", "/api/stats/{**rest}"),
        new("budget", "/api/budgets/{**rest}"),
        new("budget", "/api/budget/{**rest}"),
        new("entries", "/api/entry/{**rest}"),
        new("wallets", "/api/wallet/{**rest}"),
        new("labels", "/api/label/{**rest}"),
        new("searchengine", "/api/find/{**rest}"),
        new("debt", "/api/payees/{**rest}"),
        new("debt", "/api/debits/{**rest}"),
        new("debt", "/api/debt/{**rest}"),
        new("goals", "/api/goals/{**rest}"),
        new("jobs", "/api/jobs/{**rest}"),
    ];

    /// <summary>A concrete path that the pattern matches (parameters filled in), for checks against other configurations.</summary>
    public static string SamplePath(GatewayRoute route) => string.Join('/', route.Path.Split('/').Select(segment => segment switch
    {
        "{**rest}" => "x",
        ['{', .., '}'] => "0b7e6a1c-2f7d-4c3e-9a51-0f6e2d9b8a11",
        _ => segment,
    }));
}
