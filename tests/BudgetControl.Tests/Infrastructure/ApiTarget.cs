using System.Text.RegularExpressions;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>
/// A running deployment that API scenarios drive over HTTP: the all-in-one server (<see cref="BudgetApp"/>)
/// or the split topology behind nginx (<see cref="SplitTopology"/>). One suite, two targets.
/// </summary>
public interface IApiTarget
{
    /// <summary>A new client with the target's base address and no credentials.</summary>
    HttpClient Client();

    /// <summary>The token of the newest account link of a kind ("confirm", "reset-password") mailed to the address.</summary>
    Task<string> LinkTokenAsync(string email, string kind);
}

/// <summary>Reads the account links the server wrote as <c>.eml</c> files (no SMTP host configured).</summary>
public static class Mailbox
{
    public static async Task<string> LinkTokenAsync(string mailDirectory, string email, string kind)
    {
        // The outbox writes the mail from a background job: wait for it, generously on a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(mailDirectory))
            {
                foreach (var file in Directory.GetFiles(mailDirectory, "*.eml").OrderDescending())
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (!text.Contains(email, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    var match = Regex.Match(text, $"/api/auth/{kind}/([A-Za-z0-9_-]+)");
                    if (match.Success)
                    {
                        return match.Groups[1].Value;
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No '{kind}' mail for {email} in {mailDirectory}.");
    }
}
