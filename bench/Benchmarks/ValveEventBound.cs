namespace HydroOxygen.Benchmarks;

/// <summary>
/// The least deviation the inlet (and one vent pulse) can keep through a valve event our run
/// replays (the bottle's charge valve closing, a spray or source valve): from our state shortly
/// before the command, the inlet following the opening that balanced the draw there (ours' trend),
/// switched at a swept instant to the opening that balances what remains (or shut), the vent shut;
/// the least over the sweep of the largest |error| through the event.
/// </summary>
internal static class ValveEventBound
{
    /// <summary>The sweep (and the judged stretch) starts this long before the command: over three inlet lags.</summary>
    public const double LeadS = 0.1;

    /// <summary>The switch is swept to this long after the command (past a solenoid's delay and the spool's lag).</summary>
    public const double SweepAfterS = 0.06;

    /// <summary>The bottle's draw is measured from its pressure's rise over this long.</summary>
    public const double DrawSpanS = 0.01;

    /// <summary>A vent pulse against the tail is swept from the command to this long after it.</summary>
    public const double PulseAfterS = 0.08;

    /// <summary>The judged stretch ends this long after the command (the closing spool's tail is long gone).</summary>
    public const double TailS = 0.2;

    /// <summary>The opening that balanced the draw: ours over this long before the sweep, fitted by a line and extrapolated.</summary>
    public const double BalanceS = 0.1;

    /// <param name="Valve">Which valve, as the report names it.</param>
    /// <param name="Opens">Commanded open (else closed).</param>
    /// <param name="Tick">The tick our run commanded it.</param>
    public sealed record ValveEvent(string Valve, bool Opens, int Tick);

    /// <param name="OursMpa">Our largest |error| over the judged stretch.</param>
    /// <param name="InletMpa">The least largest |error| over the inlet's sweep (vent shut).</param>
    /// <param name="SwitchS">Where that least switched the inlet, s from the command (negative: before).</param>
    /// <param name="Before">The opening held before the switch (at the sweep's start).</param>
    /// <param name="After">The opening after the switch in the least.</param>
    /// <param name="DrawLpm">Charge valve only: the bottle's draw at the least's switch, L/min ANR (NaN otherwise).</param>
    /// <param name="HandMpa">Charge valve only: ±0.23·Q·τ/C for that draw (NaN otherwise).</param>
    /// <param name="Vent">The least with a vent pulse added against the spool's tail.</param>
    public sealed record Figures(
        ValveEvent Event, double EventS, double OursMpa, double InletMpa, double SwitchS, double Before, double After, double DrawLpm, double HandMpa, VentPulse Vent)
    {
        /// <summary>The least deviation any of the swept commands keeps: the event's bound.</summary>
        public double LeastMpa => Math.Min(InletMpa, Vent.LeastMpa);
    }

    /// <param name="LeastMpa">The least largest |error| with the pulse.</param>
    /// <param name="SwitchS">Where the inlet was switched, s from the event's command.</param>
    /// <param name="PulseS">When the vent was commanded open, s from the event's command.</param>
    /// <param name="Ticks">For how many ticks it was commanded open.</param>
    public sealed record VentPulse(double LeastMpa, double SwitchS, double PulseS, int Ticks);

    /// <summary>The commands of any valve other than the inlet and the vent, in our run between two times.</summary>
    public static IReadOnlyList<ValveEvent> Within(ScenarioRun scenario, double from, double to)
    {
        var trace = scenario.Trace;
        var events = new List<ValveEvent>();
        for (var k = 1; k < trace.Count; k++)
        {
            if (trace.Time[k] < from || trace.Time[k] > to)
            {
                continue;
            }

            var (was, now) = (trace.Outputs[k - 1], trace.Outputs[k]);
            Add(events, "charge valve", was.ChargeOpen, now.ChargeOpen, k);
            Add(events, "spray valve", was.SprayOpen, now.SprayOpen, k);
            Add(events, "oxygen source valve", was.OxygenSourceOpen, now.OxygenSourceOpen, k);
            Add(events, "compressor source valve", was.CompressorSourceOpen, now.CompressorSourceOpen, k);
            Add(events, "compressor", was.CompressorOn, now.CompressorOn, k);
        }

        return events;
    }

