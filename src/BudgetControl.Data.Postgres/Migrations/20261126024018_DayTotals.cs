using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DayTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entry_day_totals",
                columns: table => new
                {
                    workspace_id = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    wallet_id = table.Column<int>(type: "integer", nullable: false),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entry_day_totals", x => new { x.workspace_id, x.day, x.wallet_id, x.category_id, x.type });
                });
            // Daily aggregates of the entries that exist already (the local day by AT TIME ZONE);
            // frozen copy of EntryDayTotals.RebuildAll*.
            migrationBuilder.Sql("""
                INSERT INTO entry_day_totals (workspace_id, day, wallet_id, category_id, type, total, count)
                SELECT e.workspace_id, CAST(e.date_time AT TIME ZONE COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = e.workspace_id ORDER BY s.id LIMIT 1), 'UTC') AS date), COALESCE(e.wallet_id, 0), e.category_id, e.type, SUM(e.base_amount), COUNT(*)
                FROM entries e WHERE e.deleted_at IS NULL AND e.confirmed AND NOT e.planned AND NOT e.exclude_from_stats
                GROUP BY e.workspace_id, CAST(e.date_time AT TIME ZONE COALESCE((SELECT s.time_zone FROM workspace_settings s WHERE s.workspace_id = e.workspace_id ORDER BY s.id LIMIT 1), 'UTC') AS date), COALESCE(e.wallet_id, 0), e.category_id, e.type
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entry_day_totals");
        }
    }
}
