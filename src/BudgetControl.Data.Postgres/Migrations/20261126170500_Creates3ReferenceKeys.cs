using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Postgres.Migrations
{
    /// <inheritdoc />
    [DbContext(typeof(BudgetDbContext))]
    [Migration("20261126170500_Creates3ReferenceKeys")]
    public partial class Creates3ReferenceKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the database only (ReferenceKeys.cs, decision 0013).
            migrationBuilder.Sql(ReferenceKeys.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReferenceKeys.Down);
        }
    }
}
