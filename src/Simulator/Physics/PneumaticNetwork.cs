namespace HydroOxygen.Simulator.Physics;

/// <summary>
/// Gas chambers joined by ISO 6358 restrictions, integrated with a linearly implicit Euler step.
/// </summary>
/// <remarks>
/// <para>
/// Each chamber follows dp/dt = n·(R·T/V)·(ṁ_in − ṁ_out) − n·(p/V)·dV/dt. The device has small
/// volumes (a 10 mL source line) behind large valves and near-equilibrium laminar branches, which
/// makes the system stiff: an explicit step at the loop's 2 ms would ring or diverge. Solving
/// (I − h·J)·Δp = h·f(p) with the analytic Jacobian is stable at any step and costs one 5×5
/// elimination per step, whatever its length (the plant takes steps of up to 1 ms).
/// </para>
/// <para>
/// The same linearised flows that move the pressures are booked as mass on every path, so the mass
/// that leaves one chamber is exactly the mass that enters the next (the step preserves the linear
/// invariant Σ V·p / (n·R·T) of a closed network to rounding). Boundary nodes (atmosphere, the
/// cylinder regulator) have fixed pressures within a step.
/// </para>
/// </remarks>
internal sealed class PneumaticNetwork
{
    public const int MaxChambers = 8;

    private readonly int _chambers;
    private readonly double[] _pressure;
    private readonly double[] _volume;
    private readonly double[] _volumeRate;
    private readonly double[] _massSource;
    private readonly double[] _massSourceSlope;
    private readonly double[] _mass;
    private readonly FlowPath[] _paths;
    private readonly double[] _pathFlow;
    private readonly double[] _pathMass;
    private readonly double[] _pathSlopeFrom;
    private readonly double[] _pathSlopeTo;
    private readonly double[] _matrix;
    private readonly double[] _rhs;
    private readonly double[] _stiffness;
    private readonly double _stiffnessPerVolume;
    private readonly double _temperatureFactor;
    private readonly double[] _laminarFactor;

    /// <param name="chamberVolumes">Initial volume of each chamber, m³.</param>
    /// <param name="boundaryPressures">Initial pressure of each boundary node, Pa absolute.</param>
    /// <param name="paths">The restrictions; node indices count chambers first, then boundaries.</param>
    public PneumaticNetwork(
        ReadOnlySpan<double> chamberVolumes,
        ReadOnlySpan<double> boundaryPressures,
        ReadOnlySpan<FlowPath> paths,
        double temperature,
        double polytropicExponent,
        double initialPressure)
    {
        if (chamberVolumes.Length is 0 or > MaxChambers)
        {
            throw new ArgumentOutOfRangeException(nameof(chamberVolumes), $"A network has 1–{MaxChambers} chambers.");
        }

        _chambers = chamberVolumes.Length;
        var nodes = _chambers + boundaryPressures.Length;
        foreach (ref readonly var path in paths)
        {
            if ((uint)path.From >= (uint)nodes || (uint)path.To >= (uint)nodes || path.From == path.To)
            {
                throw new ArgumentException($"Path {path.From}→{path.To} does not join two different nodes of {nodes}.", nameof(paths));
            }
        }

        Temperature = temperature;
        PolytropicExponent = polytropicExponent;
        _stiffnessPerVolume = polytropicExponent * Gas.SpecificGasConstant * temperature;
        _pressure = new double[nodes];
        _volume = chamberVolumes.ToArray();
        _volumeRate = new double[_chambers];
        _massSource = new double[_chambers];
        _massSourceSlope = new double[_chambers];
        _mass = new double[_chambers];
        _paths = paths.ToArray();
        _pathFlow = new double[_paths.Length];
        _pathMass = new double[_paths.Length];
        _pathSlopeFrom = new double[_paths.Length];
        _pathSlopeTo = new double[_paths.Length];
        _matrix = new double[_chambers * _chambers];
        _rhs = new double[_chambers];
        _stiffness = new double[_chambers];
        _temperatureFactor = Math.Sqrt(Gas.ReferenceTemperature / temperature);
        _laminarFactor = new double[_paths.Length];
        for (var e = 0; e < _paths.Length; e++)
        {
            _laminarFactor[e] = Iso6358Flow.LaminarFactor(_paths[e].CriticalRatio);
        }

        for (var i = 0; i < _chambers; i++)
        {
            _stiffness[i] = _stiffnessPerVolume / _volume[i];
            _pressure[i] = initialPressure;
            _mass[i] = initialPressure * _volume[i] / (Gas.SpecificGasConstant * temperature);
        }

        boundaryPressures.CopyTo(_pressure.AsSpan(_chambers));
    }