    public static Figures Of(ScenarioRun scenario, RegulationWindow window, ValveEvent valveEvent, double tick)
    {
        var trace = scenario.Trace;
        var command = valveEvent.Tick;
        var from = Math.Max(1, command - (int)Math.Round(LeadS / tick));
        var end = Math.Min(trace.Time[command] + TailS, window.Start + window.Length);
        var until = command;
        while (until + 1 < trace.Count && trace.Time[until + 1] <= end)
        {
            until++;
        }

        var (before, slope) = InletTrend(trace, from - (int)Math.Round(BalanceS / tick), from);
        var after = MeanInlet(trace, window.Start + (0.75 * window.Length), window.Start + window.Length);
        var extreme = after < before ? 0.0 : 1.0;
        double[] afters = after == extreme ? [after] : [after, extreme];
        var (least, switchAt, leastAfter) = (double.PositiveInfinity, from, after);
        var last = Math.Min(until, command + (int)Math.Round(SweepAfterS / tick));
        for (var at = from; at <= last; at++)
        {
            foreach (var opening in afters)
            {
                var pressure = BaselineReplay.Planned(scenario, tick, new InletPlan(from, at, until, before, opening, slope));
                var deviation = Deviation(pressure, window.Target, from, until);
                if (deviation < least)
                {
                    (least, switchAt, leastAfter) = (deviation, at, opening);
                }
            }
        }

        // The controller may command any opening on the switch tick: a switch between two ticks.
        var switchS = trace.Time[switchAt] - trace.Time[command];
        for (var at = Math.Max(from, switchAt - 1); at <= Math.Min(last, switchAt + 1); at++)
        {
            var beforeAt = Math.Clamp(before + (slope * (at - from)), 0.0, 1.0);
            foreach (var fraction in (double[])[0.25, 0.5, 0.75])
            {
                var opening = leastAfter + (fraction * (beforeAt - leastAfter));
                var deviation = Deviation(BaselineReplay.Planned(scenario, tick, new InletPlan(from, at, until, before, leastAfter, slope, Mid: opening)), window.Target, from, until);
                if (deviation < least)
                {
                    (least, switchS) = (deviation, trace.Time[at] + (fraction * tick) - trace.Time[command]);
                }
            }
        }

        var ours = Deviation([.. trace.POutTrue], window.Target, from, until);
        var (draw, hand) = valveEvent.Valve == "charge valve"
            ? ChargeDraw(scenario, tick, new InletPlan(from, switchAt, until, before, leastAfter, slope), Math.Min(switchAt, command))
            : (double.NaN, double.NaN);
        var vent = WithVentPulse(scenario, window, tick, new InletPlan(from, switchAt, until, before, leastAfter, slope), command, last);
        return new Figures(
            valveEvent, trace.Time[command] - window.Start, ours, least, switchS, before, leastAfter, draw, hand, vent);
    }

    /// <summary>
    /// The inlet's least plan with a vent pulse (as short as the vent's solenoid allows, or a tick or
    /// two longer) added from the command on, the inlet's switch swept again (a pulse lets it stay
    /// open longer): first on a coarse grid, then tick by tick around the best.
    /// </summary>
    private static VentPulse WithVentPulse(ScenarioRun scenario, RegulationWindow window, double tick, InletPlan inlet, int command, int last)
    {
        var time = scenario.Trace.Time;
        var pulseLast = Math.Min(inlet.Until, command + (int)Math.Round(PulseAfterS / tick));
        var best = (Mpa: double.PositiveInfinity, At: inlet.SwitchAt, Pulse: command, Ticks: 1);
        void Try(int at, int pulse, int ticks)
        {
            if (at < inlet.From || at > last || pulse < command || pulse > pulseLast)
            {
                return;
            }

            var deviation = Deviation(BaselineReplay.Planned(scenario, tick, inlet with { SwitchAt = at, VentFrom = pulse, VentTicks = ticks }), window.Target, inlet.From, inlet.Until);
            if (deviation < best.Mpa)
            {
                best = (deviation, at, pulse, ticks);
            }
        }

        // A solenoid commanded back before its delay has run never moves (the vent is normally open, so
        // opening it is the off delay): the shortest pulse that opens it is that long.
        var delayMs = Math.Max(scenario.Parameters.SolenoidOnDelayMs, scenario.Parameters.SolenoidOffDelayMs);
        var shortest = Math.Max(1, (int)Math.Ceiling((delayMs / 1000.0 / tick) - 1e-9));
        for (var at = inlet.SwitchAt; at <= last; at += 3)
        {
            for (var pulse = command; pulse <= pulseLast; pulse += 2)
            {
                for (var ticks = shortest; ticks < shortest + 3; ticks++)
                {
                    Try(at, pulse, ticks);
                }
            }
        }

        var coarse = best;
        for (var at = coarse.At - 2; at <= coarse.At + 2; at++)
        {
            for (var pulse = coarse.Pulse - 1; pulse <= coarse.Pulse + 1; pulse++)
            {
                Try(at, pulse, coarse.Ticks);
            }
        }

        return new VentPulse(best.Mpa, time[best.At] - time[command], time[best.Pulse] - time[command], best.Ticks);
    }

