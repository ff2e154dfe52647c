using Microsoft.Extensions.FileSystemGlobbing;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>One scenario file to run, as the tester named it and as its outputs are named.</summary>
/// <param name="Path">The file as the tester would type it (reports point into it).</param>
/// <param name="OutputName">Its path below what was named (a folder or a glob's fixed part), without the extension and with '/': the name of its per-file outputs.</param>
public sealed record ScenarioInput(string Path, string FullPath, string OutputName)
{
    /// <summary>The file's name without its extension.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(FullPath);
}

/// <summary>
/// The <c>simulate</c> arguments made into scenario files: a file stands for itself, a folder for
/// every <c>.yaml</c>/<c>.yml</c> below it (recursively), a glob (<c>*</c>, <c>?</c>, <c>**</c>) for
/// the files it matches. Files are taken in ordinal order of their paths, each once.
/// </summary>
public static class ScenarioInputs
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>The files, and a sentence for every argument that named none.</summary>
    public static (IReadOnlyList<ScenarioInput> Inputs, IReadOnlyList<string> Problems) Expand(IEnumerable<string> arguments, Func<string, string, string> text)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(text);
        var inputs = new List<ScenarioInput>();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var found = Find(argument);
            if (found is null)
            {
                problems.Add(text("Cli.Simulate.NotFound", argument));
                continue;
            }

            if (found.Count == 0)
            {
                problems.Add(text(Directory.Exists(argument) ? "Cli.Simulate.EmptyFolder" : "Cli.Simulate.NoMatch", argument));
                continue;
            }

            foreach (var input in found)
            {
                if (seen.Add(input.FullPath))
                {
                    inputs.Add(input);
                }
            }
        }

        return (inputs, problems);
    }

    /// <summary>The files an argument names; null when it names nothing that exists.</summary>
    private static List<ScenarioInput>? Find(string argument)
    {
        if (File.Exists(argument))
        {
            return [new ScenarioInput(argument, Path.GetFullPath(argument), Path.GetFileNameWithoutExtension(argument))];
        }

        if (Directory.Exists(argument))
        {
            return Below(argument, Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories).Where(IsScenario));
        }

        if (argument.AsSpan().IndexOfAny("*?[") < 0)
        {
            return null;
        }

        // The glob's fixed part (the folders before the first wildcard) is where the search starts.
        var parts = argument.Replace('\\', '/').Split('/');
        var fixedCount = Array.FindIndex(parts, p => p.AsSpan().IndexOfAny("*?[") >= 0);
        var root = string.Join('/', parts[..fixedCount]);
        var baseDirectory = root.Length == 0 ? "." : root;
        if (argument.StartsWith('/') && root.Length == 0)
        {
            baseDirectory = "/";
        }

        if (!Directory.Exists(baseDirectory))
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts[fixedCount..]));
        var matches = matcher.GetResultsInFullPath(baseDirectory).Where(IsScenario).Select(full => Path.Combine(root, Path.GetRelativePath(Path.GetFullPath(baseDirectory), full)));
        return Below(root.Length == 0 ? "." : root, matches);
    }

    private static List<ScenarioInput> Below(string folder, IEnumerable<string> files) =>
        [.. files
            .Select(file => (File: file, Relative: Path.GetRelativePath(folder, file).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new ScenarioInput(f.File, Path.GetFullPath(f.File), f.Relative[..^Path.GetExtension(f.Relative).Length]))];

    private static bool IsScenario(string file) => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
}
