using System.Diagnostics.Metrics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Telemetry.Metrics;

/// <summary>
/// The controller's <see cref="System.Diagnostics.Metrics"/> instruments (DESIGN §3.6), meter
/// <see cref="MeterName"/>: exported for Prometheus at <c>/metrics</c> and readable with
/// <c>dotnet-counters monitor --counters HydroOxygen.Controller</c>.
/// </summary>
/// <remarks>
/// Nothing here runs on the tick. Figures the loop already keeps (pressures, state, timing) are
/// observable instruments read from its published snapshots when someone collects; things that
/// happen (alarms, sprays) are counted from the event pump, which drains the loop's event ring off
/// the tick; the lateness histogram is fed by <see cref="LoopLatenessSampler"/> from the loop's own
/// histogram, also off the tick.
/// </remarks>
public sealed class ControllerMetrics : IControlEventSink, IDisposable
{
    public const string MeterName = "HydroOxygen.Controller";

    /// <summary>Lateness bucket edges exported to Prometheus, s (10 µs … 100 ms).</summary>
    public static readonly double[] LatenessBoundaries = [1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 1e-1];

    public const string Lateness = "hydroxy.loop.lateness";
    public const string AlarmsRaised = "hydroxy.alarms.raised";
    public const string Sprays = "hydroxy.sprays";
    public const string SprayTime = "hydroxy.spray.time";

    private readonly Meter _meter;
    private readonly ControllerRuntime _runtime;
    private readonly Counter<long> _alarmsRaised;
    private readonly Counter<long> _sprays;
    private readonly Counter<double> _sprayTime;
    private double _sprayStartedAt = double.NaN;

    public ControllerMetrics(ControllerRuntime runtime, TelemetryState telemetry)
    {
        _runtime = runtime;
        _meter = new Meter(MeterName, typeof(ControllerMetrics).Assembly.GetName().Version?.ToString());
        LatenessHistogram = _meter.CreateHistogram<double>(Lateness, "s", "How late each control tick started after its deadline");
        _alarmsRaised = _meter.CreateCounter<long>(AlarmsRaised, "{alarm}", "Alarms raised, by code and priority");
        _sprays = _meter.CreateCounter<long>(Sprays, "{spray}", "Sprays started (entries into Spraying)");
        _sprayTime = _meter.CreateCounter<double>(SprayTime, "s", "Time spent spraying, counted when each spray ends");

        // Present from the start at zero, so that a scraper sees them before the first spray.
        _sprays.Add(0);
        _sprayTime.Add(0);

        _meter.CreateObservableCounter("hydroxy.loop.ticks", () => Timing().Ticks, "{tick}", "Control ticks run");
        _meter.CreateObservableCounter("hydroxy.loop.overruns", () => Timing().Overruns, "{tick}", "Ticks that started more than a whole period after their deadline");
        _meter.CreateObservableCounter("hydroxy.loop.skipped", () => Timing().SkippedDeadlines, "{deadline}", "Deadlines passed over once the loop had fallen whole periods behind");
        _meter.CreateObservableGauge("hydroxy.loop.step.max", () => Timing().MaxStepUs / 1e6, "s", "Longest control step (read inputs to write outputs), the tick's cost at its worst");
        _meter.CreateObservableGauge("hydroxy.loop.period.mean", () => Timing().MeanPeriodUs / 1e6, "s", "Mean interval between tick starts");
        _meter.CreateObservableGauge("hydroxy.loop.lateness.p99", () => Timing().LatenessP99Us / 1e6, "s", "99th percentile of tick lateness since the start");

        _meter.CreateObservableGauge("hydroxy.pressure", Pressures, "MPa", "Measured gauge pressure by sensor (out, bottle, src)");
        _meter.CreateObservableGauge("hydroxy.setpoint", () => Status().SetpointMpa, "MPa", "Output pressure setpoint");
        _meter.CreateObservableGauge("hydroxy.state", States, "{state}", "1 for the state the device is in, 0 for the others");
        _meter.CreateObservableGauge("hydroxy.alarms.active", ActiveAlarms, "{alarm}", "Alarms shown to the technician (latched), by code");
        _meter.CreateObservableGauge("hydroxy.pedal", () => Status().FootSwitchPressed ? 1 : 0, "{pressed}", "1 while the foot switch is pressed");

        _meter.CreateObservableGauge("hydroxy.telemetry.connected", () => telemetry.Connected ? 1 : 0, "{connected}", "1 while connected to the MQTT broker");
        _meter.CreateObservableGauge("hydroxy.outbox.depth", () => telemetry.Outbox.Depth, "{message}", "Events and session records waiting in the outbox (for the broker or the collector)");
        _meter.CreateObservableGauge("hydroxy.outbox.size", () => telemetry.Outbox.Bytes, "By", "Outbox size as Telemetry:OutboxMaxMb bounds it");
        _meter.CreateObservableCounter("hydroxy.outbox.dropped", () => telemetry.Outbox.Dropped, "{event}", "Events dropped from a full outbox");
        _meter.CreateObservableGauge("hydroxy.outbox.awaiting_broker", () =>
        {
            var outbox = telemetry.Outbox;
            return outbox.Depth - outbox.AwaitingCollector;
        }, "{message}", "Outbox messages not yet acknowledged by the broker");
        _meter.CreateObservableGauge("hydroxy.outbox.awaiting_collector", () => telemetry.Outbox.AwaitingCollector, "{message}", "Outbox messages the broker acknowledged, kept until a collector acknowledges them");
        _meter.CreateObservableCounter("hydroxy.telemetry.malformed_acks", () => telemetry.MalformedAcks, "{message}", "Messages on the device's acks topic that were not an acknowledgement (ignored)");
        _meter.CreateObservableCounter("hydroxy.telemetry.publish.failures", () => telemetry.PublishFailures, "{message}", "Publications that failed (and were sent again)");
        _meter.CreateObservableCounter("hydroxy.telemetry.published", () => telemetry.Published, "{message}", "Messages the broker accepted");
    }

