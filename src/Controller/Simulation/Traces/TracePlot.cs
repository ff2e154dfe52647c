using System.Globalization;
using HydroOxygen.Controller.Localization;
using Microsoft.Extensions.Localization;
using System.Xml;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// A self-contained picture of a run (SVG without scripts or external resources, or PNG): the
/// pressures over time with the setpoint dashed and the program's ceiling, the controller's state as
/// a coloured band underneath, a marker wherever an alarm was raised, and — given
/// <see cref="Annotate"/> — the scenario's steps, its faults and its expectation windows (red where
/// one failed). Runs longer than five minutes are labelled in minutes.
/// </summary>
/// <remarks>
/// The plot is built while the samples stream past. Each series keeps only the minimum and maximum
/// of every pixel column (in the order they occurred), so a 90-minute run fits in a few kilobytes
/// and a one-tick spike still reaches its full height. The state band keeps the time spent in each
/// state per pixel column and shows the dominant one, except that a Fault, however short, is never
/// hidden.
/// </remarks>
public sealed class TracePlot : ITraceObserver
{
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 50;
    private const double BandHeight = 24;
    private const int MaxAlarmMarkers = 200;
    private const int ExpectationRows = 4;
    private const double MinutesFromS = 300;
    private const string Passed = "#2ca02c";
    private const string Failed = "#d62728";
    private const string FaultColour = "#e6550d";
    private const string CeilingColour = "#8c564b";

    private static readonly SeriesStyle[] Styles =
    [
        new("p_out_mpa", "Plot.POutMeasured", "#1f77b4", 1.6, null),
        new("p_out_true_mpa", "Plot.POutTrue", "#ff7f0e", 1.0, null),
        new("p_bottle_mpa", "Plot.PBottle", "#2ca02c", 1.3, null),
        new("p_src_mpa", "Plot.PSrc", "#9467bd", 1.1, null),
        new("setpoint_mpa", "Plot.Setpoint", "#000000", 1.2, "6 4"),
    ];

    private static readonly string[] StateColours =
    [
        "#d9d9d9", // Off
        "#c6dbef", // SelfTest
        "#f0f0f0", // Idle
        "#fee391", // Pressurizing
        "#c7e9c0", // Ready
        "#9ecae1", // Charging
        "#31a354", // Spraying
        "#fdae6b", // ShuttingDown
        "#d62728", // Fault
        "#bcbddc", // Service
    ];

    private readonly string _title;
    private readonly IStringLocalizer _text;
    private readonly double _durationS;
    private readonly int _width;
    private readonly int _height;
    private readonly int _columns;
    private readonly Series[] _series;
    private readonly double[,] _stateTime;
    private readonly bool[] _faultSeen;
    private readonly List<(double TimeS, AlarmCode Code)> _alarms = [];
    private int _alarmsNotMarked;
    private uint _previousAlarms;
    private double _previousTimeS;
    private double _highest;
    private readonly IReadOnlyList<double> _ceilings;
    private readonly double[] _ceiling;
    private PlotAnnotations _annotations = new();

