using System.Text;
using Memory.Model;
using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>Turns a <see cref="MemoryFilter"/> into <c>AND ...</c> clauses on the <c>memories</c> table, with parameters.</summary>
internal static class MemoryFilterSql
{
    public static void Append(StringBuilder sql, SqliteCommand command, MemoryFilter filter)
    {
        if (!filter.IncludeSuperseded)
        {
            sql.Append(" AND valid_to IS NULL");
        }

        if (filter.MinConfidence is { } minConfidence)
        {
            sql.Append(" AND confidence >= $minConfidence");
            command.Parameters.AddWithValue("$minConfidence", minConfidence);
        }

        if (filter.OccurredAfter is { } occurredAfter)
        {
            sql.Append(" AND occurred_at >= $occurredAfter");
            command.Parameters.AddWithValue("$occurredAfter", occurredAfter.UtcTicks);
        }

        if (filter.Contexts is { } contexts)
        {
            sql.Append(" AND context IN (");
            for (var i = 0; i < contexts.Count; i++)
            {
                sql.Append(i == 0 ? "$context0" : $", $context{i}");
                command.Parameters.AddWithValue($"$context{i}", contexts[i]);
            }

            sql.Append(')');
        }
    }
}
