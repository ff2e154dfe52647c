using HydroOxygen.Reliability.Report;

namespace HydroOxygen.ClosedLoop.Tests.Reliability;

/// <summary>docs/RELIABILITY.md is written by several commands; each must replace its own section and leave the others alone.</summary>
public sealed class ReliabilityDocumentTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"reliability-{Guid.NewGuid():N}.md");

    [Fact]
    public void Each_section_is_replaced_on_its_own()
    {
        ReliabilityDocument.Update(_path, ReliabilityDocument.CampaignSection, "## Fault campaign\n\nfirst campaign");
        ReliabilityDocument.Update(_path, ReliabilityDocument.SoakSection, "## Soak\n\nfirst soak");
        ReliabilityDocument.Update(_path, "inputs", "## Bad inputs\n\nsomeone else's section");
        ReliabilityDocument.Update(_path, ReliabilityDocument.CampaignSection, "## Fault campaign\n\nsecond campaign");

        var text = File.ReadAllText(_path);
        Assert.StartsWith("# Reliability", text, StringComparison.Ordinal);
        Assert.Contains("second campaign", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first campaign", text, StringComparison.Ordinal);
        Assert.Contains("first soak", text, StringComparison.Ordinal);
        Assert.Contains("someone else's section", text, StringComparison.Ordinal);
        Assert.Equal(1, Count(text, "<!-- begin:campaign -->"));
        Assert.True(text.IndexOf("second campaign", StringComparison.Ordinal) < text.IndexOf("first soak", StringComparison.Ordinal), "a section keeps its place");
    }

    [Fact]
    public void Updating_a_section_again_with_the_same_text_changes_nothing_even_when_text_quotes_a_marker()
    {
        ReliabilityDocument.Update(_path, ReliabilityDocument.CampaignSection, "## Fault campaign\n\nquotes `<!-- begin:NAME -->` inline");
        ReliabilityDocument.Update(_path, ReliabilityDocument.SoakSection, "## Soak\n\nfigures");
        var once = File.ReadAllText(_path);

        ReliabilityDocument.Update(_path, ReliabilityDocument.SoakSection, "## Soak\n\nfigures");
        ReliabilityDocument.Update(_path, ReliabilityDocument.CampaignSection, "## Fault campaign\n\nquotes `<!-- begin:NAME -->` inline");

        Assert.Equal(once, File.ReadAllText(_path));
        Assert.Equal(1, Count(once, "# Reliability"));
        Assert.Equal(1, Count(once, "quotes `<!-- begin:NAME -->` inline"));
    }

    public void Dispose() => File.Delete(_path);

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
