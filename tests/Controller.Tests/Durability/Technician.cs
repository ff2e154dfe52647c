using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HydroOxygen.Controller.Tests.Records;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>Presses and releases the simulator's pedal and moves the setpoint, as fast as the device follows.</summary>
internal sealed class Technician(ControllerProcess controller)
{
    private volatile string? _lastState;

    public string? LastState => _lastState;

    public async Task DriveAsync(CancellationToken stop)
    {
        var presses = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var status = await controller.Http.GetFromJsonAsync<JsonElement>("api/status", stop);
                _lastState = status.GetProperty("state").GetString();
                switch (_lastState)
                {
                    case "Ready":
                        presses++;
                        await PostAsync("api/setpoint", presses % 2 == 0 ? """{"mpa": 0.40}""" : """{"mpa": 0.45}""", stop);
                        await PostAsync("api/sim/pedal", """{"down": true}""", stop);
                        break;
                    case "Spraying":
                        await PostAsync("api/sim/pedal", """{"down": false}""", stop);
                        break;
                }

                await Task.Delay(30, stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // Killed under the request (refused, or the answer cut short), or stopping.
            }
        }
    }

    private async Task PostAsync(string path, string json, CancellationToken stop)
    {
        using var response = await controller.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), stop);
    }
}
