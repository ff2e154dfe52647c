using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;
using HydroOxygen.Controller.Tests.Hosting;
using Xunit.Abstractions;
using static HydroOxygen.Controller.Tests.Service.EngineerFixture;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// Issue 8: a calibration committed while the data directory cannot take it (full, read-only, or
/// its path blocked) is refused with a problem naming the directory, and the calibration in force
/// stays the stored one — in the file and in the loop — and the device still sprays.
/// </summary>
/// <remarks>
/// "full" and "read-only" are real file systems (a tiny tmpfs filled up; a read-only bind mount),
/// which need mount permission; without it they say so in the output and check nothing. "blocked"
/// (a regular file where the directory should be) needs no privilege and always runs.
/// </remarks>
[Collection(nameof(ProcessTests))]
public sealed class CalibrationDiskFaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("full")]
    [InlineData("read-only")]
    [InlineData("blocked")]
    public async Task A_commit_the_data_directory_cannot_take_is_refused_and_the_old_calibration_stays(string fault)
    {
        var reason = "";
        using var tmpfs = fault == "full" ? ScratchMount.TryTmpfs(1024, out reason) : null;
        if (fault == "full" && tmpfs is null)
        {
            output.WriteLine($"not run: {reason}");
            return;
        }

        var directory = tmpfs?.Path ?? Directory.CreateTempSubdirectory("hydroxy-service-").FullName;
        var moved = directory + ".moved";
        ScratchMount? readOnly = null;
        try
        {
            await using var api = await ApiHarness.StartAsync(service: Options() with { Directory = directory });
            await api.ReadyAsync();
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/enter")).Status);

            // Revision 1 goes in while the directory is healthy.
            await CalibrateAsync(api, referenceScale: 1.0);
            var (committed, first) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/commit");
            Assert.Equal(HttpStatusCode.OK, committed);
            Assert.Equal(1, first.GetProperty("revision").GetInt32());
            var gainInForce = OutletGain(await ServiceStatusAsync(api));

            // The directory goes bad; the engineer measures again (a 2 % different reference) and commits.
            await CalibrateAsync(api, referenceScale: 1.02);
            switch (fault)
            {
                case "full":
                    tmpfs!.Fill();
                    break;
                case "read-only":
                    readOnly = ScratchMount.TryReadOnly(directory, out reason);
                    if (readOnly is null)
                    {
                        output.WriteLine($"not run: {reason}");
                        return;
                    }

                    break;
                default:
                    Directory.Move(directory, moved);
                    File.WriteAllText(directory, "not a directory");
                    break;
            }

            var (refused, problem) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/commit");
            output.WriteLine($"{fault}: {(int)refused} {problem}");
            Assert.Equal(HttpStatusCode.Conflict, refused);
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains(directory, detail, StringComparison.Ordinal);
            Assert.Contains("calibration", detail, StringComparison.Ordinal);
            Assert.Contains("unchanged", detail, StringComparison.Ordinal);

            // The loop still uses revision 1.
            var status = await ServiceStatusAsync(api);
            Assert.True(status.GetProperty("calibration").GetProperty("valid").GetBoolean());
            Assert.Equal(gainInForce, OutletGain(status));

            if (fault == "blocked")
            {
                File.Delete(directory);
                Directory.Move(moved, directory);
            }

            // On disk: revision 1, whole.
            var stored = new CalibrationStore(directory).Load();
            Assert.True(stored.IsOk, stored.Problem);
            Assert.Equal(1, stored.Value!.Revision);

            // And the device leaves service and gets back to Ready to spray.
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Post, "api/service/exit")).Status);
            await api.WaitForStateAsync("Ready", 30);
        }
        finally
        {
            readOnly?.Dispose();

            // Also after a failure half-way through "blocked": the file in the way and the moved directory.
            if (File.Exists(directory))
            {
                File.Delete(directory);
            }

            if (Directory.Exists(moved))
            {
                Directory.Delete(moved, recursive: true);
            }

            if (tmpfs is null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Holds 0.6, 0.3 and the vented zero and gives the simulator's true pressure (scaled) as the reference.</summary>
    private static async Task CalibrateAsync(ApiHarness api, double referenceScale)
    {
        foreach (var target in new[] { 0.6, 0.3, 0.0 })
        {
            var (held, point) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/hold", $$"""{"targetMpa": {{target}}}""");
            Assert.Equal(HttpStatusCode.OK, held);
            var reference = target == 0 ? 0 : point.GetProperty("simulatorTrueMpa").GetDouble() * referenceScale;
            var (answered, _) = await SendAsync(api, HttpMethod.Post, "api/service/calibration/reference", $$"""{"referenceMpa": {{reference}}}""");
            Assert.Equal(HttpStatusCode.OK, answered);
        }
    }

    private static async Task<JsonElement> ServiceStatusAsync(ApiHarness api)
    {
        var (code, status) = await SendAsync(api, HttpMethod.Get, "api/service/status");
        Assert.Equal(HttpStatusCode.OK, code);
        return status;
    }

    private static double OutletGain(JsonElement status) =>
        status.GetProperty("calibration").GetProperty("channels").EnumerateArray()
            .Single(c => c.GetProperty("channel").GetString() == "POut").GetProperty("gain").GetDouble();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(ApiHarness api, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Headers = { Authorization = SignedIn() },
        };
        // A change is taken only with a JSON content type, even without a body (DESIGN §3.4).
        if (json is not null || method != HttpMethod.Get)
        {
            request.Content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        }

        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
