using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BudgetControl.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model (see docs/development.md).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BudgetDbContext>
{
    public BudgetDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BudgetDbContext>();
        new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost;Database=budgetcontrol_design").Configure(options);
        return new BudgetDbContext(options.Options);
    }
}