    /// <summary>
    /// The hand bound's factor: an inlet that balanced a draw Q and is shut x lags before the draw
    /// stops leaves a deficit Q·τ·(x − 1 + e^−x) and then a tail Q·τ·e^−x; the largest |error| is
    /// least when the tail is twice the deficit, e^−x = 2(1 − x), where it is factor·Q·τ/C.
    /// </summary>
    public static (double Lags, double Factor) Hand()
    {
        var (low, high) = (0.0, 1.0);
        for (var i = 0; i < 60; i++)
        {
            var x = (low + high) / 2;
            (low, high) = Math.Exp(-x) < 2 * (1 - x) ? (x, high) : (low, x);
        }

        return (low, low - 1 + Math.Exp(-low));
    }

    /// <summary>
    /// The bottle's draw where the least's inlet is switched (from the bottle's pressure rise over
    /// the preceding <see cref="DrawSpanS"/> in its replay), in L/min ANR, and ±factor·Q·τ/C for it. C and Q's gas
    /// volume share the polytropic exponent and the reference pressure, which cancel in Q/C.
    /// </summary>
    private static (double DrawLpm, double HandMpa) ChargeDraw(ScenarioRun scenario, double tick, InletPlan least, int at)
    {
        var span = Math.Max(1, (int)Math.Round(DrawSpanS / tick));
        var (p0, p1, headspaceMl) = (double.NaN, double.NaN, double.NaN);
        var parameters = scenario.Parameters;
        BaselineReplay.Planned(scenario, tick, least with { Until = at }, (k, plant) =>
        {
            if (k == at - span)
            {
                p0 = plant.PBottleMpa;
            }
            else if (k == at)
            {
                (p1, headspaceMl) = (plant.PBottleMpa, parameters.BottleMl - plant.LiquidMl);
            }
        });
        var riseMpaPerS = (p1 - p0) / (span * tick);
        var drawLpm = headspaceMl * riseMpaPerS / (parameters.PolytropicExponent * parameters.AmbientMpaAbs) * 60.0 / 1000.0;
        var hand = Hand().Factor * riseMpaPerS * (parameters.InletTauMs / 1000.0) * headspaceMl / parameters.ManifoldMl;
        return (drawLpm, hand);
    }

    private static double Deviation(double[] pressure, double target, int from, int until)
    {
        var worst = 0.0;
        for (var k = from; k <= until; k++)
        {
            worst = Math.Max(worst, Math.Abs(pressure[k] - target));
        }

        return worst;
    }

    private static double MeanInlet(RegulationTrace trace, double from, double to)
    {
        var (sum, count) = (0.0, 0);
        for (var k = 0; k < trace.Count; k++)
        {
            if (trace.Time[k] >= from && trace.Time[k] < to)
            {
                sum += trace.Outputs[k].InletOpening;
                count++;
            }
        }

        return count == 0 ? 0.0 : sum / count;
    }

    /// <summary>
    /// Ours' inlet over ticks [from, to) fitted by a straight line (least squares): its value
    /// extrapolated to <paramref name="to"/> and its change a tick. The draw it balanced drifts as
    /// the bottle fills, so a constant opening would itself move the pressure.
    /// </summary>
    public static (double Opening, double SlopePerTick) InletTrend(RegulationTrace trace, int from, int to)
    {
        from = Math.Max(0, from);
        var n = to - from;
        if (n < 2)
        {
            return (trace.Outputs[Math.Max(0, to - 1)].InletOpening, 0.0);
        }

        var (sx, sy, sxx, sxy) = (0.0, 0.0, 0.0, 0.0);
        for (var k = from; k < to; k++)
        {
            var (x, y) = ((double)(k - to), trace.Outputs[k].InletOpening);
            (sx, sy, sxx, sxy) = (sx + x, sy + y, sxx + (x * x), sxy + (x * y));
        }

        var slope = ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
        return ((sy - (slope * sx)) / n, slope);
    }

    private static void Add(List<ValveEvent> events, string valve, bool was, bool now, int tick)
    {
        if (was != now)
        {
            events.Add(new ValveEvent(valve, now, tick));
        }
    }
}
