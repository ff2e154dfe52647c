using System.CommandLine;
using System.Globalization;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// The service engineer's verbs — <c>calibrate</c>, <c>leak-test</c>, <c>step-test</c>, <c>tune</c>,
/// <c>status</c> — against a running controller's engineer endpoints. Interactive by default (prompts
/// for the credential, the reference gauge readings and every confirmation); with arguments,
/// scriptable: nothing is stored without <c>--yes</c> when there is no one to ask.
/// </summary>
public static class ServiceCommand
{
    public const string CredentialVariable = "HYDROXY_ENGINEER_CREDENTIAL";
    public const string UrlVariable = "HYDROXY_URL";
    public const string DefaultUrl = "http://127.0.0.1:5080/";

    private static readonly string[] Verbs = ["calibrate", "certificate", "leak-test", "leak-tests", "step-test", "tune", "status", "exit", "access-log"];

    /// <summary>The verbs under <c>service</c> (<c>service exit</c>, <c>service access-log</c>), not on their own.</summary>
    private static readonly string[] ServiceVerbs = ["exit", "access-log"];

    public static bool Handles(string verb) => Verbs.Contains(verb) && !ServiceVerbs.Contains(verb);

    /// <summary>One verb run on its own (tests, scripts): <c>leak-test --pressure 0.5 …</c>.</summary>
    public static int Run(string verb, IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(verb);
        var commands = Create(stdin, stdout, stderr, interactive);
        var command = commands.SingleOrDefault(c => c.Name == verb) ?? commands.Single(c => c.Name == "service").Subcommands.Single(c => c.Name == verb);
        return CommandLine.RunAlone(command, args, stdout, stderr);
    }

