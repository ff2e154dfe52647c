using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// The words the API, the records and the exports use for the core's values: the same spellings
/// as the trace (DESIGN §3.2) and the scenario files, so that one vocabulary runs through them all.
/// </summary>
public static class DeviceNames
{
    /// <summary><c>oxygen</c>, <c>compressor</c>, or <c>none</c> before one is chosen.</summary>
    public static string Source(GasSource source) => source switch
    {
        GasSource.Oxygen => "oxygen",
        GasSource.Compressor => "compressor",
        _ => "none",
    };

    /// <summary>Parses a source as the API accepts it; <see cref="GasSource.None"/> if it is not one.</summary>
    public static GasSource ParseSource(string? text) => text switch
    {
        "oxygen" => GasSource.Oxygen,
        "compressor" => GasSource.Compressor,
        _ => GasSource.None,
    };

    public static string Program(IReadOnlyList<ProgramDefinition> programs, int index) =>
        (uint)index < (uint)programs.Count ? programs[index].Name : "";

    /// <summary><c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public static string Priority(AlarmPriority priority) => priority switch
    {
        AlarmPriority.High => "high",
        AlarmPriority.Medium => "medium",
        _ => "low",
    };
}
