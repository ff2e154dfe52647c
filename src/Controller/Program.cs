using System.CommandLine;
using System.CommandLine.Help;
using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Fleet;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller;

/// <summary>
/// One executable (DESIGN §3.3): with no command it runs the controller service (configuration
/// overrides <c>--Section:Key=value</c> and <c>--urls</c> go to the host); every command declares
/// its own options, and <see cref="CommandLine"/> parses them.
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        CommandLine.Run(Root(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected), args, Console.Out, Console.Error);

    /// <summary>The whole program: the service (no command) and every command.</summary>
    public static Command Root(TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var text = CliLanguage.Text();
        // Repeatable, the last one counting, as the host's own configuration reads its command line.
        var urls = new Option<string[]>("--urls") { Description = text["Cli.Help.Urls"], HelpName = "http://HOST:PORT" };
        var root = new Command(CommandLine.ExecutableName, text["Cli.Help.Root"])
        {
            new HelpOption(),
            urls,
            SimulateCommand.Create(stdout, stderr),
            SessionsCommand.Create(stdout, stderr),
            HashCredentialCommand.Create(stdin, stdout, stderr, interactive),
            FleetCommand.Create(stdout, stderr),
        };
        foreach (var verb in ServiceCommand.Create(stdin, stdout, stderr, interactive))
        {
            root.Add(verb);
        }

        var help = new Command("help", text["Cli.Help.Help"]);
        var topic = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = text["Cli.Help.HelpTopic"] };
        help.Add(topic);
        help.SetAction(result =>
        {
            // The help of the root, or of the command named: what '<command> --help' prints.
            var target = root;
            foreach (var name in result.GetValue(topic) ?? [])
            {
                if (target.Subcommands.FirstOrDefault(c => c.Name == name) is not { } next)
                {
                    stderr.WriteLine(text["Cli.UnknownCommand", name]);
                    return ExitCodes.Usage;
                }

                target = next;
            }

            CommandLine.WriteHelp(target, stdout);
            return ExitCodes.Ok;
        });
        root.Add(help);

        // No command: the service. Its --Section:Key=value settings are not the parser's to judge:
        // they go to the host as they were written, where the configuration checks them.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(result =>
        {
            var tokens = result.Tokens.Select(t => t.Value).ToArray();
            if (tokens.Length > 0 && !tokens[0].StartsWith('-'))
            {
                stderr.WriteLine(text["Cli.UnknownCommand", tokens[0]]);
                CommandLine.WriteHelp(root, stderr);
                return ExitCodes.Usage;
            }

            return Startup.ControllerHost.Run(tokens);
        });
        return root;
    }

}
