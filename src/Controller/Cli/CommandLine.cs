using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// The one command line of the executable (DESIGN §3.3), parsed by System.CommandLine: every command,
/// its options, their defaults and its help are declared once, in the command's own class, and the
/// usage text is the parser's help. Usage errors exit 2 naming the problem; help exits 0.
/// </summary>
public static class CommandLine
{
    public const string ExecutableName = "HydroOxygen.Controller";

    /// <summary>Parses and runs; a usage error prints the problems and the command's help to <paramref name="stderr"/> and exits 2.</summary>
    public static int Run(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // System.CommandLine's own words (its errors and help headings) in the terminal's language too.
            SatelliteAssemblies.FindWhateverTheCase();
            CultureInfo.CurrentUICulture = CliLanguage.FromEnvironment() == Languages.Chinese ? CultureInfo.GetCultureInfo("zh-Hans") : CultureInfo.InvariantCulture;
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            var flagsWithValues = FlagsGivenValues(root, args);
            if ((parsed.Errors.Count > 0 || flagsWithValues.Count > 0) && parsed.Action is not HelpAction)
            {
                var command = parsed.CommandResult.Command;
                var name = command == root ? ExecutableName : CommandPath(parsed);
                foreach (var flag in flagsWithValues)
                {
                    stderr.WriteLine($"{name}: {CliLanguage.Text()["Cli.FlagTakesNoValue", flag]}");
                }

                foreach (var error in flagsWithValues.Count > 0 ? [] : parsed.Errors)
                {
                    stderr.WriteLine($"{name}: {error.Message}");
                }

                stderr.WriteLine();
                WriteHelp(command, stderr);
                return ExitCodes.Usage;
            }

            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>One command run on its own (as the tests and the command classes' <c>Run</c> do): <c>simulate …</c> under the program's name.</summary>
    internal static int RunAlone(Command command, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var root = new Command(ExecutableName) { new HelpOption(), command };
        return Run(root, [command.Name, .. args], stdout, stderr);
    }

    /// <summary>
    /// Switches written with a value (<c>--quiet=yes</c>): the parser would take the value for an
    /// argument of its own and blame that instead; the switch is what was mistyped.
    /// </summary>
    private static List<string> FlagsGivenValues(Command root, IReadOnlyList<string> args)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        void Collect(Command command)
        {
            foreach (var option in command.Options.Where(o => o.ValueType == typeof(bool)))
            {
                flags.Add(option.Name);
            }

            foreach (var sub in command.Subcommands)
            {
                Collect(sub);
            }
        }

        Collect(root);
        return [.. args.Where(a => a.Contains('=', StringComparison.Ordinal) && flags.Contains(a[..a.IndexOf('=', StringComparison.Ordinal)])).Select(a => a[..a.IndexOf('=', StringComparison.Ordinal)])];
    }

    /// <summary>What '<c>command --help</c>' prints, written to <paramref name="writer"/>.</summary>
    public static void WriteHelp(Command command, TextWriter writer)
    {
        var path = new List<string>();
        var root = command;
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            root = current;
            path.Insert(0, current.Name);
        }

        root.Parse([.. path.Skip(1), "--help"], new ParserConfiguration { ResponseFileTokenReplacer = null })
            .Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names.Skip(1));
    }
}
