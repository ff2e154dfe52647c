using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>sessions list</c> and <c>sessions export</c>: the session records on the command line, read
/// from the same database the service writes (read-only; safe while the service runs).
/// </summary>
public static class SessionsCommand
{
    public const string Usage =
        """
        usage: sessions list [--db FILE] [--limit N]
               sessions export <id|all> [--out FILE.csv] [--events] [--db FILE]
          list              the latest sessions, newest first (default 20; --limit 0 for all)
          export ID|all     one session or every session as CSV (to standard output unless --out)
          --events          export the session's event log instead of its record
          --db FILE         the database (default: Records:Directory of the configuration, sessions.db)
        exit codes: 0 ok, 1 no such database or session, 2 usage
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!TryParse(args, out var options, out var problem))
        {
            stderr.WriteLine($"sessions: {problem}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (options.Verb == "help")
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        var path = options.Database ?? DefaultDatabase();
        var queries = new SessionQueries(path);
        if (!queries.Exists)
        {
            stderr.WriteLine($"sessions: there is no session database at {path} (has the controller run here? --db names another)");
            return ExitCodes.Failed;
        }

        try
        {
            return options.Verb == "list" ? List(queries, options.Limit, stdout) : Export(queries, options, stdout, stderr);
        }
        catch (SqliteException ex)
        {
            stderr.WriteLine($"sessions: cannot read {path}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"sessions: cannot write {options.Output}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The database the service uses, from the same configuration files it reads.</summary>
    internal static string DefaultDatabase()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var builder = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } environment)
        {
            builder.AddJsonFile($"appsettings.{environment}.json", optional: true);
        }

        if (Environment.GetEnvironmentVariable(ControllerHost.SiteConfigurationVariable) is { Length: > 0 } site && Directory.Exists(site))
        {
            builder.AddJsonFile(Path.Combine(Path.GetFullPath(site), "appsettings.json"), optional: true);
        }

        var configuration = builder.AddEnvironmentVariables().Build();
        var directory = configuration[$"{RecordsOptions.Section}:{nameof(RecordsOptions.Directory)}"] ?? new RecordsOptions().Directory;
        return new RecordsOptions { Directory = directory }.DatabasePath(baseDirectory);
    }

    private static int List(SessionQueries queries, int limit, TextWriter stdout)
    {
        var sessions = queries.Sessions(limit == 0 ? null : limit);
        if (sessions.Count == 0)
        {
            stdout.WriteLine($"no sessions recorded in {queries.Path}");
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine($"{"id",5}  {"started (UTC)",-19}  {"ended (UTC)",-19}  {"end",-15}  {"duration",8}  {"program",-9}  {"gas",-10}  {"spray s",8}  {"liquid mL",9}  alarms");
        foreach (var s in sessions)
        {
            var line = new StringBuilder();
            line.Append(inv, $"{s.Id,5}  {s.StartedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss}  ");
            line.Append(inv, $"{(s.EndedAt is { } ended ? ended.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", inv) : "(open)"),-19}  ");
            line.Append(inv, $"{s.EndReason ?? "",-15}  {Duration(s.DurationS),8}  {string.Join('>', s.Programs),-9}  {string.Join('>', s.GasSources),-10}  ");
            line.Append(inv, $"{s.SprayS,8:0.0}  {s.LiquidMl,9:0.00}  {(s.Alarms.Count == 0 ? "-" : string.Join(' ', s.Alarms))}");
            stdout.WriteLine(line.ToString());
        }

        return ExitCodes.Ok;
    }

    private static int Export(SessionQueries queries, SessionsOptions options, TextWriter stdout, TextWriter stderr)
    {
        string csv;
        if (options.Id is { } id)
        {
            if (queries.Session(id) is not { } session)
            {
                stderr.WriteLine($"sessions: there is no session {id} in {queries.Path}");
                return ExitCodes.Failed;
            }

            csv = options.Events ? SessionCsv.Events(queries.EventsOf(id)) : SessionCsv.Sessions([session]);
        }
        else
        {
            csv = options.Events
                ? SessionCsv.Events(queries.AllSessionsInOrder().SelectMany(s => queries.EventsOf(s.Id)))
                : SessionCsv.Sessions(queries.AllSessionsInOrder());
        }

        if (options.Output is null)
        {
            stdout.Write(csv);
            return ExitCodes.Ok;
        }

        // The file starts with the byte-order mark (SessionCsv.ByteOrderMark), as the API's downloads do.
        File.WriteAllText(options.Output, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        stderr.WriteLine($"wrote {options.Output}");
        return ExitCodes.Ok;
    }

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    private sealed record SessionsOptions(string Verb, long? Id, string? Output, string? Database, int Limit, bool Events);

    private static bool TryParse(IReadOnlyList<string> args, out SessionsOptions options, out string problem)
    {
        options = new SessionsOptions("help", null, null, null, 20, false);
        problem = "";
        if (args.Count == 0)
        {
            problem = "say list or export";
            return false;
        }

        var verb = args[0];
        if (verb is "help" or "--help" or "-h")
        {
            return true;
        }

        if (verb is not ("list" or "export"))
        {
            problem = $"unknown verb '{verb}'";
            return false;
        }

        long? id = null;
        string? output = null;
        string? database = null;
        var limit = 20;
        var events = false;
        var which = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--db" or "--out" or "--limit" when i + 1 >= args.Count:
                    problem = $"{arg} needs a value";
                    return false;
                case "--db":
                    database = args[++i];
                    break;
                case "--out" when verb == "export":
                    output = args[++i];
                    break;
                case "--events" when verb == "export":
                    events = true;
                    break;
                case "--limit" when verb == "list":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out limit))
                    {
                        problem = $"--limit must be a whole number, was '{args[i]}'";
                        return false;
                    }

                    break;
                case "all" when verb == "export" && !which:
                    which = true;
                    break;
                default:
                    if (verb == "export" && !which && long.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        id = parsed;
                        which = true;
                        break;
                    }

                    problem = $"unexpected argument '{arg}'";
                    return false;
            }
        }

        if (verb == "export" && !which)
        {
            problem = "export needs a session id or 'all'";
            return false;
        }

        options = new SessionsOptions(verb, id, output, database, limit, events);
        return true;
    }
}
