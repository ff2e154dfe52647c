using System.CommandLine;
using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>sessions list</c>, <c>sessions export</c> and <c>sessions summary</c>: the treatment records on the command line, read
/// from the same database the service writes (read-only; safe while the service runs).
/// </summary>
public static class SessionsCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAlone(Create(stdout, stderr), args, stdout, stderr);

    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var text = CliLanguage.Text();
        Option<string> Database() => new("--db") { Description = text["Cli.Sessions.Db"], HelpName = "FILE", DefaultValueFactory = _ => DefaultDatabase() };
        var listDb = Database();
        var limit = new Option<int>("--limit")
        {
            Description = text["Cli.Sessions.Limit"],
            HelpName = "N",
            DefaultValueFactory = _ => 20,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                result.AddError(text["Cli.Sessions.LimitBad", result.Tokens[0].Value]);
                return 20;
            },
        };
        var list = new Command("list", text["Cli.Sessions.List"]) { listDb, limit };
        list.SetAction(result => Guarded(result.GetValue(listDb)!, stderr, null, queries => List(queries, result.GetValue(limit), stdout)));

        var exportDb = Database();
        var which = new Argument<string>("id|all") { Description = text["Cli.Sessions.Which"], Arity = ArgumentArity.ExactlyOne };
        which.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var value && value != "all" && !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                result.AddError(text["Cli.Sessions.WhichBad", value]);
            }
        });
        var output = new Option<string?>("--out") { Description = text["Cli.Sessions.Out"], HelpName = "FILE.csv" };
        var events = new Option<bool>("--events") { Description = text["Cli.Sessions.Events"] };
        var export = new Command("export", text["Cli.Sessions.Export"]) { which, output, events, exportDb };
        export.SetAction(result => Guarded(
            result.GetValue(exportDb)!,
            stderr,
            result.GetValue(output),
            queries => Export(queries, result.GetValue(which) is "all" or null ? null : long.Parse(result.GetValue(which)!, CultureInfo.InvariantCulture), result.GetValue(output), result.GetValue(events), stdout, stderr)));

        var summaryDb = Database();
        Option<DateOnly?> Day(string name, string description) => new(name)
        {
            Description = description,
            HelpName = "yyyy-MM-dd",
            CustomParser = result =>
            {
                if (DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }

                result.AddError(text["Cli.Sessions.DateBad", name, result.Tokens[0].Value]);
                return null;
            },
        };
        var from = Day("--from", text["Cli.Sessions.From"]);
        var to = Day("--to", text["Cli.Sessions.To"]);
        var summaryOut = new Option<string?>("--out") { Description = text["Cli.Sessions.SummaryOut"], HelpName = "FILE.csv" };
        var summary = new Command("summary", text["Cli.Sessions.Summary"]) { from, to, summaryOut, summaryDb };
        summary.SetAction(result => Guarded(
            result.GetValue(summaryDb)!,
            stderr,
            result.GetValue(summaryOut),
            queries => Summary(queries, result.GetValue(from), result.GetValue(to), result.GetValue(summaryOut), stdout, stderr)));
        return new Command("sessions", text["Cli.Sessions.Description"]) { list, export, summary };
    }

    private static int Guarded(string path, TextWriter stderr, string? output, Func<SessionQueries, int> action)
    {
        var text = CliLanguage.Text();
        var queries = new SessionQueries(path);
        if (!queries.Exists)
        {
            stderr.WriteLine("sessions: " + text["Cli.Sessions.NoDatabase", path]);
            return ExitCodes.Failed;
        }

        try
        {
            return action(queries);
        }
        catch (SqliteException ex)
        {
            stderr.WriteLine("sessions: " + text["Cli.Sessions.Unreadable", path, ex.Message]);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("sessions: " + text["Cli.Sessions.Unwritable", output ?? "", ex.Message]);
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
            stdout.WriteLine(CliLanguage.Text()["Cli.Sessions.None", queries.Path]);
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        var text = CliLanguage.Text();
        string H(string column) => text["Cli.Sessions.Column." + column];
        stdout.WriteLine($"{Pad(H("Id"), 5, right: true)}  {Pad(H("Started"), 19)}  {Pad(H("Ended"), 19)}  {Pad(H("End"), 15)}  {Pad(H("Duration"), 8, right: true)}  {Pad(H("Program"), 9)}  {Pad(H("Gas"), 10)}  {Pad(H("Spray"), 8, right: true)}  {Pad(H("Liquid"), 9, right: true)}  {H("Alarms")}");
        foreach (var s in sessions)
        {
            var line = new StringBuilder();
            line.Append(inv, $"{s.Id,5}  {TimeZoneInfo.ConvertTime(s.StartedAt, TimeZoneInfo.Local).DateTime,-19:yyyy-MM-dd HH:mm:ss}  ");
            line.Append(inv, $"{(s.EndedAt is { } ended ? TimeZoneInfo.ConvertTime(ended, TimeZoneInfo.Local).DateTime.ToString("yyyy-MM-dd HH:mm:ss", inv) : text["Cli.Sessions.Open"]),-19}  ");
            line.Append(inv, $"{s.EndReason ?? "",-15}  {Duration(s.DurationS),8}  {string.Join('>', s.Programs),-9}  {string.Join('>', s.GasSources),-10}  ");
            line.Append(inv, $"{s.SprayS,8:0.0}  {s.LiquidMl,9:0.00}  {(s.Alarms.Count == 0 ? "-" : string.Join(' ', s.Alarms))}");
            stdout.WriteLine(line.ToString());
        }

        return ExitCodes.Ok;
    }

    private static int Export(SessionQueries queries, long? id, string? output, bool events, TextWriter stdout, TextWriter stderr)
    {
        string csv;
        if (id is { } one)
        {
            if (queries.Session(one) is not { } session)
            {
                stderr.WriteLine("sessions: " + CliLanguage.Text()["Cli.Sessions.NoSuchSession", one, queries.Path]);
                return ExitCodes.Failed;
            }

            csv = events ? SessionCsv.Events(queries.EventsOf(one)) : SessionCsv.Sessions([session]);
        }
        else
        {
            csv = events
                ? SessionCsv.Events(queries.AllSessionsInOrder().SelectMany(s => queries.EventsOf(s.Id)))
                : SessionCsv.Sessions(queries.AllSessionsInOrder());
        }

        if (output is null)
        {
            stdout.Write(csv);
            return ExitCodes.Ok;
        }

        // The file starts with the byte-order mark (SessionCsv.ByteOrderMark), as the API's downloads do.
        File.WriteAllText(output, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        stderr.WriteLine(CliLanguage.Text()["Cli.Sessions.Wrote", output]);
        return ExitCodes.Ok;
    }

    /// <summary>The daily summary: a table per local day and program, or the CSV with --out.</summary>
    private static int Summary(SessionQueries queries, DateOnly? from, DateOnly? to, string? output, TextWriter stdout, TextWriter stderr)
    {
        var text = CliLanguage.Text();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var last = to ?? (from is { } f ? f.AddDays(6) : today);
        var first = from ?? last.AddDays(-6);
        if (last < first || last.DayNumber - first.DayNumber >= 366)
        {
            stderr.WriteLine("sessions: " + text["Cli.Sessions.RangeBad", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            return ExitCodes.Usage;
        }

        var summary = queries.Summary(first, last, TimeZoneInfo.Local);
        if (output is not null)
        {
            File.WriteAllText(output, SessionCsv.Summary(summary), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            stderr.WriteLine(text["Cli.Sessions.Wrote", output]);
            return ExitCodes.Ok;
        }

        string H(string column) => text["Cli.Sessions.Column." + column];
        stdout.WriteLine($"{Pad(H("Date"), 10)}  {Pad(H("Program"), 9)}  {Pad(H("Treatments"), 10, right: true)}  {Pad(H("TreatmentTime"), 9, right: true)}  {Pad(H("SprayTime"), 9, right: true)}  {Pad(H("Liquid"), 9, right: true)}  {Pad(H("Oxygen"), 9, right: true)}  {Pad(H("AlarmCount"), 6, right: true)}");
        var inv = CultureInfo.InvariantCulture;
        void Row(string date, string program, SummaryFigures figures) => stdout.WriteLine(string.Create(
            inv,
            $"{date,-10}  {program,-9}  {figures.Treatments,10}  {SessionCsv.Hms(figures.TreatmentTimeS),9}  {SessionCsv.Hms(figures.SprayS),9}  {figures.LiquidMl,9:0.0}  {figures.OxygenLitres,9:0.0}  {figures.Alarms,6}"));
        foreach (var day in summary.Days)
        {
            var date = day.Date.ToString("yyyy-MM-dd", inv);
            Row(date, text["Cli.Sessions.AllPrograms"], day.Figures);
            foreach (var program in day.Programs)
            {
                Row("", program.Program, program.Figures);
            }
        }

        stdout.WriteLine(text["Cli.Sessions.SummaryZone", summary.TimeZone]);
        return ExitCodes.Ok;
    }

    /// <summary>A column heading padded by display width (a Chinese character takes two columns).</summary>
    private static string Pad(string heading, int width, bool right = false) => TerminalColumns.Pad(heading, width, right);

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