    /// <summary>Fed by <see cref="LoopLatenessSampler"/>.</summary>
    internal Histogram<double> LatenessHistogram { get; }

    /// <summary>Called by the event pump, off the tick.</summary>
    public void Handle(in ControlEvent controlEvent, in ControllerStatus status)
    {
        switch (controlEvent.Kind)
        {
            case ControlEventKind.AlarmRaised:
                _alarmsRaised.Add(
                    1,
                    new KeyValuePair<string, object?>("code", controlEvent.Alarm.ToString()),
                    new KeyValuePair<string, object?>("priority", DeviceNames.Priority(AlarmCatalog.PriorityOf(controlEvent.Alarm))));
                break;
            case ControlEventKind.StateChanged when controlEvent.To == DeviceState.Spraying:
                _sprays.Add(1);
                _sprayStartedAt = controlEvent.Time;
                break;
            case ControlEventKind.StateChanged when controlEvent.From == DeviceState.Spraying:
                if (!double.IsNaN(_sprayStartedAt))
                {
                    _sprayTime.Add(Math.Max(0, controlEvent.Time - _sprayStartedAt));
                }

                _sprayStartedAt = double.NaN;
                break;
        }
    }

    public void Dispose() => _meter.Dispose();

    private Loop.LoopTimingSnapshot Timing() => _runtime.Scheduler.Timing.Snapshot();

    private ControllerStatus Status() => _runtime.Status.Read();

    private IEnumerable<Measurement<double>> Pressures()
    {
        var status = Status();
        return
        [
            new(status.POutMpa, new KeyValuePair<string, object?>("sensor", "out")),
            new(status.PBottleMpa, new KeyValuePair<string, object?>("sensor", "bottle")),
            new(status.PSrcMpa, new KeyValuePair<string, object?>("sensor", "src")),
        ];
    }

    private IEnumerable<Measurement<int>> States()
    {
        var current = Status().State;
        foreach (var state in Enum.GetValues<DeviceState>())
        {
            yield return new Measurement<int>(state == current ? 1 : 0, new KeyValuePair<string, object?>("state", state.ToString()));
        }
    }

    private IEnumerable<Measurement<int>> ActiveAlarms()
    {
        var alarms = Status().Alarms;
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            yield return new Measurement<int>(alarms[i].Latched ? 1 : 0, new KeyValuePair<string, object?>("code", ((AlarmCode)i).ToString()));
        }
    }
}
