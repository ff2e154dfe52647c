using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Startup;

/// <summary>SIGTERM and SIGINT turned into a stop request, for the time before the host handles them.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private StopSignals()
    {
    }

    public static StopSignals Register(CancellationTokenSource stopRequested)
    {
        var signals = new StopSignals();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            try
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    stopRequested.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Not on this platform: the host's own handling is all there is.
            }
        }

        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
