using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Service;

/// <summary>A recorded open-loop response: pressures over time after a valve was driven.</summary>
public sealed record PulseResponse(double[] Times, double[] OutletMpa, double[] BottleMpa, double[] SourceMpa, double Command, double StartTime)
{
    public int Count => Times.Length;
}

/// <summary>What a pulse test revealed about one valve.</summary>
/// <param name="ConductanceRatio">The valve's conductance relative to the nominal value in the settings.</param>
/// <param name="TimeConstantS">Inlet: the spool's lag; vent: its opening delay.</param>
/// <param name="RmsErrorMpa">How closely the fitted model follows the recording.</param>
public sealed record ValveIdentification(double ConductanceRatio, double TimeConstantS, double RmsErrorMpa);

/// <summary>What a charge pulse revealed about the charge valve and the bottle.</summary>
/// <param name="ConductanceRatio">The charge valve's conductance relative to the nominal value in the settings.</param>
/// <param name="HeadspaceRatio">The bottle's gas space relative to the manifold's volume.</param>
/// <param name="RmsErrorMpa">How closely the fitted model follows the recording (manifold and bottle).</param>
public sealed record ChargeIdentification(double ConductanceRatio, double HeadspaceRatio, double RmsErrorMpa);

/// <summary>
/// Identifies the valves from pulse tests by fitting the regulator's own plant model (manifold
/// volume fixed at its nominal value, valve conductance and timing free) to the recorded pressures.
/// </summary>
/// <remarks>
/// Only ratios to the manifold volume are observable without a flow meter — which is exactly what
/// the feed-forward needs: it turns a pressure rate into a flow through the volume and a flow into
/// an opening through the conductance, so a conductance identified against the nominal volume makes
/// both right whatever the true volume is.
/// </remarks>
public static class SystemIdentification
{
    /// <summary>Fits the inlet valve: conductance ratio and spool lag, from a pulse at a known opening with the outlets shut.</summary>
    public static ValveIdentification FitInlet(PulseResponse pulse, RegulatorSettings nominal) =>
        Fit(pulse, nominal, inlet: true, 0.005, 0.12);

    /// <summary>Fits the vent valve: conductance ratio and opening delay, from a pulse with everything else shut.</summary>
    public static ValveIdentification FitVent(PulseResponse pulse, RegulatorSettings nominal) =>
        Fit(pulse, nominal, inlet: false, 0.0, 0.05);

    /// <summary>
    /// Fits the charge valve and the bottle from a charge pulse (manifold shut in at a pressure, the
    /// vented bottle opened to it): the split of the final pressure gives the bottle's gas space
    /// against the manifold's (mass is conserved), the speed of the exchange the valve's conductance.
    /// </summary>
    public static ChargeIdentification FitCharge(PulseResponse pulse, RegulatorSettings nominal)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(nominal);
        if (pulse.Count < 20)
        {
            throw new ArgumentException("The charge recording is too short to identify anything.", nameof(pulse));
        }

        var tail = Math.Max(5, pulse.Count / 10);
        var outletEnd = pulse.OutletMpa.AsSpan(pulse.Count - tail).ToArray().Average();
        var bottleEnd = pulse.BottleMpa.AsSpan(pulse.Count - tail).ToArray().Average();
        if (Math.Abs(outletEnd - bottleEnd) > 0.02)
        {
            throw new ArgumentException(
                $"Manifold ({outletEnd:0.000} MPa) and bottle ({bottleEnd:0.000} MPa) did not equalise: is the charge valve opening?", nameof(pulse));
        }

        var final = (outletEnd + bottleEnd) / 2;
        var outletStart = pulse.OutletMpa[0];
        var bottleStart = pulse.BottleMpa[0];
        if (final - bottleStart < 0.02 || outletStart - final < 0.01)
        {
            throw new ArgumentException("The charge pulse moved too little gas to identify the bottle.", nameof(pulse));
        }

