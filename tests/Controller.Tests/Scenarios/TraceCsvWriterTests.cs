using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Tests.Scenarios;

public sealed class TraceCsvWriterTests
{
    /// <summary>DESIGN §3.2, written out here rather than taken from the code under test.</summary>
    private static readonly string[] ContractColumns =
    [
        "t_s", "state", "program", "gas_source", "setpoint_mpa", "p_out_mpa", "p_bottle_mpa", "p_src_mpa",
        "p_out_true_mpa", "p_bottle_true_mpa", "inlet_duty", "vent_open", "source_open", "charge_open",
        "spray_open", "compressor_on", "pedal", "mist", "liquid_ml", "alarms",
    ];

    [Fact]
    public void Header_has_every_contract_column_once()
    {
        var header = Write(every: 1).Split('\n')[0].Split(',');

        Assert.All(ContractColumns, column => Assert.Single(header, h => h == column));
        Assert.Equal(header.Length, header.Distinct().Count());
    }

    [Fact]
    public void Rows_use_contract_spellings_and_the_invariant_culture()
    {
        var lines = Write(every: 1).Split('\n');
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Field(string name) => row[Array.IndexOf(header, name)];

        Assert.Equal("0.000", Field("t_s"));
        Assert.Equal("Spraying", Field("state"));
        Assert.Equal("eye", Field("program"));
        Assert.Equal("compressor", Field("gas_source"));
        Assert.Equal("0.4512", Field("p_out_mpa"));
        Assert.Equal("1", Field("spray_open"));
        Assert.Equal("0", Field("vent_open"));
        Assert.Equal("99.50", Field("liquid_ml"));
        Assert.Equal("OverPressure;SensorFault", Field("alarms"));
    }

    [Fact]
    public void Every_nth_sample_is_written_and_always_the_last()
    {
        var rows = Write(every: 4).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]);

        Assert.Equal(["0.000", "0.008", "0.016", "0.018"], rows);
    }

    private static string Write(int every)
    {
        using var text = new StringWriter();
        var writer = new TraceCsvWriter(text, TraceColumns.Default, every);
        for (var tick = 0; tick < 10; tick++)
        {
            writer.Observe(new TraceSample
            {
                TimeS = tick * 0.002,
                State = DeviceState.Spraying,
                ProgramIndex = 2,
                GasSource = GasSource.Compressor,
                POutMpa = 0.45123,
                SprayOpen = true,
                LiquidMl = 99.5,
                Alarms = (1u << (int)AlarmCode.OverPressure) | (1u << (int)AlarmCode.SensorFault),
            });
        }

        writer.Complete();
        return text.ToString().Replace("\r", "", StringComparison.Ordinal);
    }
}
