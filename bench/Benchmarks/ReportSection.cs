using System.Text;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// One part of docs/PERFORMANCE.md: its figures in Markdown, stamped with when and how they were
/// measured (the exact command, the date, and how loaded the shared machine was at the time).
/// </summary>
internal sealed class ReportSection
{
    private readonly StringBuilder _body = new();

    public ReportSection(string title, string command)
    {
        Title = title;
        Command = command;
        Started = MachineInfo.Now();
        LoadAtStart = MachineInfo.LoadAverage();
    }

    public string Title { get; }
    public string Command { get; }
    public string Started { get; }
    public string LoadAtStart { get; }

    /// <summary>One-line results for the summary at the top of the document.</summary>
    public List<string> Headlines { get; } = [];

    public ReportSection Headline(string text)
    {
        Headlines.Add(text);
        return this;
    }

    public ReportSection Line(string text = "")
    {
        _body.Append(text).Append('\n');
        return this;
    }

    /// <summary>A Markdown table; cells are written as given, columns of figures right-aligned.</summary>
    public ReportSection Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var body = rows.ToList();
        _body.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        _body.Append('|');
        for (var column = 0; column < header.Count; column++)
        {
            var numeric = body.All(row => column >= row.Count || row[column].Length == 0 || IsFigure(row[column]));
            _body.Append(numeric ? "---:|" : "---|");
        }

        _body.Append('\n');
        foreach (var row in body)
        {
            _body.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        _body.Append('\n');
        return this;
    }

    private static bool IsFigure(string cell) => char.IsDigit(cell[0]) || cell[0] is '—' or '-' or '*';

    public string ToMarkdown(int level = 2)
    {
        var text = new StringBuilder();
        text.Append('#', level).Append(' ').Append(Title).Append("\n\n");
        text.Append("Measured ").Append(Started).Append(" with `").Append(Command).Append("` on ")
            .Append(MachineInfo.Current.Summary).Append(" (load average at start ").Append(LoadAtStart).Append(").\n\n");
        text.Append(_body);
        return text.ToString();
    }
}
