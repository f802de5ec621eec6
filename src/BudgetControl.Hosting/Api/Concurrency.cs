using System.Globalization;
using BudgetControl.Data.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BudgetControl.Hosting.Api;

/// <summary>
/// Conditional writes, one way for every edited row: the client sends back the <c>version</c> it read,
/// either as <c>If-Match: "3"</c> or as <c>version</c> in the body; a malformed If-Match is a 400 naming it,
/// a stale version a 409. Responses carry the version as ETag.
/// </summary>
public static class Concurrency
{
    /// <summary>
    /// The precondition of a write to <paramref name="row"/> (a <paramref name="what"/>): null when it holds
    /// (or none was sent), else the 400 or 409 to answer.
    /// </summary>
    public static ProblemHttpResult? Check(HttpContext http, int? bodyVersion, IVersioned row, string what)
    {
        if (!TryExpectedVersion(http, bodyVersion, out var expected))
        {
            return BadIfMatch(what);
        }
        return expected is { } version && version != row.Version ? Stale(what) : null;
    }

    /// <summary>The version the client expects, reporting a malformed If-Match into <paramref name="validation"/> (for handlers that report all field errors at once).</summary>
    public static int? Expected(HttpContext http, int? bodyVersion, Validation validation, string what)
    {
        if (TryExpectedVersion(http, bodyVersion, out var expected))
        {
            return expected;
        }
        validation.Add("If-Match", IfMatchMessage(what));
        return null;
    }

    /// <summary>True when the client expects a version other than the row's.</summary>
    public static bool IsStale(int? expected, IVersioned row) => expected is { } version && version != row.Version;

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

    /// <summary>
    /// Makes the next save of <paramref name="row"/> conditional on the <paramref name="expected"/> version,
    /// when the client sent one: a stale one fails the save (<see cref="DbUpdateConcurrencyException"/>, a 409).
    /// For writes that read, resolve and save in one transaction rather than compare first.
    /// </summary>
    public static void ExpectOnSave(DbContext db, IVersioned row, int? expected)
    {
        if (expected is { } version)
        {
            db.Entry(row).Property(nameof(IVersioned.Version)).OriginalValue = version;
        }
    }

    /// <summary>Saves; false when someone else changed a saved row since it was read (its version moved on).</summary>
    public static async Task<bool> TrySaveAsync(DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>409: the <paramref name="what"/> moved on since the client read it.</summary>
    public static ProblemHttpResult Stale(string what) =>
        Problems.Conflict($"The {what} was changed by someone else; reload it and try again.");

    /// <summary>400 on <c>If-Match</c>, in the validation-problem shape (an <c>errors</c> object).</summary>
    public static ProblemHttpResult BadIfMatch(string what) => Problems.Field("If-Match", IfMatchMessage(what));

    public static void SetETag(HttpContext http, int version) =>
        http.Response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static string IfMatchMessage(string what) => $"must be the {what}'s version, e.g. \"3\".";
}
