namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>
/// Where a per-file output (<c>--trace</c>, <c>--plot</c>, <c>--events</c>) of one scenario goes.
/// With one scenario the value is a file, as always (or a folder that exists, or ends in '/').
/// With several it names a folder, and each scenario's file is its path below what was named with
/// the option's extension (<c>out/faults/leak.svg</c>); or it is a pattern with <c>{name}</c> (the
/// file's name) or <c>{path}</c> (its path below what was named) — <c>plots/{path}.png</c>.
/// </summary>
public static class OutputPaths
{
    public const string NamePlaceholder = "{name}";
    public const string PathPlaceholder = "{path}";

    /// <summary>The file for <paramref name="input"/>, and whether its folders are made as needed (a folder or pattern form).</summary>
    public static (string Path, bool CreateFolders)? Resolve(string? value, ScenarioInput input, bool several, string extension)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (value is null)
        {
            return null;
        }

        if (IsPattern(value))
        {
            return (value.Replace(NamePlaceholder, input.Stem, StringComparison.Ordinal).Replace(PathPlaceholder, input.OutputName, StringComparison.Ordinal), true);
        }

        if (several || IsFolder(value))
        {
            return (Path.Combine(value, input.OutputName + extension), true);
        }

        return (value, false);
    }

    public static bool IsPattern(string value) =>
        value.Contains(NamePlaceholder, StringComparison.Ordinal) || value.Contains(PathPlaceholder, StringComparison.Ordinal);

    private static bool IsFolder(string value) =>
        value.EndsWith('/') || value.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(value);
}
