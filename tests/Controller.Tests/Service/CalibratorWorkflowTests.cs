using HydroOxygen.Controller.Cli;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>Issue 15, finding 5: a typing mistake at a point is asked again, and the points collected stay.</summary>
public sealed class CalibratorWorkflowTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("hydroxy-cal-");

    public void Dispose() => _scratch.Dispose();

    private static (int Exit, string Out, string Err) Run(string verb, string input, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ServiceCommand.Run(verb, args, new StringReader(input), stdout, stderr, interactive: false);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_scripted_reading_in_kPa_is_refused_before_anything_is_held_with_what_it_meant()
    {
        var (exit, _, err) = Run("calibrate", "", "--points", "0.6,0.3,0", "--reference", "0.6=0.6012,0.3=300");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("300 — did you mean 0.300 MPa?", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_typed_in_kPa_or_as_a_word_is_asked_again_and_the_collected_points_stay()
    {
        var options = Options();
        await using var api = await ApiHarness.StartAsync(service: options);
        await api.ReadyAsync();
        var file = _scratch.Write("credential", Credential + "\n");
        var answers = "0.6\n300\nabc\n0.3\n";
        var (exit, output, err) = await Task.Run(() => Run(
            "calibrate", answers, "--url", api.Http.BaseAddress!.ToString(), "--engineer", "alice", "--credential-file", file, "--points", "0.6,0.3,0"));
        Assert.True(exit == ExitCodes.Ok, output + err);
        Assert.Contains("300 — did you mean 0.300 MPa?", output, StringComparison.Ordinal);
        Assert.Contains("abc", output, StringComparison.Ordinal);

        // All three points reached the fit: the mistakes cost nothing.
        Assert.Matches(@"POut\s+(0\.99|1\.00)\d\d", output);
        Assert.Contains("Left service mode", output, StringComparison.Ordinal);
    }
}
