using System.Globalization;
using HydroOxygen.Benchmarks;

// Usage: dotnet run -c Release --project bench/Benchmarks -- [simulator]
var what = args.Length > 0 ? args[0] : "simulator";
var inv = CultureInfo.InvariantCulture;
switch (what)
{
    case "simulator":
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        foreach (var minutes in new[] { 1.0, 10.0, 90.0 })
        {
            var plant = SimulatorSpeed.PlantAlone(minutes * 60);
            var loop = SimulatorSpeed.ClosedLoop(minutes * 60);
            Console.WriteLine(string.Create(inv, $"{minutes,4} min session: plant alone {plant,7:F0} simulated s / wall s, closed loop {loop,6:F0} (90 min in {90 * 60 / loop:F1} s)"));
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{what}'; known: simulator");
        return 2;
}
