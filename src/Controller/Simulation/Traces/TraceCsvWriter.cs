
namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// Writes the trace as CSV (DESIGN §3.2): a header row of the <see cref="TraceColumns"/> names,
/// then one row per tick or per <c>every</c> ticks. Numbers use the invariant culture and each
/// column's fixed decimals, flags 0/1, alarms their codes joined by ';'.
/// </summary>
/// <remarks>
/// Rows are formatted into one reused buffer, so a 90-minute trace at every tick (2.7 million
/// rows) costs formatting time but no garbage. The last sample is always written, whatever the
/// decimation, so the trace shows how the run ended. The writer does not own the
/// <see cref="TextWriter"/>.
/// </remarks>
public sealed class TraceCsvWriter : ITraceObserver
{
    private readonly TextWriter _output;
    private readonly IReadOnlyList<TraceColumn> _columns;
    private readonly int _every;
    private readonly char[] _row = new char[4096];
    private long _count;
    private TraceSample _unwritten;
    private bool _hasUnwritten;

    public TraceCsvWriter(TextWriter output, TraceColumns columns, int every = 1)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        _output = output;
        _columns = columns.All;
        _every = every;
        _output.WriteLine(string.Join(",", _columns.Select(c => Escape(c.Name))));
    }

    public long RowsWritten { get; private set; }

    public void Observe(in TraceSample sample)
    {
        if (_count++ % _every == 0)
        {
            WriteRow(in sample);
            _hasUnwritten = false;
        }
        else
        {
            _unwritten = sample;
            _hasUnwritten = true;
        }
    }

    public void Complete()
    {
        if (_hasUnwritten)
        {
            WriteRow(in _unwritten);
            _hasUnwritten = false;
        }

        _output.Flush();
    }

    private void WriteRow(in TraceSample sample)
    {
        var row = _row.AsSpan();
        var length = 0;
        for (var i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
            {
                row[length++] = ',';
            }

            var column = _columns[i];
            var value = column.Read(in sample);
            var field = row[length..];
            if (column.TryFormat(value, field, out var written) && !NeedsQuotes(field[..written]))
            {
                length += written;
                continue;
            }

            // Rare: a configured program name with a comma, or a field that did not fit.
            _output.Write(row[..length]);
            _output.Write(Escape(column.Format(value)));
            length = 0;
        }

        _output.Write(row[..length]);
        _output.WriteLine();
        RowsWritten++;
    }

    private static bool NeedsQuotes(ReadOnlySpan<char> field) => field.IndexOfAny(",\"\r\n") >= 0;

    private static string Escape(string field) =>
        NeedsQuotes(field) ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
