using System.Globalization;
using HydroOxygen.Controller.Hosting;
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

    public const string Usage =
        """
        usage: calibrate  [--points 0.6,0.45,0.3,0] [--reference T=R,... | --reference simulator] [--yes] [common]
               leak-test  [--pressure MPa] [--settle S] [--duration S] [--limit MPa] [common]
               step-test  [--from MPa] [--to MPa] [--record S] [common]
               tune       [--yes] [common]
               status     [common]
          common: [--url URL] [--engineer NAME] [--credential-file FILE] [--stay]
          --points       calibration pressures, MPa; 0 is the vented zero (always measured last)
          --reference    the reference gauge's readings at each point (target=reading, MPa), instead of prompts;
                         'simulator' reads the simulated plant's true pressure (simulator backend only)
          --yes          store the calibration / apply the tuning without asking
          --url          the controller (default $HYDROXY_URL or http://127.0.0.1:5080)
          --engineer     your name or id, for the audit trail (asked if not given)
          --credential-file  a file holding the engineer credential; otherwise $HYDROXY_ENGINEER_CREDENTIAL,
                         otherwise asked (never give it on the command line)
          --stay         stay in service mode afterwards (default: leave it when done)
        exit codes: 0 done (leak test passed), 1 refused or failed (leak test failed, implausible calibration,
                    controller unreachable), 2 usage
        """;

    private static readonly HashSet<string> Verbs = ["calibrate", "leak-test", "step-test", "tune", "status"];

    public static bool Handles(string verb) => Verbs.Contains(verb);

    public static int Run(string verb, IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!ServiceCommandOptions.TryParse(verb, args, out var options, out var problem))
        {
            stderr.WriteLine($"{verb}: {problem}");
            stderr.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        var console = new EngineerConsole(stdin, stdout, interactive);
        try
        {
            var engineer = options.Engineer ?? console.Ask("Engineer (name or id): ");
            var credential = ReadCredential(options, console);
            using var client = new ServiceClient(options.Url, engineer, credential);
            var session = new ServiceSession(client, console, options);
            return session.RunAsync(verb, CancellationToken.None).GetAwaiter().GetResult();
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
                throw new InputEndedException($"--credential-file: cannot read '{file}': {ex.Message}");
            }

            return text.Length > 0 ? text : throw new InputEndedException($"--credential-file: '{file}' is empty");
        }

        if (Environment.GetEnvironmentVariable(CredentialVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return console.AskSecret("Engineer credential: ");
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
    public bool Help { get; init; }
    public IReadOnlyList<double> Points { get; init; } = ServiceProcedures.DefaultCalibrationPoints;
    public ScriptedReferenceGauge? References { get; init; }
    public bool ReferenceFromSimulator { get; init; }
    public double? PressureMpa { get; init; }
    public double? SettleS { get; init; }
    public double? DurationS { get; init; }
    public double? LimitMpa { get; init; }
    public double? FromMpa { get; init; }
    public double? ToMpa { get; init; }
    public double? RecordS { get; init; }

    public static bool TryParse(string verb, IReadOnlyList<string> args, out ServiceCommandOptions options, out string problem)
    {
        options = new ServiceCommandOptions();
        if (Environment.GetEnvironmentVariable(ServiceCommand.UrlVariable) is { Length: > 0 } url)
        {
            if (!TryUrl(url, out var parsed))
            {
                problem = $"{ServiceCommand.UrlVariable}: '{url}' is not an http:// or https:// address";
                return false;
            }

            options = options with { Url = parsed };
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                options = options with { Help = true };
                continue;
            }

            if (arg is "--yes")
            {
                options = options with { Yes = true };
                continue;
            }

            if (arg is "--stay")
            {
                options = options with { Stay = true };
                continue;
            }

            // "--engineer --yes" is a missing name, not an engineer called "--yes".
            if (!arg.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = arg.StartsWith("--", StringComparison.Ordinal) ? $"{arg}: needs a value" : $"unexpected argument '{arg}'";
                return false;
            }

            var value = args[++i];
            string? error = null;
            switch (arg, verb)
            {
                case ("--url", _):
                    options = TryUrl(value, out var u) ? options with { Url = u } : Fail(out error, $"--url: '{value}' is not an http:// or https:// address", options);
                    break;
                case ("--engineer", _):
                    options = value.Trim().Length is > 0 and <= 64 ? options with { Engineer = value.Trim() } : Fail(out error, "--engineer: give 1–64 characters", options);
                    break;
                case ("--credential-file", _):
                    options = options with { CredentialFile = value };
                    break;
                case ("--points", "calibrate"):
                    options = TryList(value, out var points) ? options with { Points = points } : Fail(out error, $"--points: '{value}' is not a comma-separated list of MPa values", options);
                    break;
                case ("--reference", "calibrate") when value == "simulator":
                    options = options with { ReferenceFromSimulator = true };
                    break;
                case ("--reference", "calibrate"):
                    options = ScriptedReferenceGauge.Parse(value, out var referenceProblem) is { } gauge
                        ? options with { References = gauge }
                        : Fail(out error, referenceProblem, options);
                    break;
                case ("--pressure", "leak-test"):
                    options = Number(arg, value, out var p, ref error) ? options with { PressureMpa = p } : options;
                    break;
                case ("--settle", "leak-test"):
                    options = Number(arg, value, out var settle, ref error) ? options with { SettleS = settle } : options;
                    break;
                case ("--duration", "leak-test"):
                    options = Number(arg, value, out var duration, ref error) ? options with { DurationS = duration } : options;
                    break;
                case ("--limit", "leak-test"):
                    options = Number(arg, value, out var limit, ref error) ? options with { LimitMpa = limit } : options;
                    break;
                case ("--from", "step-test"):
                    options = Number(arg, value, out var from, ref error) ? options with { FromMpa = from } : options;
                    break;
                case ("--to", "step-test"):
                    options = Number(arg, value, out var to, ref error) ? options with { ToMpa = to } : options;
                    break;
                case ("--record", "step-test"):
                    options = Number(arg, value, out var record, ref error) ? options with { RecordS = record } : options;
                    break;
                default:
                    error = $"{arg}: not an option of '{verb}'";
                    break;
            }

            if (error is not null)
            {
                problem = error;
                return false;
            }
        }

        if (options.References is { } references && !options.Points.Where(p => p > 0).All(p => references.Targets.Contains(p)))
        {
            problem = "--reference: give a reading for every span point in --points (" + string.Join(",", options.Points.Where(p => p > 0).Select(p => p.ToString(CultureInfo.InvariantCulture))) + ")";
            return false;
        }

        problem = "";
        return true;
    }

    private static ServiceCommandOptions Fail(out string? error, string message, ServiceCommandOptions options)
    {
        error = message;
        return options;
    }

    private static bool Number(string name, string text, out double value, ref string? error)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        error = $"{name}: '{text}' is not a number";
        return false;
    }

    private static bool TryList(string text, out IReadOnlyList<double> values)
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

    private static bool TryUrl(string text, out Uri url)
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
