using System.Reflection;

namespace BudgetControl.Tests;

/// <summary>Modules depend only on the shared projects and show only their entry class.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Shared = ["BudgetControl.Hosting", "BudgetControl.Data"];

    public static TheoryData<string> Modules => new(ModuleNames);

    private static IEnumerable<string> ModuleNames =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Concat(typeof(Program).Assembly.GetReferencedAssemblies().Select(Assembly.Load))
            .Select(a => a.GetName().Name!)
            .Where(n => n.StartsWith("BudgetControl.", StringComparison.Ordinal)
                && !Shared.Contains(n)
                && n is not ("BudgetControl.Server" or "BudgetControl.Tests" or "BudgetControl.Data.Sqlite" or "BudgetControl.Data.Postgres"))
            .Distinct()
            .Order();

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_only_the_shared_projects(string module)
    {
        var references = Assembly.Load(module).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("BudgetControl.", StringComparison.Ordinal));
        Assert.All(references, r => Assert.Contains(r, Shared));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_exposes_only_its_entry_class(string module)
    {
        var publicTypes = Assembly.Load(module).GetExportedTypes().Select(t => t.Name).ToList();
        Assert.Equal([module["BudgetControl.".Length..] + "Module"], publicTypes);
    }

    [Fact]
    public void Every_module_is_found()
    {
        Assert.Contains("BudgetControl.Authentication", ModuleNames);
        Assert.Contains("BudgetControl.Workspace", ModuleNames);
        Assert.Equal(14, ModuleNames.Count()); // the 12 services of ARCHITECTURE.md, Core (reference data) and the gateway
    }
}
