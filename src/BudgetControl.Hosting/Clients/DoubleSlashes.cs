using Microsoft.AspNetCore.Http;

namespace BudgetControl.Hosting.Clients;

/// <summary>
/// The original client builds some paths by concatenation and calls <c>/api//stats/...</c> or
/// <c>/api/budget//{uuid}</c>; the original gateway's router tolerated it. Runs of slashes in the path
/// are collapsed to one before routing, so those calls reach the same endpoints as the clean paths.
/// </summary>
internal static class DoubleSlashes
{
    public static Task CollapseAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            http.Request.Path = new PathString(Collapse(path));
        }
        return next();
    }

    public static string Collapse(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && builder.Length > 0 && builder[^1] == '/')
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