    /// <summary>The five verbs, each with the options it takes.</summary>
    internal static IReadOnlyList<Command> Create(TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var text = CliLanguage.Text();
        var commands = new List<Command>();
        foreach (var verb in Verbs)
        {
            var url = new Option<Uri>("--url")
            {
                Description = text["Cli.Engineer.Url", UrlVariable],
                HelpName = "URL",
                DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment && ServiceCommandOptions.TryUrl(fromEnvironment, out var parsed) ? parsed : new Uri(DefaultUrl),
                // Given twice, the later one wins (a script's own --url after a default one); each must be an address.
                Arity = ArgumentArity.OneOrMore,
                CustomParser = result =>
                {
                    var url = new Uri(DefaultUrl);
                    foreach (var token in result.Tokens)
                    {
                        if (!ServiceCommandOptions.TryUrl(token.Value, out url))
                        {
                            return Fail(result, text["Cli.Engineer.UrlBad", "--url", token.Value], new Uri(DefaultUrl));
                        }
                    }

                    return url;
                },
            };
            var engineer = new Option<string?>("--engineer")
            {
                Description = text["Cli.Engineer.Engineer"],
                HelpName = "NAME",
                CustomParser = result => result.Tokens[0].Value switch
                {
                    var option when option.StartsWith("--", StringComparison.Ordinal) => Fail<string?>(result, text["Cli.Engineer.NeedsValue", "--engineer", option], null),
                    var name when name.Trim() is { Length: > 0 and <= 64 } trimmed => trimmed,
                    _ => Fail<string?>(result, text["Cli.Engineer.EngineerBad"], null),
                },
            };
            var credentialFile = new Option<string?>("--credential-file") { Description = text["Cli.Engineer.CredentialFile", CredentialVariable], HelpName = "FILE" };
            var stay = new Option<bool>("--stay") { Description = text["Cli.Engineer.Stay"] };
            var command = new Command(verb, text[$"Cli.Engineer.{Describe(verb)}"]) { url, engineer, credentialFile, stay };

            Option<bool>? yes = null;
            Option<IReadOnlyList<double>>? points = null;
            Option<string?>? reference = null;
            Option<int?>? last = null;
            Option<string?>? referenceId = null;
            Option<bool>? csv = null;
            Option<string?>? outFile = null;
            Option<int?>? revision = null;
            var numbers = new Dictionary<string, Option<double?>>(StringComparer.Ordinal);
            switch (verb)
            {
                case "calibrate":
                    points = new Option<IReadOnlyList<double>>("--points")
                    {
                        Description = text["Cli.Engineer.Points"],
                        HelpName = "MPa,…",
                        DefaultValueFactory = _ => ServiceProcedures.DefaultCalibrationPoints,
                        CustomParser = result => ServiceCommandOptions.TryList(result.Tokens[0].Value, out var list) ? list : Fail(result, text["Cli.Engineer.PointsBad", result.Tokens[0].Value], ServiceProcedures.DefaultCalibrationPoints),
                    };
                    reference = new Option<string?>("--reference") { Description = text["Cli.Engineer.Reference"], HelpName = "T=R,…|simulator" };
                    yes = new Option<bool>("--yes") { Description = text["Cli.Engineer.YesCalibrate"] };
                    referenceId = new Option<string?>("--reference-id") { Description = text["Cli.Engineer.ReferenceId"], HelpName = "ID" };
                    command.Add(points);
                    command.Add(reference);
                    command.Add(referenceId);
                    command.Add(yes);
                    break;
                case "certificate":
                    csv = new Option<bool>("--csv") { Description = text["Cli.Engineer.Csv"] };
                    outFile = new Option<string?>("--out") { Description = text["Cli.Engineer.Out"], HelpName = "FILE" };
                    revision = new Option<int?>("--revision")
                    {
                        Description = text["Cli.Engineer.RevisionOption"],
                        HelpName = "N",
                        CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                            ? n
                            : Fail<int?>(result, text["Cli.Engineer.NotNumber", "--revision", result.Tokens[0].Value], null),
                    };
                    command.Add(csv);
                    command.Add(outFile);
                    command.Add(revision);
                    break;
                case "leak-test":
                    numbers["pressure"] = Number("--pressure", text["Cli.Engineer.Pressure"], "MPa");
                    numbers["settle"] = Number("--settle", text["Cli.Engineer.Settle"], "S");
                    numbers["duration"] = Number("--duration", text["Cli.Engineer.Duration"], "S");
                    numbers["limit"] = Number("--limit", text["Cli.Engineer.Limit"], "MPa");
                    numbers["limit-rate"] = Number("--limit-rate", text["Cli.Engineer.LimitRate"], "kPa/min");
                    break;
                case "leak-tests":
                    last = new Option<int?>("--last")
                    {
                        Description = text["Cli.Engineer.Last"],
                        HelpName = "N",
                        CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                            ? n
                            : Fail<int?>(result, text["Cli.Engineer.LastBad", "--last", result.Tokens[0].Value], null),
                    };
                    command.Add(last);
                    break;
                case "step-test":
                    numbers["from"] = Number("--from", text["Cli.Engineer.From"], "MPa");
                    numbers["to"] = Number("--to", text["Cli.Engineer.To"], "MPa");
                    numbers["record"] = Number("--record", text["Cli.Engineer.Record"], "S");
                    break;
                case "tune":
                    yes = new Option<bool>("--yes") { Description = text["Cli.Engineer.YesTune"] };
                    command.Add(yes);
                    break;
            }

            foreach (var option in numbers.Values)
            {
                command.Add(option);
            }

            if (reference is not null && points is not null)
            {
                command.Validators.Add(result =>
                {
                    if (result.GetValue(reference) is { } given && given != "simulator")
                    {
                        if (ScriptedReferenceGauge.Parse(given, out var problem) is not { } scripted)
                        {
                            result.AddError(problem!.In(text));
                        }
                        else if (scripted.Targets.Select(t => ReferenceCheck.Problem(t, scripted.ReadAsync(t, CancellationToken.None).Result)).FirstOrDefault(p => p is not null) is { } implausible)
                        {
                            // Refused before anything is held: a typing mistake must not cost the points collected.
                            result.AddError("--reference: referenceMpa: " + implausible.In(text));
                        }
                    }
                });
            }

            command.SetAction(result =>
            {
                var options = new ServiceCommandOptions
                {
                    Url = result.GetValue(url)!,
                    Engineer = result.GetValue(engineer),
                    CredentialFile = result.GetValue(credentialFile),
                    Stay = result.GetValue(stay),
                    Yes = yes is not null && result.GetValue(yes),
                    Points = points is null ? ServiceProcedures.DefaultCalibrationPoints : result.GetValue(points)!,
                    PressureMpa = Value(result, numbers, "pressure"),
                    SettleS = Value(result, numbers, "settle"),
                    DurationS = Value(result, numbers, "duration"),
                    LimitMpa = Value(result, numbers, "limit"),
                    LimitKpaPerMin = Value(result, numbers, "limit-rate"),
                    Last = last is null ? null : result.GetValue(last),
                    ReferenceId = referenceId is null ? null : result.GetValue(referenceId),
                    Csv = csv is not null && result.GetValue(csv),
                    OutFile = outFile is null ? null : result.GetValue(outFile),
                    Revision = revision is null ? null : result.GetValue(revision),
                    FromMpa = Value(result, numbers, "from"),
                    ToMpa = Value(result, numbers, "to"),
                    RecordS = Value(result, numbers, "record"),
                };
                var given = reference is null ? null : result.GetValue(reference);
                options = given switch
                {
                    null => options,
                    "simulator" => options with { ReferenceFromSimulator = true },
                    _ => options with { References = ScriptedReferenceGauge.Parse(given, out _) },
                };
                if (result.GetResult(url) is null or { Implicit: true } && Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment && !ServiceCommandOptions.TryUrl(fromEnvironment, out _))
                {
                    stderr.WriteLine($"{verb}: {text["Cli.Engineer.UrlBad", UrlVariable, fromEnvironment]}");
                    return ExitCodes.Usage;
                }

                if (options.References is { } references && !options.Points.Where(p => p > 0).All(p => references.Targets.Contains(p)))
                {
                    stderr.WriteLine($"{verb}: {text["Cli.Engineer.ReferenceMissing", string.Join(",", options.Points.Where(p => p > 0).Select(p => p.ToString(CultureInfo.InvariantCulture)))]}");
                    return ExitCodes.Usage;
                }

                return Execute(verb, options, stdin, stdout, stderr, interactive);
            });
            commands.Add(command);
        }

        // 'service exit': leaves Service for the engineer holding the session (vented first), from any terminal;
        // 'service access-log': the refused engineer logins and lockouts.
        var service = new Command("service", text["Cli.Engineer.Service"]);
        foreach (var verb in ServiceVerbs)
        {
            var sub = commands.Single(c => c.Name == verb);
            commands.Remove(sub);
            service.Add(sub);
        }

        commands.Add(service);
        return commands;

        Option<double?> Number(string name, string description, string unit) => new(name)
        {
            Description = description,
            HelpName = unit,
            CustomParser = result => double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : Fail<double?>(result, text["Cli.Engineer.NotNumber", name, result.Tokens[0].Value], null),
        };
    }

