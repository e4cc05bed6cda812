using System.Diagnostics;
using Memory.Model;
using Memory.Stores.Sqlite.Index;

namespace Memory.Stores.Sqlite;

/// <summary>The resident per-user vector index: loading a user's vectors and keeping loaded sets current.</summary>
internal sealed partial class SqliteMemoryStore
{
    /// <summary>Reads the user's vectors of one model into a new set (under the entry's gate, so no write is missed:
    /// writers update resident sets after committing, under the same gate).</summary>
    private VectorSet LoadSet(UserKey user, string model)
    {
        var started = Stopwatch.GetTimestamp();
        using var connection = _db.Open();
        using var count = connection.CreateCommand();
        count.CommandText = SqliteSchema.CountUserVectors;
        AddUser(count, user);
        count.Parameters.AddWithValue("$model", model);
        var rows = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var set = new VectorSet(model, rows);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.LoadUserVectors;
        AddUser(command, user);
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var buffer = Array.Empty<byte>();
        while (reader.Read())
        {
            if (reader.IsDBNull(5))
            {
                continue;
            }

            var length = (int)reader.GetBytes(5, 0, null, 0, 0);
            if (buffer.Length < length)
            {
                buffer = new byte[length];
            }

            reader.GetBytes(5, 0, buffer, 0, length);
            var vector = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, length - length % sizeof(float)));
            set.Add(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4) != 0, vector);
        }

        LogIndexLoaded(_logger, set.Count, set.EstimatedBytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return set;
    }

    private void UpdateIndex(UserKey user, Action<VectorSet> apply)
    {
        if (_index.Find(user) is not { } entry)
        {
            return;
        }

        lock (entry.Gate)
        {
            if (entry.Dropped)
            {
                return;
            }

            foreach (var set in entry.Sets.Values)
            {
                apply(set);
            }

            _index.Account(entry, entry.EstimatedBytes);
        }
    }
}
