using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetControl.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    [DbContext(typeof(BudgetDbContext))]
    [Migration("20261126170500_Creates3ReferenceKeys")]
    public partial class Creates3ReferenceKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing on SQLite: it keeps the entries' foreign keys to reference rows (decision 0013); the name matches PostgreSQL's.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