    private static double? Value(ParseResult result, Dictionary<string, Option<double?>> numbers, string name) =>
        numbers.TryGetValue(name, out var option) ? result.GetValue(option) : null;

    private static string Describe(string verb) => verb switch
    {
        "calibrate" => "Calibrate",
        "leak-test" => "LeakTest",
        "leak-tests" => "LeakTests",
        "certificate" => "Certificate",
        "step-test" => "StepTest",
        "tune" => "Tune",
        "exit" => "Exit",
        "access-log" => "AccessLog",
        _ => "Status",
    };

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T value)
    {
        result.AddError(message);
        return value;
    }

    private static int Execute(string verb, ServiceCommandOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var text = CliLanguage.Text();
        var console = new EngineerConsole(stdin, stdout, interactive);
        using var interrupted = new CancellationTokenSource();
        ServiceSession? session = null;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // Ctrl+C leaves cleanly: the operation is stopped, the device vents and leaves Service.
            e.Cancel = true;
            interrupted.Cancel();
            session?.Interrupt();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            var engineer = options.Engineer ?? console.Ask(text["Cli.Engineer.AskEngineer"]);
            var credential = ReadCredential(options, console);
            using var client = new ServiceClient(options.Url, engineer, credential);
            session = new ServiceSession(client, console, options);
            return session.RunAsync(verb, interrupted.Token).GetAwaiter().GetResult();
        }
        catch (ServiceCallException ex)
        {
            stderr.WriteLine($"{verb}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (InputEndedException ex)
        {
            stderr.WriteLine($"{verb}: {ex.Message}");
            return ExitCodes.Usage;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static string ReadCredential(ServiceCommandOptions options, EngineerConsole console)
    {
        if (options.CredentialFile is { } file)
        {
            string text;
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputEndedException(CliLanguage.Text()["Cli.Engineer.CredentialUnreadable", file, ex.Message]);
            }

            return text.Length > 0 ? text : throw new InputEndedException(CliLanguage.Text()["Cli.Engineer.CredentialEmpty", file]);
        }

        if (Environment.GetEnvironmentVariable(CredentialVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return console.AskSecret(CliLanguage.Text()["Cli.Engineer.AskCredential"]);
    }
}

/// <summary>The command line of the engineer verbs.</summary>
public sealed record ServiceCommandOptions
{
    public Uri Url { get; init; } = new(ServiceCommand.DefaultUrl);
    public string? Engineer { get; init; }
    public string? CredentialFile { get; init; }
    public bool Yes { get; init; }
    public bool Stay { get; init; }
    public IReadOnlyList<double> Points { get; init; } = ServiceProcedures.DefaultCalibrationPoints;
    public ScriptedReferenceGauge? References { get; init; }
    public bool ReferenceFromSimulator { get; init; }
    public double? PressureMpa { get; init; }
    public double? SettleS { get; init; }
    public double? DurationS { get; init; }
    public double? LimitMpa { get; init; }
    public double? LimitKpaPerMin { get; init; }
    public int? Last { get; init; }
    public string? ReferenceId { get; init; }
    public bool Csv { get; init; }
    public string? OutFile { get; init; }
    public int? Revision { get; init; }
    public double? FromMpa { get; init; }
    public double? ToMpa { get; init; }
    public double? RecordS { get; init; }

    internal static bool TryList(string text, out IReadOnlyList<double> values)
    {
        var list = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                values = [];
                return false;
            }

            list.Add(v);
        }

        values = list;
        return list.Count > 0;
    }

    internal static bool TryUrl(string text, out Uri url)
    {
        var withSlash = text.EndsWith('/') ? text : text + "/";
        if (Uri.TryCreate(withSlash, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            url = parsed;
            return true;
        }

        url = new Uri(ServiceCommand.DefaultUrl);
        return false;
    }
}
