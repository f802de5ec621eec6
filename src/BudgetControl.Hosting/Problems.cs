using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace BudgetControl.Hosting;

/// <summary>Builders for RFC 9457 problem details with stable titles.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} was not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    /// <summary>
    /// A 400 in the validation-problem shape (an <c>errors</c> object naming the fields), as a
    /// <see cref="ProblemHttpResult"/> so that it shares a result type with 404s and 409s.
    /// </summary>
    public static ProblemHttpResult Fields(Validation validation) => Fields(validation.Errors);

    public static ProblemHttpResult Fields(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });

    public static ProblemHttpResult Field(string field, string message) =>
        Fields(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Turns what handlers did not return themselves into problem details; bad input is a 400, never a 500.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed request", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            JsonException json => (400, "Malformed request", Describe(json)),
            // System.Text.Json marks what its reader refuses (a lone surrogate read from a JsonElement by a handler) with this source.
            InvalidOperationException { Source: "System.Text.Json.Rethrowable" } => (400, "Malformed request", "The request holds text that is not valid Unicode."),
            _ when IsUnstorableText(exception) => (400, "Bad request", "The request holds text that cannot be stored (a NUL character)."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled."),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, "Conflict", "The resource was changed by someone else; reload it and try again."),
            _ when Api.TransientRetry.IsTransient(exception) || Api.TransientRetry.IsUniqueViolation(exception) => (409, "Conflict", "A concurrent change got in the way; try again."),
            _ => (500, "Server error", "An unexpected error occurred."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>PostgreSQL refused a text value (a NUL that reached a query without passing the JSON body's check).</summary>
    private static bool IsUnstorableText(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(JsonException json) =>
        json.Path is { Length: > 0 } path
            ? $"The JSON body is not valid at '{path}'."
            : "The request body is not valid JSON.";
}
