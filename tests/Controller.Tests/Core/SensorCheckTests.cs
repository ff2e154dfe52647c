using HydroOxygen.Controller.Core;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// The frozen-while-moving check: a transducer that repeats its code while the valves say the
/// pressure must be changing is caught within a few conversions, not after SensorFrozenAfterS —
/// and a live, noisy one under the same conditions is not.
/// </summary>
public class SensorCheckTests
{
    private const double Tick = 0.002;
    private static readonly SafetySettings Safety = ControllerSettings.Default.Safety;

    [Fact]
    public void A_code_repeated_while_the_pressure_must_move_is_frozen_after_the_set_number_of_conversions()
    {
        var check = new Channel();
        var faultyAt = -1;
        for (var i = 1; i <= 50 && faultyAt < 0; i++)
        {
            if (check.Update(new PressureSample(0.1234, SensorStatus.Ok, i), i * Tick, Safety, mustMove: true, Safety.SensorMaxSlewMpaPerS, Safety.SensorMaxSlewMpaPerS))
            {
                faultyAt = i;
            }
        }

        Assert.True(check.Check.Frozen);
        Assert.InRange(faultyAt, Safety.SensorFrozenConversionsWhileMoving, Safety.SensorFrozenConversionsWhileMoving + 1);
        Assert.True(faultyAt * Tick < Safety.SensorFrozenAfterS / 10, "much sooner than the at-rest frozen time");
    }

    [Fact]
    public void The_same_code_at_rest_is_only_frozen_after_the_at_rest_time()
    {
        var check = new Channel();
        for (var i = 1; i * Tick < Safety.SensorFrozenAfterS - (10 * Tick); i++)
        {
            Assert.False(check.Update(new PressureSample(0.1234, SensorStatus.Ok, i), i * Tick, Safety, mustMove: false, Safety.SensorMaxSlewMpaPerS, Safety.SensorMaxSlewMpaPerS));
        }
    }

    [Fact]
    public void A_live_noisy_reading_while_the_pressure_must_move_is_not_frozen()
    {
        var check = new Channel();
        var noise = new Random(3);
        for (var i = 1; i <= 500; i++)
        {
            var mpa = 0.45 + ((noise.NextDouble() - 0.5) * 0.002);
            Assert.False(check.Update(new PressureSample(mpa, SensorStatus.Ok, i), i * Tick, Safety, mustMove: false, Safety.SensorMaxSlewMpaPerS, Safety.SensorMaxSlewMpaPerS));
        }

        for (var i = 501; i <= 600; i++)
        {
            var mpa = 0.45 + ((noise.NextDouble() - 0.5) * 0.002);
            check.Update(new PressureSample(mpa, SensorStatus.Ok, i), i * Tick, Safety, mustMove: true, Safety.SensorMaxSlewMpaPerS, Safety.SensorMaxSlewMpaPerS);
            Assert.False(check.Check.Frozen);
        }
    }

    [Theory]
    [InlineData(0.15, false)] // 37.5 MPa/s up: within the rise limit
    [InlineData(-0.15, true)] // the same down: beyond the fall limit
    public void Rise_and_fall_are_judged_against_their_own_limits(double step, bool faulty)
    {
        const double Rise = 120.0;
        const double Fall = 20.0;
        const double Interval = 0.004;
        var check = new Channel();
        check.Update(new PressureSample(0.50, SensorStatus.Ok, 1), Interval, Safety, mustMove: false, Rise, Fall);

        Assert.Equal(faulty, check.Update(new PressureSample(0.50 + step, SensorStatus.Ok, 2), 2 * Interval, Safety, mustMove: false, Rise, Fall));
    }

    /// <summary>A channel as the transducer checks keep it: the check, and the last plausible reading it accepted.</summary>
    private sealed class Channel
    {
        private SensorCheck _check;
        private double _lastGoodMpa;

        public SensorCheck Check => _check;

        public bool Update(PressureSample sample, double now, SafetySettings settings, bool mustMove, double maxRise, double maxFall)
        {
            var faulty = _check.Update(in sample, _lastGoodMpa, now, settings, mustMove, maxRise, maxFall);
            _lastGoodMpa = _check.Accepted ? sample.Mpa : _lastGoodMpa;
            return faulty;
        }
    }
}
