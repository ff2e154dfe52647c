using System.CommandLine;
using System.Data.Common;
using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Telemetry;

namespace HydroOxygen.Controller.Fleet;

/// <summary>
/// <c>fleet watch</c> and <c>fleet collect</c>, the service engineers' side of DESIGN §3.6, parsed
/// with System.CommandLine. Exit codes as the rest of the program: 0 ok, 1 failed, 2 usage.
/// </summary>
public static class FleetCommand
{
    private static readonly Option<string> Broker = new("--broker") { Description = FleetText.Help("Broker"), Required = true };
    private static readonly Option<string> Root = new("--root") { Description = FleetText.Help("Root"), DefaultValueFactory = _ => "hydroxy" };
    private static readonly Option<string?> Ca = new("--ca") { Description = FleetText.Help("Ca") };
    private static readonly Option<string?> Cert = new("--cert") { Description = FleetText.Help("Cert") };
    private static readonly Option<string?> Key = new("--key") { Description = FleetText.Help("Key") };
    private static readonly Option<string?> User = new("--username") { Description = FleetText.Help("User") };
    private static readonly Option<string?> PasswordFile = new("--password-file") { Description = FleetText.Help("PasswordFile") };
    private static readonly Option<string> Site = new("--site") { Description = FleetText.Help("Site"), DefaultValueFactory = _ => "+" };
    private static readonly Option<double> Interval = new("--interval") { Description = FleetText.Help("Interval"), DefaultValueFactory = _ => 1.0 };
    private static readonly Option<double?> Once = new("--once") { Description = FleetText.Help("Once") };
    private static readonly Option<string> Db = new("--db") { Description = FleetText.Help("Db"), DefaultValueFactory = _ => "fleet.db" };
    private static readonly Option<string> Group = new("--group") { Description = FleetText.Help("Group"), DefaultValueFactory = _ => "hydroxy-collectors" };
    private static readonly Option<string> Name = new("--name") { Description = FleetText.Help("Name"), DefaultValueFactory = _ => $"hydroxy-collector-{Environment.MachineName}" };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAlone(Create(stdout, stderr), args, stdout, stderr);

    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var watch = new Command("watch", FleetText.Help("Watch")) { Broker, Root, Site, Interval, Once, Ca, Cert, Key, User, PasswordFile };
        watch.SetAction((result, stop) => WatchAsync(result, stdout, stderr, stop));
        var collect = new Command("collect", FleetText.Help("Collect")) { Broker, Root, Db, Group, Name, Ca, Cert, Key, User, PasswordFile };
        collect.SetAction((result, stop) => CollectAsync(result, stderr, stop));
        return new Command("fleet", FleetText.Help("Fleet")) { watch, collect };
    }

    private static async Task<int> WatchAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        if (!TryConnection(result, stderr, out var connection))
        {
            return ExitCodes.Usage;
        }

        var interval = result.GetValue(Interval);
        var once = result.GetValue(Once);
        if (!(interval is >= 0.1 and <= 3600) || once is not (null or (>= 0 and <= 3600)))
        {
            stderr.WriteLine(FleetText.Problem("Fleet.IntervalBad"));
            return ExitCodes.Usage;
        }

        var watch = new FleetWatch(connection, result.GetValue(Root)!, result.GetValue(Site)!, line => stderr.WriteLine($"fleet watch: {line}"));
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var running = watch.RunAsync(stopWatching.Token);
        var inPlace = !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        try
        {
            if (once is { } wait)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), stop).ConfigureAwait(false);
                stdout.Write(FleetTable.Render(watch.Devices, DateTimeOffset.Now));
            }
            else
            {
                while (!stop.IsCancellationRequested)
                {
                    // Home and clear, then the table: it refreshes in place on a terminal.
                    stdout.Write((inPlace ? "\u001b[H\u001b[2J" : "") + FleetTable.Render(watch.Devices, DateTimeOffset.Now) + (inPlace ? "" : Environment.NewLine));
                    await Task.Delay(TimeSpan.FromSeconds(interval), stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        await stopWatching.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> CollectAsync(ParseResult result, TextWriter stderr, CancellationToken stop)
    {
        if (!TryConnection(result, stderr, out var connection))
        {
            return ExitCodes.Usage;
        }

        var spec = result.GetValue(Db)!;
        FleetDatabase database;
        try
        {
            database = FleetDatabase.Open(spec);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or ArgumentException or UriFormatException)
        {
            stderr.WriteLine($"fleet collect: {FleetText.DatabaseUnavailable(FleetDatabase.IsPostgresSpec(spec) ? "(postgresql)" : spec, ex.Message)}");
            return ExitCodes.Failed;
        }

        using (database)
        {
            void Report(string line) => stderr.WriteLine($"fleet collect: {line}");
            var collector = new FleetCollector(connection, database, result.GetValue(Root)!, result.GetValue(Group)!, result.GetValue(Name)!, Report);
            await collector.RunAsync(stop).ConfigureAwait(false);
            Report(FleetText.CollectorTotals(collector.Received, collector.Inserted, collector.Duplicates, collector.Rejected));
        }

        return ExitCodes.Ok;
    }

    private static bool TryConnection(ParseResult result, TextWriter stderr, out BrokerConnectionOptions connection)
    {
        connection = null!;
        if (!BrokerAddress.TryParse(result.GetValue(Broker), out var address, out var problem))
        {
            stderr.WriteLine($"fleet: --broker: {problem}");
            return false;
        }

        var (ca, cert, key) = (result.GetValue(Ca), result.GetValue(Cert), result.GetValue(Key));
        if (!address.Tls && (ca ?? cert ?? key) is not null)
        {
            stderr.WriteLine($"fleet: {FleetText.Problem("Fleet.TlsOptionsNeedTls")}");
            return false;
        }

        var user = result.GetValue(User);
        var passwordFile = result.GetValue(PasswordFile);
        var password = passwordFile is null ? Environment.GetEnvironmentVariable(FleetText.PasswordVariable) : null;
        if (user is null && (passwordFile ?? password) is not null)
        {
            stderr.WriteLine($"fleet: {FleetText.Problem("Fleet.PasswordNeedsUser")}");
            return false;
        }

        connection = new BrokerConnectionOptions(address, new BrokerCredentials(ca, cert, key, user, password, passwordFile));
        return true;
    }
}
