using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Optimistic concurrency for edited rows: the client sends back the <c>version</c> it read, either as
/// <c>If-Match: "3"</c> or as <c>version</c> in the body; a stale one is a 409. Responses carry an ETag.
/// </summary>
public static class Concurrency
{
    /// <summary>The version the client expects, if it sent one; false when If-Match is not a version.</summary>
    public static bool TryExpectedVersion(HttpContext http, int? bodyVersion, out int? expected)
    {
        expected = bodyVersion;
        var header = http.Request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }
        return false;
    }

    public static void SetETag(HttpContext http, int version) =>
        http.Response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}
