using System.Globalization;
using HydroOxygen.FleetBench;

// Usage: dotnet run -c Release --project bench/Fleet -- [--devices 1,100,1000] [--seconds 30] [--burst 20000]
//        [--device-seconds 60] [--out docs/FLEET.md]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var report = new FleetReport(options);
foreach (var devices in options.Devices)
{
    Console.Error.WriteLine($"scale: {devices} devices for {options.Seconds} s …");
    report.Scale.Add(await ScaleRun.RunAsync(devices, options));
}

Console.Error.WriteLine($"device cost: the controller with telemetry off and on, {options.DeviceSeconds} s each …");
report.Device = await DeviceCost.RunAsync(options);
var text = report.Render();
if (options.Out is { } path)
{
    File.WriteAllText(path, text);
    Console.Error.WriteLine($"written {path}");
}
else
{
    Console.Out.Write(text);
}

return 0;

internal sealed record BenchOptions(int[] Devices, int Seconds, int Burst, int DeviceSeconds, string? Out, string[] Args)
{
    public const string Usage = "usage: HydroOxygen.FleetBench [--devices 1,100,1000] [--seconds 30] [--burst 20000] [--device-seconds 60] [--out docs/FLEET.md]";

    public string ControllerDll => Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll");

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions([1, 100, 1000], 30, 20000, 60, null, args);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--devices" when value is not null:
                    options = options with { Devices = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() };
                    break;
                case "--seconds" when value is not null:
                    options = options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--burst" when value is not null:
                    options = options with { Burst = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--device-seconds" when value is not null:
                    options = options with { DeviceSeconds = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--out" when value is not null:
                    options = options with { Out = value };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return options;
    }
}
