using Microsoft.Extensions.Configuration;

namespace BudgetControl.Hosting;

/// <summary>Where the process keeps its files: the SQLite database, keys and the mail pickup folder.</summary>
public sealed record AppPaths(string DataDirectory)
{
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary><c>BudgetControl:DataDirectory</c>, defaulting to <c>./data</c> of the working directory.</summary>
    public static AppPaths From(IConfiguration configuration)
    {
        var configured = configuration["BudgetControl:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
        Directory.CreateDirectory(directory);
        return new AppPaths(directory);
    }
}
