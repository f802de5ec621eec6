using System.Text;
using Microsoft.EntityFrameworkCore.Storage;

namespace BudgetControl.Data;

/// <summary>
/// How identifiers are written in PostgreSQL's SQL: as Npgsql's EF Core provider writes them (quoted only when needed:
/// an upper-case letter, a character other than a lower-case letter, digit, <c>_</c> or <c>$</c>, or a reserved
/// word), without its way of finding the reserved words. The provider's helper reads them in a static constructor from
/// <c>NpgsqlConnection.GetSchema("ReservedWords")</c>, a <c>DataTable</c>: that alone loaded System.Private.Xml and
/// System.Data's table machinery into every PostgreSQL process (docs/performance.md, "branch memory3").
/// <c>PostgresIdentifiersTests</c> checks that the list equals the provider's and that every identifier of the model
/// comes out as the provider writes it.
/// </summary>
internal sealed class PostgresIdentifiers(RelationalSqlGenerationHelperDependencies dependencies) : RelationalSqlGenerationHelper(dependencies)
{
    /// <summary>PostgreSQL's reserved key words (a HashSet: a frozen set would load one more assembly), as <c>NpgsqlConnection.GetSchema("ReservedWords")</c> lists them.</summary>
    internal static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "ASYMMETRIC", "AUTHORIZATION", "BINARY",
        "BOTH", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "CONCURRENTLY", "CONSTRAINT", "CREATE", "CROSS",
        "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP",
        "CURRENT_USER", "DEFAULT", "DEFERRABLE", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH",
        "FOR", "FOREIGN", "FREEZE", "FROM", "FULL", "GRANT", "GROUP", "HAVING", "ILIKE", "IN", "INITIALLY", "INNER",
        "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LATERAL", "LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME",
        "LOCALTIMESTAMP", "NATURAL", "NOT", "NOTNULL", "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVER",
        "OVERLAPS", "PLACING", "PRIMARY", "REFERENCES", "RETURNING", "RIGHT", "SELECT", "SESSION_USER", "SIMILAR",
        "SOME", "SYMMETRIC", "TABLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "USER", "USING",
        "VARIADIC", "VERBOSE", "WHEN", "WHERE", "WINDOW", "WITH",
    };

    public override string DelimitIdentifier(string identifier) =>
        RequiresQuoting(identifier) ? base.DelimitIdentifier(identifier) : identifier;

    public override void DelimitIdentifier(StringBuilder builder, string identifier)
    {
        if (RequiresQuoting(identifier))
        {
            base.DelimitIdentifier(builder, identifier);
        }
        else
        {
            builder.Append(identifier);
        }
    }

    private static bool RequiresQuoting(string identifier)
    {
        var first = identifier[0];
        if (!char.IsLower(first) && first != '_')
        {
            return true;
        }
        for (var i = 1; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLower(c) && !char.IsAsciiDigit(c) && c is not ('_' or '$'))
            {
                return true;
            }
        }
        return ReservedWords.Contains(identifier.ToUpperInvariant());
    }
}