    public int ChamberCount => _chambers;
    public double Temperature { get; }
    public double PolytropicExponent { get; }

    /// <summary>Absolute pressure of a chamber or boundary node, Pa.</summary>
    public double Pressure(int node) => _pressure[node];

    /// <summary>Sets the pressure of a boundary node (or re-initialises a chamber, booking its mass).</summary>
    public void SetPressure(int node, double pascals)
    {
        _pressure[node] = pascals;
        if (node < _chambers)
        {
            _mass[node] = pascals * _volume[node] / (Gas.SpecificGasConstant * Temperature);
        }
    }

    public double Volume(int chamber) => _volume[chamber];

    /// <summary>
    /// Changes a chamber's volume at a rate (the bottle headspace as liquid leaves); applied through
    /// the −n·p/V·dV/dt term during the following steps.
    /// </summary>
    public void SetVolumeRate(int chamber, double cubicMetresPerSecond) => _volumeRate[chamber] = cubicMetresPerSecond;

    /// <summary>
    /// Replaces a chamber's volume at once, keeping its pressure (a bottle refilled and re-pressurised
    /// by the operator); the gas mass follows.
    /// </summary>
    public void ResetVolume(int chamber, double cubicMetres)
    {
        _volume[chamber] = cubicMetres;
        _stiffness[chamber] = _stiffnessPerVolume / cubicMetres;
        _mass[chamber] = _pressure[chamber] * cubicMetres / (Gas.SpecificGasConstant * Temperature);
    }

    /// <summary>An external mass flow into a chamber (a compressor), kg/s, and its slope with the chamber pressure.</summary>
    public void SetMassSource(int chamber, double kilogramsPerSecond, double slopePerPascal)
    {
        _massSource[chamber] = kilogramsPerSecond;
        _massSourceSlope[chamber] = slopePerPascal;
    }

    public ref FlowPath Path(int index) => ref _paths[index];

    /// <summary>Mass flow on a path during the last step, kg/s (positive From → To).</summary>
    public double PathFlow(int index) => _pathFlow[index];

    /// <summary>Total mass that has crossed a path since construction, kg (positive From → To).</summary>
    public double PathMass(int index) => _pathMass[index];

    /// <summary>Gas mass booked in a chamber, kg.</summary>
    public double Mass(int chamber) => _mass[chamber];

    /// <summary>Advances all chambers by <paramref name="step"/> seconds.</summary>
    public void Step(double step)
    {
        var n = _chambers;
        var matrix = _matrix.AsSpan();
        var rhs = _rhs.AsSpan();
        var stiffness = _stiffness.AsSpan();
        matrix.Clear();
        for (var i = 0; i < n; i++)
        {
            // Stiffness follows the volume (kept up to date where it changes); most chambers are rigid.
            var volumeTerm = _volumeRate[i] == 0.0 ? 0.0 : PolytropicExponent * _volumeRate[i] / _volume[i];
            rhs[i] = (stiffness[i] * _massSource[i]) - (volumeTerm * _pressure[i]);
            matrix[(i * n) + i] = (stiffness[i] * _massSourceSlope[i]) - volumeTerm;
        }

        for (var e = 0; e < _paths.Length; e++)
        {
            ref readonly var path = ref _paths[e];
            if (path.Conductance <= 0.0)
            {
                // A closed valve: no flow, nothing to add to the system or to book.
                _pathFlow[e] = 0.0;
                _pathSlopeFrom[e] = 0.0;
                _pathSlopeTo[e] = 0.0;
                continue;
            }

            var flow = PathFlowAndSlopes(in path, _laminarFactor[e], out var slopeFrom, out var slopeTo);
            _pathFlow[e] = flow;
            _pathSlopeFrom[e] = slopeFrom;
            _pathSlopeTo[e] = slopeTo;
            var from = path.From;
            var to = path.To;
            if (from < n)
            {
                rhs[from] -= stiffness[from] * flow;
                matrix[(from * n) + from] -= stiffness[from] * slopeFrom;
                if (to < n)
                {
                    matrix[(from * n) + to] -= stiffness[from] * slopeTo;
                }
            }

            if (to < n)
            {
                rhs[to] += stiffness[to] * flow;
                matrix[(to * n) + to] += stiffness[to] * slopeTo;
                if (from < n)
                {
                    matrix[(to * n) + from] += stiffness[to] * slopeFrom;
                }
            }
        }

        // A = I − h·J, b = h·f.
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[(i * n) + j] *= -step;
            }

