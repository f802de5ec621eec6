using BudgetControl.Debt.Debits;
using BudgetControl.Debt.Payees;
using BudgetControl.Hosting;
using BudgetControl.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BudgetControl.Debt;

/// <summary>The module's route table (the original Gateway paths plus payee management); one file per feature.</summary>
internal static class DebtApi
{
    public static void MapDebtApi(this IEndpointRouteBuilder app)
    {
        var payees = app.MapGroup("/api/payees").WithTags("Payees").RequireWorkspace().WithTransientRetry();
        payees.MapGet("", ListPayees.Handle);
        payees.MapGet("/{uuid}", GetPayee.Handle);
        payees.MapPost("", CreatePayee.Handle);
        payees.MapPut("/{uuid}", RenamePayee.Handle);

        var debt = app.MapGroup("/api").WithTags("Payees").RequireWorkspace().WithTransientRetry();
        debt.MapDelete("/debt/{uuid}", DeletePayee.Handle);
        debt.MapGet("/debits", ListDebits.Handle);
    }
}
