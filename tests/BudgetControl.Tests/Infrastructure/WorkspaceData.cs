using System.Net;
using System.Net.Http.Json;
using BudgetControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetControl.Tests.Infrastructure;

/// <summary>Helpers for tests of workspace-scoped data: sharing, and direct database access to arrange state.</summary>
public static class WorkspaceData
{
    /// <summary>Shares the owner's workspace with another user in a role (viewer, member, admin).</summary>
    public static async Task ShareAsync(this TestUser owner, Guid workspace, TestUser invitee, string role)
    {
        var response = await owner.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", new { user_to_share = invitee.Email, role });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs <paramref name="action"/> on a fresh context of the app's database, e.g. to simulate what another module writes.</summary>
    public static async Task<T> WithDatabaseAsync<T>(this BudgetApp app, Func<BudgetDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<BudgetDbContext>());
    }

    public static Task WithDatabaseAsync(this BudgetApp app, Func<BudgetDbContext, Task> action) =>
        app.WithDatabaseAsync(async db =>
        {
            await action(db);
            return true;
        });

    /// <summary>The internal id of a workspace (tests only; the API never shows it).</summary>
    public static Task<int> WorkspaceIdAsync(this BudgetApp app, Guid workspace) =>
        app.WithDatabaseAsync(db => db.Workspaces.Where(w => w.Uuid == workspace).Select(w => w.Id).SingleAsync());
}