            matrix[(i * n) + i] += 1.0;
            rhs[i] *= step;
        }

        DenseSolver.SolveInPlace(matrix, rhs, n);

        // Book the linearised flows (the ones the solve used) as mass, then move the pressures.
        for (var e = 0; e < _paths.Length; e++)
        {
            ref readonly var path = ref _paths[e];
            if (path.Conductance <= 0.0)
            {
                continue;
            }

            var deltaFrom = path.From < n ? rhs[path.From] : 0.0;
            var deltaTo = path.To < n ? rhs[path.To] : 0.0;
            var flow = _pathFlow[e] + (_pathSlopeFrom[e] * deltaFrom) + (_pathSlopeTo[e] * deltaTo);
            _pathFlow[e] = flow;
            _pathMass[e] += flow * step;
            if (path.From < n)
            {
                _mass[path.From] -= flow * step;
            }

            if (path.To < n)
            {
                _mass[path.To] += flow * step;
            }
        }

        for (var i = 0; i < n; i++)
        {
            _mass[i] += (_massSource[i] + (_massSourceSlope[i] * rhs[i])) * step;
            _pressure[i] = Math.Max(_pressure[i] + rhs[i], MinimumPressure);
            if (_volumeRate[i] != 0.0)
            {
                _volume[i] += _volumeRate[i] * step;
                _stiffness[i] = _stiffnessPerVolume / _volume[i];
            }
        }
    }

    /// <summary>A floor far below anything physical, so a pathological step cannot produce a negative pressure.</summary>
    private const double MinimumPressure = 100.0;

    private double PathFlowAndSlopes(in FlowPath path, double laminarFactor, out double slopeFrom, out double slopeTo)
    {
        slopeFrom = 0.0;
        slopeTo = 0.0;
        if (path.Conductance <= 0.0)
        {
            return 0.0;
        }

        var pFrom = _pressure[path.From];
        var pTo = _pressure[path.To];
        if (path.OneWay && pFrom <= pTo)
        {
            return 0.0;
        }

        // Relief valve: the opening grows linearly from the crack pressure over the band.
        var opening = 1.0;
        if (path.ReliefBand > 0.0)
        {
            opening = (pFrom - pTo - path.ReliefCrack) / path.ReliefBand;
            if (opening <= 0.0)
            {
                return 0.0;
            }
        }

        // The same K = C·ρ0·√(T0/T) as Iso6358Flow.Coefficient, with the square root done once.
        var k = path.Conductance * Gas.ReferenceDensity * _temperatureFactor;
        double flow;
        if (pFrom >= pTo)
        {
            flow = Iso6358Flow.ForwardWith(k, path.CriticalRatio, laminarFactor, pFrom, pTo, out slopeFrom, out slopeTo);
        }
        else
        {
            flow = -Iso6358Flow.ForwardWith(k, path.CriticalRatio, laminarFactor, pTo, pFrom, out var reverseDpTo, out var reverseDpFrom);
            slopeFrom = -reverseDpFrom;
            slopeTo = -reverseDpTo;
        }

        if (opening >= 1.0)
        {
            return flow;
        }

        var openingSlope = 1.0 / path.ReliefBand;
        slopeFrom = (opening * slopeFrom) + (flow * openingSlope);
        slopeTo = (opening * slopeTo) - (flow * openingSlope);
        return opening * flow;
    }
}
