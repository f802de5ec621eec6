using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BudgetControl.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model (see docs/development.md).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BudgetDbContext>
{
    public BudgetDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BudgetDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design.db").Configure(options);
        return new BudgetDbContext(options.Options);
    }
}
