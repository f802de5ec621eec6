using System.Net;
using System.Net.Http.Json;

namespace BudgetControl.Tests.Infrastructure;

public static class Sharing
{
    /// <summary>Shares the owner's workspace with another user in a role (viewer, member, admin).</summary>
    public static async Task ShareAsync(this TestUser owner, Guid workspace, TestUser invitee, string role)
    {
        var response = await owner.Client().PostAsJsonAsync($"/api/workspace/{workspace}/share", new { user_to_share = invitee.Email, role });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
