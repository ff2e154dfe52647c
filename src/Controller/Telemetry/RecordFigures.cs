using System.Globalization;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>Figures the published status and maintenance messages take from the session records (read-only).</summary>
internal sealed class RecordFigures(string databasePath)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>Sessions started since <paramref name="from"/>.</summary>
    public int SessionsSince(DateTimeOffset from)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions WHERE started_at >= $from";
        command.Parameters.AddWithValue("$from", SessionSchema.FormatTime(from));
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every session's totals: count, duration, spraying, liquid.</summary>
    public (int Sessions, double DurationS, double SprayS, double LiquidMl) Totals()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(duration_s), 0), coalesce(sum(spray_s), 0), coalesce(sum(liquid_ml), 0) FROM sessions";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    /// <summary>Local midnight of <paramref name="now"/>'s day, the start of "today" for a salon.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        return midnight.ToUniversalTime();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
