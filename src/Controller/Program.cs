using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Fleet;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller;

/// <summary>
/// One executable (DESIGN §3.3): with no verb it runs the controller service; <c>simulate</c> runs a
/// scenario in virtual time. Configuration overrides (<c>--Section:Key=value</c>) go to the service.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            switch (args[0])
            {
                case "simulate":
                    return SimulateCommand.Run(args[1..], Console.Out, Console.Error);
                case "sessions":
                    return SessionsCommand.Run(args[1..], Console.Out, Console.Error);
                case "fleet":
                    return FleetCommand.Run(args[1..], Console.Out, Console.Error);
                case "hash-credential":
                    return HashCredentialCommand.Run(args[1..], Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);
                case var verb when ServiceCommand.Handles(verb):
                    return ServiceCommand.Run(verb, args[1..], Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);
                case "help":
                    PrintUsage(Console.Out);
                    return ExitCodes.Ok;
                default:
                    Console.Error.WriteLine(CliLanguage.Text()["Cli.UnknownCommand", args[0]]);
                    PrintUsage(Console.Error);
                    return ExitCodes.Usage;
            }
        }

        return ControllerHost.Run(args);
    }

    private static void PrintUsage(TextWriter writer) => writer.WriteLine(
        """
        usage:
          HydroOxygen.Controller [--Section:Key=value ...]     run the controller service (appsettings.json)
          HydroOxygen.Controller simulate <scenario.yaml> [--trace out.csv] [--trace-every N]
                                 [--plot out.svg] [--realtime] [--events out.log]
                                 [--backend models|drivers] [--quiet]
          HydroOxygen.Controller sessions list [--db FILE] [--limit N]
          HydroOxygen.Controller sessions export <id|all> [--out FILE.csv] [--events] [--db FILE]
          HydroOxygen.Controller calibrate|leak-test|step-test|tune|status [options]   service engineer
                                 (against the running controller; 'calibrate --help' for the options)
          HydroOxygen.Controller hash-credential                make Service:EngineerCredentialHash
          HydroOxygen.Controller fleet watch --broker mqtt://HOST:PORT [--root R] [--site S] [--once SECONDS]
          HydroOxygen.Controller fleet collect --broker mqtt://HOST:PORT [--db FILE|postgres://…] [--group G] [--name N]
                                 (engineers: the fleet's devices through their broker; 'fleet watch --help')
          HydroOxygen.Controller help
        exit codes: 0 ok, 1 failed (expectation / loop fault), 2 usage or invalid scenario,
                    3 invalid configuration, 4 hardware unavailable
        """);
}
