using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BudgetsYearTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entry_year_totals",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    wallet_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_year_totals", x => new { x.workspace_id, x.year, x.wallet_id, x.category_id, x.type });
                });
            // The years from the month rows (YearTotalsBackfill.cs).
            migrationBuilder.Sql(YearTotalsBackfill.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entry_year_totals");
        }
    }
}
