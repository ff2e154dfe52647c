using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using Microsoft.Extensions.Hosting;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The live feed behind <c>GET /api/stream</c>: samples the status snapshot, keeps the last minute
/// of chart points, and broadcasts points and status documents to every connected dashboard.
/// </summary>
/// <remarks>
/// <para>
/// It polls the lock-free snapshot every 10 ms and folds the polls into one point per 50 ms of loop
/// time, keeping P_out's minimum and maximum; a status document goes out when something a person
/// would notice changes (state, program, setpoint, alarms, pedal) and twice a second for the timers.
/// Each message is serialized once, whatever the number of clients.
/// </para>
/// <para>
/// A client that reads too slowly loses its oldest messages (a bounded queue per client), so one
/// stalled browser cannot hold memory or slow the others.
/// </para>
/// </remarks>
public sealed class LiveFeed(ControllerRuntime runtime, StatusMapper mapper) : BackgroundService
{
    public const double SampleSeconds = 0.05;
    public const double HistorySeconds = 60.0;
    public const string SampleEvent = "sample";
    public const string StatusEvent = "status";
    public const string HistoryEvent = "history";
    private const int ClientQueue = 256;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private readonly LiveSample[] _history = new LiveSample[(int)(HistorySeconds / SampleSeconds)];
    private readonly List<Channel<SseItem<string>>> _clients = [];
    private int _historyNext;
    private int _historyCount;

    private long _lastTicks = -1;
    private long _bucket = long.MinValue;
    private LiveSample _pending;
    private bool _hasPending;
    private StatusSignature _lastSignature;
    private long _nextStatusAt;

    /// <summary>A connected client: what it needs to draw at once, then its stream of messages.</summary>
    public sealed class Subscription(LiveFeed feed, Channel<SseItem<string>> channel, string status, LiveSample[] history) : IDisposable
    {
        public string Status => status;
        public IReadOnlyList<LiveSample> History => history;
        public ChannelReader<SseItem<string>> Messages => channel.Reader;

        public void Dispose() => feed.Unsubscribe(channel);
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(ClientQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        var status = JsonSerializer.Serialize(mapper.Current(), ApiJsonContext.Default.StatusResponse);
        lock (_lock)
        {
            _clients.Add(channel);
            var history = new LiveSample[_historyCount];
            var start = (_historyNext - _historyCount + _history.Length) % _history.Length;
            for (var i = 0; i < _historyCount; i++)
            {
                history[i] = _history[(start + i) % _history.Length];
            }

            return new Subscription(this, channel, status, history);
        }
    }

    /// <summary>How many clients are connected.</summary>
    public int Clients
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Poll();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryComplete();
            }
        }
    }

    private void Poll()
    {
        var status = runtime.Status.Read();
        var now = runtime.Clock.GetTimestamp();
        var signature = StatusSignature.Of(in status);
        if (signature != _lastSignature || now >= _nextStatusAt)
        {
            _lastSignature = signature;
            _nextStatusAt = now + (long)(StatusInterval.TotalSeconds * runtime.Clock.TimestampFrequency);
            if (Clients > 0)
            {
                Broadcast(new SseItem<string>(JsonSerializer.Serialize(mapper.Describe(in status), ApiJsonContext.Default.StatusResponse), StatusEvent));
            }
        }

        if (status.Ticks == _lastTicks)
        {
            return;
        }

        _lastTicks = status.Ticks;
        Fold(in status);
    }

    private void Fold(in ControllerStatus status)
    {
        var bucket = (long)Math.Floor(status.Time / SampleSeconds);
        if (_hasPending && bucket != _bucket)
        {
            Emit(_pending);
            _hasPending = false;
        }

        _bucket = bucket;
        var pOut = Round(status.POutMpa);
        _pending = new LiveSample(
            T: Math.Round(status.Time, 3),
            State: status.State.ToString(),
            OutMpa: pOut,
            OutMinMpa: _hasPending ? Math.Min(_pending.OutMinMpa, pOut) : pOut,
            OutMaxMpa: _hasPending ? Math.Max(_pending.OutMaxMpa, pOut) : pOut,
            BottleMpa: Round(status.PBottleMpa),
            SrcMpa: Round(status.PSrcMpa),
            SetpointMpa: Round(status.SetpointMpa));
        _hasPending = true;
    }

    private void Emit(LiveSample sample)
    {
        lock (_lock)
        {
            _history[_historyNext] = sample;
            _historyNext = (_historyNext + 1) % _history.Length;
            _historyCount = Math.Min(_historyCount + 1, _history.Length);
        }

        Broadcast(new SseItem<string>(JsonSerializer.Serialize(sample, ApiJsonContext.Default.LiveSample), SampleEvent));
    }

    private void Broadcast(SseItem<string> item)
    {
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryWrite(item);
            }
        }
    }

    private void Unsubscribe(Channel<SseItem<string>> channel)
    {
        lock (_lock)
        {
            _clients.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    private static double Round(double mpa) => double.IsFinite(mpa) ? Math.Round(mpa, 4) : 0.0;

    /// <summary>What, when it changes, deserves a status message at once.</summary>
    private readonly record struct StatusSignature(DeviceState State, int Program, GasSource Source, double Setpoint, bool Pedal, ulong Alarms, bool Session)
    {
        public static StatusSignature Of(in ControllerStatus status)
        {
            ulong alarms = 0;
            var states = status.Alarms;
            for (var i = 0; i < AlarmCatalog.Count; i++)
            {
                var alarm = states[i];
                var bits = (alarm.Latched ? 1UL : 0) | (alarm.Acknowledged ? 2UL : 0) | (alarm.Active ? 4UL : 0);
                alarms |= bits << (3 * i);
            }

            return new(status.State, status.ProgramIndex, status.GasSource, status.SetpointMpa, status.FootSwitchPressed, alarms, status.Session.Active);
        }
    }
}