    /// <param name="text">The language of the labels (the command line's; English by default).</param>
    /// <param name="ceilings">Each program's ceiling, MPa, by program index (drawn as the program's ceiling line); none to leave it out.</param>
    public TracePlot(string title, double durationS, TraceColumns columns, int width = 1200, int height = 720, IStringLocalizer? text = null, IReadOnlyList<double>? ceilings = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationS);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 400);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 560);
        _title = title;
        _text = text ?? ResourceText.English;
        _durationS = durationS;
        _width = width;
        _height = height;
        _columns = (int)(width - Left - Right);
        _series = [.. Styles.Select(style => new Series(style, columns[style.Column], _columns))];
        _stateTime = new double[_columns, StateColours.Length];
        _faultSeen = new bool[_columns];
        _ceilings = ceilings ?? [];
        _ceiling = new double[_columns];
        Array.Fill(_ceiling, double.NaN);
    }

    /// <summary>Whether the time axis is in minutes (runs longer than five minutes).</summary>
    public bool InMinutes => _durationS > MinutesFromS;

    private double PlotWidth => _columns;
    private double PlotBottom => _height - 300;
    private double PlotHeight => PlotBottom - Top;
    private double StepsTop => PlotBottom + 62;
    private double FaultsTop => PlotBottom + 110;
    private double ExpectationsTop => PlotBottom + 140;
    private double BandTop => PlotBottom + 186;

    /// <summary>The steps, faults and expectation verdicts to mark (before writing the picture).</summary>
    public void Annotate(PlotAnnotations annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        _annotations = annotations;
    }

    public void Observe(in TraceSample sample)
    {
        var column = Math.Clamp((int)(sample.TimeS / _durationS * _columns), 0, _columns - 1);
        foreach (var series in _series)
        {
            var value = series.Column.Read(in sample);
            series.Add(column, value);
            if (double.IsFinite(value))
            {
                _highest = Math.Max(_highest, value);
            }
        }

        if ((uint)sample.ProgramIndex < (uint)_ceilings.Count)
        {
            _ceiling[column] = _ceilings[sample.ProgramIndex];
        }

        var state = (int)sample.State;
        if ((uint)state < (uint)StateColours.Length)
        {
            // The interval that ended with this sample was spent in this sample's state.
            _stateTime[column, state] += Math.Max(sample.TimeS - _previousTimeS, 1e-9);
            _faultSeen[column] |= sample.State == DeviceState.Fault;
        }

        var raised = sample.Alarms & ~_previousAlarms;
        for (var code = 0; raised != 0 && code < AlarmCatalog.Count; code++)
        {
            if ((raised & (1u << code)) == 0)
            {
                continue;
            }

            if (_alarms.Count < MaxAlarmMarkers)
            {
                _alarms.Add((sample.TimeS, (AlarmCode)code));
            }
            else
            {
                _alarmsNotMarked++;
            }
        }

        _previousAlarms = sample.Alarms;
        _previousTimeS = sample.TimeS;
    }

    public void Complete()
    {
    }

    /// <summary>Writes the SVG picture of everything observed so far.</summary>
    public void WriteSvg(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        using var xml = XmlWriter.Create(output, settings);
        Draw(new SvgWriter(xml));
    }

    /// <summary>Writes the same picture as PNG; returns how many labels lacked a font with their characters (0 when every one could be set).</summary>
    public int WritePng(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            using var canvas = new PngCanvas();
            Draw(canvas);
            canvas.WritePng(output);
            return canvas.MissingGlyphLabels;
        }
        catch (Exception ex) when (ex is DllNotFoundException || (ex is TypeInitializationException { InnerException: DllNotFoundException }))
        {
            // The native Skia library links against fontconfig: a machine without it can still draw SVG.
            throw new IOException(
                "PNG needs the native Skia library (libSkiaSharp.so), which could not be loaded; on Debian and Raspberry Pi OS it needs libfontconfig1 (apt-get install libfontconfig1). An .svg plot needs neither",
                ex);
        }
    }

    private void Draw(IPlotCanvas svg)
    {
        var yMax = Math.Clamp(Math.Ceiling((_highest + 0.02) * 10) / 10, 0.8, 1.2);

        svg.Start(_width, _height);
        svg.Rect(0, 0, _width, _height, "#ffffff");
        svg.Text(Left, 24, _title, size: 16, weight: "bold");
        svg.Text(Left, 40, _text[InMinutes ? "Plot.SubtitleMinutes" : "Plot.Subtitle"], size: 12, fill: "#555555");
        svg.ClipRect("plot-area", Left, Top, PlotWidth, PlotHeight);

        DrawPressureAxis(svg, yMax);
        DrawTimeAxis(svg);
        DrawExpectationBands(svg, yMax);
        DrawFaultLines(svg);
        DrawCeiling(svg, yMax);
        foreach (var series in _series)
        {
            DrawSeries(svg, series, yMax);
        }

        DrawAlarmMarkers(svg);
        svg.Rect(Left, Top, PlotWidth, PlotHeight, "none", stroke: "#333333");
        DrawLegend(svg);
        DrawSteps(svg);
        DrawFaults(svg);
        DrawExpectations(svg);
        DrawStateBand(svg);
        svg.End();
    }

    private double X(double timeS) => Left + (timeS / _durationS * PlotWidth);

    private double Y(double mpa, double yMax) => PlotBottom - (mpa / yMax * PlotHeight);

    private void DrawPressureAxis(IPlotCanvas svg, double yMax)
    {
        for (var i = 0; i * 0.1 <= yMax + 1e-9; i++)
        {
            var mpa = i * 0.1;
            var y = Y(mpa, yMax);
            svg.Line(Left, y, Left + PlotWidth, y, "#e5e5e5");
            svg.Line(Left - 5, y, Left, y, "#333333");
            svg.Text(Left - 8, y + 4, mpa.ToString("0.0", CultureInfo.InvariantCulture), size: 11, anchor: "end");
        }

        // The over-pressure trip and the relief valve, so an excursion is read against the limits that matter.
        foreach (var (mpa, label) in new[] { (0.65, _text["Plot.Trip", "0.65"].Value), (PressureLimits.ReliefValveMpa, _text["Plot.Relief", "0.70"].Value) })
        {
            if (mpa <= yMax)
            {
                svg.Line(Left, Y(mpa, yMax), Left + PlotWidth, Y(mpa, yMax), "#d62728", width: 0.8, dash: "2 3");
                svg.Text(Left + 4, Y(mpa, yMax) - 3, label, size: 10, fill: "#d62728");
            }
        }

        svg.Text(18, Top + (PlotHeight / 2), _text["Plot.PressureAxis"], size: 12, anchor: "middle", rotate: -90);
    }

    private void DrawTimeAxis(IPlotCanvas svg)
    {
        // Ticks at round numbers of the axis' unit: seconds, or minutes for a long run.
        var unit = InMinutes ? 60.0 : 1.0;
        var step = NiceStep(_durationS / unit / 10);
        for (var i = 0; i * step * unit <= _durationS + 1e-9; i++)
        {
            var t = i * step;
            var x = X(t * unit);
            svg.Line(x, Top, x, PlotBottom, "#eeeeee");
            svg.Line(x, PlotBottom, x, PlotBottom + 5, "#333333");
            svg.Text(x, PlotBottom + 17, t.ToString("0.###", CultureInfo.InvariantCulture), size: 11, anchor: "middle");
        }

        svg.Text(Left + (PlotWidth / 2), PlotBottom + 34, _text[InMinutes ? "Plot.TimeAxisMinutes" : "Plot.TimeAxis"], size: 12, anchor: "middle");
    }

    /// <summary>The band a pressure expectation allowed, over its window: green where it held, red where it failed.</summary>
    private void DrawExpectationBands(IPlotCanvas svg, double yMax)
    {
        foreach (var window in _annotations.Windows)
        {
            if (window.Column is not { } column || !column.EndsWith("_mpa", StringComparison.Ordinal) || (window.Min is null && window.Max is null))
            {
                continue;
            }

            var x = X(window.StartS);
            var end = Math.Max(x + 3, X(window.EndS));
            var colour = window.Passed ? Passed : Failed;
            var name = window.Passed ? "expectation-band passed" : "expectation-band failed";
            if (window.Min is { } min && window.Max is { } max)
            {
                var top = Y(Math.Min(max, yMax), yMax);
                var bottom = Y(Math.Max(min, 0), yMax);
                svg.Rect(x, top, end - x, Math.Max(1, bottom - top), colour, stroke: colour, opacity: window.Passed ? 0.10 : 0.22, name: name);
            }
            else
            {
                // A one-sided bound is a limit line over the window, not a band down to zero.
                var bound = Y(Math.Clamp(window.Min ?? window.Max ?? 0, 0, yMax), yMax);
                svg.Line(x, bound, end, bound, colour, width: window.Passed ? 1.2 : 2, name: name);
            }
        }
    }

    /// <summary>Where each fault was injected (solid) and cleared (dashed), across the plot.</summary>
    private void DrawFaultLines(IPlotCanvas svg)
    {
        foreach (var fault in _annotations.Faults)
        {
            svg.Line(X(fault.StartS), Top, X(fault.StartS), PlotBottom, FaultColour, width: 1, name: "fault-injected");
            if (fault.Cleared)
            {
                svg.Line(X(fault.EndS), Top, X(fault.EndS), PlotBottom, FaultColour, width: 1, dash: "4 3", name: "fault-cleared");
            }
        }
    }

    /// <summary>The ceiling of the program in force, as a step line (a program change moves it).</summary>
    private void DrawCeiling(IPlotCanvas svg, double yMax)
    {
        var points = new List<(double X, double Y)>();
        var previous = double.NaN;
        for (var column = 0; column < _columns; column++)
        {
            var ceiling = _ceiling[column];
            if (double.IsNaN(ceiling))
            {
                continue;
            }

            var x = Left + column;
            if (!double.IsNaN(previous) && ceiling != previous)
            {
                points.Add((x, Y(previous, yMax)));
            }

            points.Add((x, Y(ceiling, yMax)));
            previous = ceiling;
        }

        if (points.Count > 0)
        {
            points.Add((points[^1].X + 1, points[^1].Y));
            svg.Polyline(points, CeilingColour, 1.2, "1 3", clip: "plot-area", name: "ceiling_mpa");
        }
    }

    /// <summary>The scenario's steps as ticks on their own lane, labelled where there is room.</summary>
    private void DrawSteps(IPlotCanvas svg)
    {
        if (_annotations.Steps.Count == 0)
        {
            return;
        }

        svg.Text(Left - 8, StepsTop + 9, _text["Plot.Steps"], size: 11, anchor: "end");
        svg.Line(Left, StepsTop + 4, Left + PlotWidth, StepsTop + 4, "#cccccc");
        double[] rowEnds = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        var hidden = 0;
        foreach (var step in _annotations.Steps)
        {
            var x = X(step.TimeS);
            svg.Line(x, StepsTop, x, StepsTop + 8, "#444444", width: 1.2, name: "step");
            var row = Array.FindIndex(rowEnds, end => end < x);
            if (row < 0)
            {
                hidden++;
                continue;
            }

            var width = TextWidth(step.Label, 5.6);
            var nearRightEdge = x + width > Left + PlotWidth + Right;
            rowEnds[row] = x + width + 6;
            svg.Text(x, StepsTop + 20 + (11 * row), step.Label, size: 10, anchor: nearRightEdge ? "end" : "start", fill: "#444444");
        }

        if (hidden > 0)
        {
            svg.Text(Left + PlotWidth, StepsTop - 3, _text["Plot.MoreSteps", hidden], size: 10, anchor: "end", fill: "#444444");
        }
    }

    /// <summary>Each fault as a bar from its injection to its clearing (or the end of the run).</summary>
    private void DrawFaults(IPlotCanvas svg)
    {
        if (_annotations.Faults.Count == 0)
        {
            return;
        }

        svg.Text(Left - 8, FaultsTop + 10, _text["Plot.Faults"], size: 11, anchor: "end");
        var rowEnd = double.NegativeInfinity;
        foreach (var fault in _annotations.Faults)
        {
            var x = X(fault.StartS);
            var width = Math.Max(2, X(fault.EndS) - x);
            svg.Rect(x, FaultsTop, width, 12, FaultColour, opacity: 0.75, name: "fault");
            if (x > rowEnd)
            {
                var label = fault.Cleared ? fault.Label : _text["Plot.FaultNotCleared", fault.Label].Value;
                var nearRightEdge = x > Left + PlotWidth - TextWidth(label, 5.6);
                svg.Text(nearRightEdge ? x - 3 : x + 3, FaultsTop + 22, label, size: 10, anchor: nearRightEdge ? "end" : "start", fill: FaultColour);
                rowEnd = x + TextWidth(label, 5.6) + 6;
            }
        }
    }

    /// <summary>Every expectation's window on its lane, green where it held, red where it failed, packed into a few rows.</summary>
    private void DrawExpectations(IPlotCanvas svg)
    {
        if (_annotations.Windows.Count == 0)
        {
            return;
        }

        svg.Text(Left - 8, ExpectationsTop + 10, _text["Plot.Expectations"], size: 11, anchor: "end");
        var rowEnds = new double[ExpectationRows];
        Array.Fill(rowEnds, double.NegativeInfinity);
        foreach (var window in _annotations.Windows.OrderBy(w => w.Passed).ThenBy(w => w.StartS))
        {
            var x = X(window.StartS);
            var end = Math.Max(x + 3, X(window.EndS));
            var row = Array.FindIndex(rowEnds, e => e < x);
            row = row < 0 ? ExpectationRows - 1 : row;
            rowEnds[row] = Math.Max(rowEnds[row], end + 2);
            var colour = window.Passed ? Passed : Failed;
            svg.Rect(x, ExpectationsTop + (row * 10), end - x, 7, colour, opacity: window.Passed ? 0.7 : 1, name: window.Passed ? "expectation passed" : "expectation failed");
            if (!window.Passed)
            {
                svg.Line(x, Top, x, PlotBottom, Failed, width: 0.8, dash: "1 2", name: "expectation-failed-at");
                svg.Text(end + 3, ExpectationsTop + (row * 10) + 7, window.Label, size: 9, fill: Failed);
            }
        }
    }

    private void DrawSeries(IPlotCanvas svg, Series series, double yMax)
    {
        var points = new List<(double X, double Y)>(_columns * 2);
        for (var column = 0; column < _columns; column++)
        {
            if (!series.Has(column))
            {
                continue;
            }

            var x = Left + column + 0.5;
            var (first, second) = series.InOrder(column);
            points.Add((x, Y(first, yMax)));
            if (second != first)
            {
                points.Add((x, Y(second, yMax)));
            }
        }

        svg.Polyline(points, series.Style.Colour, series.Style.Width, series.Style.Dash, clip: "plot-area", name: series.Style.Column);
    }

    private void DrawAlarmMarkers(IPlotCanvas svg)
    {
        for (var i = 0; i < _alarms.Count; i++)
        {
            var (time, code) = _alarms[i];
            var x = X(time);
            svg.Line(x, Top, x, PlotBottom, "#d62728", width: 1, dash: "3 2");
            svg.Line(x, BandTop, x, BandTop + BandHeight, "#d62728", width: 1);
            svg.Triangle(x, Top, "#d62728");
            var nearRightEdge = x > Left + PlotWidth - 90;
            svg.Text(nearRightEdge ? x - 3 : x + 3, Top + 18 + (12 * (i % 3)), $"{_text.AlarmName(code)} ({code})", size: 10, anchor: nearRightEdge ? "end" : "start", fill: "#d62728");
        }

        if (_alarmsNotMarked > 0)
        {
            svg.Text(Left + PlotWidth, Top - 6, _text["Plot.MoreAlarms", _alarmsNotMarked], size: 10, anchor: "end", fill: "#d62728");
        }
    }

    /// <summary>A one-line key above the plot's right edge, where it never covers a curve.</summary>
    private void DrawLegend(IPlotCanvas svg)
    {
        var entries = Styles.Select(s => (Label: _text[s.Label].Value, Colour: s.Colour, Width: s.Width + 0.6, Dash: s.Dash))
            .Append((Label: _text["Plot.Ceiling"].Value, Colour: CeilingColour, Width: 1.8, Dash: (string?)"1 3"))
            .Append((Label: _text["Plot.AlarmRaised"].Value, Colour: "#d62728", Width: 1.0, Dash: (string?)"3 2"))
            .ToList();
        var x = Left + PlotWidth - entries.Sum(e => EntryWidth(e.Label));
        const double y = 38;
        foreach (var (label, colour, width, dash) in entries)
        {
            svg.Line(x, y - 4, x + 24, y - 4, colour, width, dash);
            svg.Text(x + 28, y, label, size: 11);
            x += EntryWidth(label);
        }

        static double EntryWidth(string label) => 28 + TextWidth(label, 6.2) + 16;
    }

    private void DrawStateBand(IPlotCanvas svg)
    {
        svg.Text(Left - 8, BandTop + 16, _text["Plot.State"], size: 11, anchor: "end");
        var runs = StateRuns();
        foreach (var (start, end, state) in runs)
        {
            var x = Left + start;
            var width = end - start;
            svg.Rect(x, BandTop, width, BandHeight, StateColours[(int)state]);
            var name = _text.State(state);
            if (width >= TextWidth(name, 6.5) + 6)
            {
                var dark = state is DeviceState.Fault or DeviceState.Spraying;
                svg.Text(x + (width / 2), BandTop + 16, name, size: 11, anchor: "middle", fill: dark ? "#ffffff" : "#222222");
            }
        }

        svg.Rect(Left, BandTop, PlotWidth, BandHeight, "none", stroke: "#333333");

        // A key for the states that occurred, since short ones are too narrow to carry their name.
        var legendX = Left;
        var legendY = BandTop + BandHeight + 26;
        foreach (var state in runs.Select(r => r.State).Distinct().Order())
        {
            svg.Rect(legendX, legendY - 10, 12, 12, StateColours[(int)state], stroke: "#666666");
            svg.Text(legendX + 16, legendY, _text.State(state), size: 11);
            legendX += 30 + TextWidth(_text.State(state), 6.5);
        }
    }

    /// <summary>Pixel columns grouped into runs of the same displayed state.</summary>
    private List<(int Start, int End, DeviceState State)> StateRuns()
    {
        var runs = new List<(int Start, int End, DeviceState State)>();
        for (var column = 0; column < _columns; column++)
        {
            if (DisplayedState(column) is not { } state)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].State == state && runs[^1].End == column)
            {
                runs[^1] = (runs[^1].Start, column + 1, state);
            }
            else
            {
                runs.Add((column, column + 1, state));
            }
        }

        return runs;
    }

    private DeviceState? DisplayedState(int column)
    {
        if (_faultSeen[column])
        {
            return DeviceState.Fault;
        }

        var best = -1;
        for (var state = 0; state < StateColours.Length; state++)
        {
            if (_stateTime[column, state] > 0 && (best < 0 || _stateTime[column, state] > _stateTime[column, best]))
            {
                best = state;
            }
        }

        return best < 0 ? null : (DeviceState)best;
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/>: tick spacing a reader can add up.</summary>
    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0 })
        {
            if (factor * magnitude >= raw)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>The label is a string-table key.</summary>
    private sealed record SeriesStyle(string Column, string Label, string Colour, double Width, string? Dash);

    /// <summary>Estimated width of a label at 11 px: a Chinese character is about twice a Latin one.</summary>
    private static double TextWidth(string label, double latin) => label.Sum(c => c >= '\u2E80' ? latin * 1.8 : latin);

    /// <summary>One pressure series reduced to its extremes per pixel column, in time order.</summary>
    private sealed class Series(SeriesStyle style, TraceColumn column, int columns)
    {
        private readonly double[] _min = Filled(columns, double.PositiveInfinity);
        private readonly double[] _max = Filled(columns, double.NegativeInfinity);
        private readonly long[] _minAt = new long[columns];
        private readonly long[] _maxAt = new long[columns];
        private long _count;

        public SeriesStyle Style => style;
        public TraceColumn Column => column;

        public void Add(int index, double value)
        {
            if (!double.IsFinite(value))
            {
                return;
            }

            _count++;
            if (value < _min[index])
            {
                _min[index] = value;
                _minAt[index] = _count;
            }

            if (value > _max[index])
            {
                _max[index] = value;
                _maxAt[index] = _count;
            }
        }

        public bool Has(int index) => _min[index] <= _max[index];

        /// <summary>The column's two extremes in the order they happened, so the line follows the signal.</summary>
        public (double First, double Second) InOrder(int index) =>
            _minAt[index] <= _maxAt[index] ? (_min[index], _max[index]) : (_max[index], _min[index]);

        private static double[] Filled(int length, double value)
        {
            var array = new double[length];
            Array.Fill(array, value);
            return array;
        }
    }
}
