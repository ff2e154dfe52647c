using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;
using Microsoft.Extensions.Configuration;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary>The <c>Records</c> section is validated with the others: problems name their key.</summary>
public sealed class RecordsOptionsTests
{
    private static (RecordsOptions Records, IReadOnlyList<string> Problems) Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        ControllerHost.TryReadOptions(configuration, out _, out _, out _, out var records, out var problems);
        return (records, problems);
    }

    [Fact]
    public void The_defaults_keep_records_in_data_beside_the_program_without_client_codes()
    {
        var (records, problems) = Read();

        Assert.Empty(problems);
        Assert.True(records.Enabled);
        Assert.False(records.ClientCodes);
        Assert.Equal(Path.Combine("/opt/app", "data", "sessions.db"), records.DatabasePath("/opt/app"));
    }

    [Fact]
    public void An_absolute_directory_is_used_as_it_is()
    {
        var (records, problems) = Read(("Records:Directory", "/var/lib/hydro-oxygen"), ("Records:ClientCodes", "true"));

        Assert.Empty(problems);
        Assert.Equal("/var/lib/hydro-oxygen/sessions.db", records.DatabasePath("/opt/app"));
        Assert.True(records.ClientCodes);
    }

    [Theory]
    [InlineData("Records:CheckpointS", "0.1", "Records:CheckpointS: must be within 0.5–60 s")]
    [InlineData("Records:Directory", " ", "Records:Directory: must name a directory")]
    [InlineData("Records:Folder", "x", "Folder")]
    [InlineData("Records:Enabled", "maybe", "Records")]
    [InlineData("Records:TreatmentIdleMinutes", "0", "Records:TreatmentIdleMinutes: must be within 1–240 min")]
    [InlineData("Records:SessionPerProgram", "true", "Records:SessionPerProgram: is retired: a session record is one treatment")]
    public void A_bad_records_setting_is_named(string key, string value, string says)
    {
        var problem = Assert.Single(Read((key, value)).Problems);

        Assert.Contains(says, problem, StringComparison.Ordinal);
    }
}