        var headspace = (outletStart - final) / (final - bottleStart);
        var (ratio, error) = Minimise(0.2, 5.0, r => ChargeError(pulse, nominal, r, headspace));
        return new ChargeIdentification(ratio, headspace, Math.Sqrt(error / (2 * pulse.Count)));
    }

    private static double ChargeError(PulseResponse pulse, RegulatorSettings nominal, double ratio, double headspace)
    {
        var manifold = GasFlow.LitresPerMpa(nominal.ManifoldMl, nominal.PolytropicExponent, nominal.GasTemperatureK) * 60.0;
        var bottle = manifold * headspace;
        var pOut = pulse.OutletMpa[0];
        var pBottle = pulse.BottleMpa[0];
        var sum = 0.0;
        for (var i = 1; i < pulse.Count; i++)
        {
            var dt = pulse.Times[i] - pulse.Times[i - 1];
            var open = pulse.Times[i] - pulse.StartTime >= nominal.SolenoidOnDelayS;
            var flow = open ? GasFlow.Lpm(nominal.ChargeC * ratio, nominal.ChargeB, pOut, pBottle, nominal.GasTemperatureK) : 0.0;
            pOut -= flow * dt / manifold;
            pBottle += flow * dt / bottle;
            var e1 = pOut - pulse.OutletMpa[i];
            var e2 = pBottle - pulse.BottleMpa[i];
            sum += (e1 * e1) + (e2 * e2);
        }

        return sum;
    }

    /// <summary>A one-dimensional search on a log grid with refinement (the error has one valley).</summary>
    private static (double Best, double Error) Minimise(double low, double high, Func<double, double> error)
    {
        var (best, bestError) = (1.0, double.MaxValue);
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i <= 40; i++)
            {
                var x = low * Math.Pow(high / low, i / 40.0);
                var e = error(x);
                if (e < bestError)
                {
                    (best, bestError) = (x, e);
                }
            }

            var step = Math.Pow(high / low, 1 / 40.0);
            (low, high) = (best / (step * step), best * step * step);
        }

        return (best, bestError);
    }

    /// <summary>The pressure the model predicts for the recording's inputs, MPa.</summary>
    public static double[] Predict(PulseResponse pulse, RegulatorSettings nominal, bool inlet, double ratio, double timeConstant)
    {
        var capacitance = GasFlow.LitresPerMpa(nominal.ManifoldMl, nominal.PolytropicExponent, nominal.GasTemperatureK) * 60.0;
        var predicted = new double[pulse.Count];
        var pressure = pulse.OutletMpa[0];
        var spool = 0.0;
        predicted[0] = pressure;
        for (var i = 1; i < pulse.Count; i++)
        {
            var dt = pulse.Times[i] - pulse.Times[i - 1];
            var since = pulse.Times[i] - pulse.StartTime;
            double flow;
            if (inlet)
            {
                spool += (pulse.Command - spool) * (1.0 - Math.Exp(-dt / Math.Max(timeConstant, 1e-4)));
                flow = spool * GasFlow.Lpm(nominal.InletC * ratio, nominal.InletB, pulse.SourceMpa[i - 1], pressure, nominal.GasTemperatureK);
            }
            else
            {
                var open = since >= timeConstant ? 1.0 : 0.0;
                flow = -open * GasFlow.Lpm(nominal.VentC * ratio, nominal.VentB, pressure, 0.0, nominal.GasTemperatureK);
            }

            pressure += flow * dt / capacitance;
            predicted[i] = pressure;
        }

        return predicted;
    }

    private static ValveIdentification Fit(PulseResponse pulse, RegulatorSettings nominal, bool inlet, double minTime, double maxTime)
    {
        if (pulse.Count < 10)
        {
            throw new ArgumentException("The pulse recording is too short to identify anything.", nameof(pulse));
        }

        // Coarse grid, then two rounds of refinement around the best point: the error surface is
        // smooth and has one valley, and a few thousand short simulations cost milliseconds.
        var (bestRatio, bestTime, bestError) = (1.0, (minTime + maxTime) / 2, double.MaxValue);
        var ratioLow = 0.3;
        var ratioHigh = 3.0;
        var timeLow = minTime;
        var timeHigh = maxTime;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i <= 40; i++)
            {
                var ratio = ratioLow * Math.Pow(ratioHigh / ratioLow, i / 40.0);
                for (var j = 0; j <= 20; j++)
                {
                    var time = timeLow + ((timeHigh - timeLow) * j / 20.0);
                    var error = Error(pulse, nominal, inlet, ratio, time);
                    if (error < bestError)
                    {
                        (bestRatio, bestTime, bestError) = (ratio, time, error);
                    }
                }
            }

            var ratioStep = Math.Pow(ratioHigh / ratioLow, 1 / 40.0);
            ratioLow = bestRatio / (ratioStep * ratioStep);
            ratioHigh = bestRatio * ratioStep * ratioStep;
            var timeStep = (timeHigh - timeLow) / 20.0;
            timeLow = Math.Max(minTime, bestTime - (2 * timeStep));
            timeHigh = Math.Min(maxTime, bestTime + (2 * timeStep));
        }

        return new ValveIdentification(bestRatio, bestTime, Math.Sqrt(bestError / pulse.Count));
    }

    private static double Error(PulseResponse pulse, RegulatorSettings nominal, bool inlet, double ratio, double time)
    {
        var predicted = Predict(pulse, nominal, inlet, ratio, time);
        var sum = 0.0;
        for (var i = 0; i < pulse.Count; i++)
        {
            var e = predicted[i] - pulse.OutletMpa[i];
            sum += e * e;
        }

        return sum;
    }
}
