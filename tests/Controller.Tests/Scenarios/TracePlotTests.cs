using System.Globalization;
using System.Xml.Linq;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Tests.Scenarios;

public sealed class TracePlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Is_a_self_contained_svg_with_every_series_states_and_alarms()
    {
        var svg = Draw("plot <test> & co", durationS: 10, samples: 5001, spikeAt: -1);

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Equal("plot <test> & co", svg.Descendants(Svg + "text").First().Value);
        foreach (var series in new[] { "p_out_mpa", "p_out_true_mpa", "p_bottle_mpa", "p_src_mpa", "setpoint_mpa" })
        {
            Assert.Single(svg.Descendants(Svg + "polyline"), p => p.Attribute("class")!.Value == "series " + series);
        }

        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Ready", texts);
        Assert.Contains("Spraying", texts);
        Assert.Contains("Pressure too high (OverPressure)", texts);
        Assert.Contains("time (s)", texts);
        Assert.Contains("pressure (MPa)", texts);
        Assert.Empty(svg.Descendants(Svg + "script"));
        Assert.DoesNotContain(svg.Descendants().Attributes(), a => a.Name.LocalName == "href");
    }

    [Fact]
    public void A_long_run_is_reduced_to_pixel_columns_without_losing_a_one_sample_spike()
    {
        var flat = Draw("flat", durationS: 5400, samples: 200_000, spikeAt: -1);
        var spiked = Draw("spiked", durationS: 5400, samples: 200_000, spikeAt: 123_457);

        var flatPoints = Points(flat, "p_out_mpa");
        var spikedPoints = Points(spiked, "p_out_mpa");
        Assert.True(spikedPoints.Count <= 2 * 1200, $"{spikedPoints.Count} points");
        // Higher pressure is drawn higher up, i.e. with a smaller y.
        Assert.True(spikedPoints.Min() < flatPoints.Min() - 100, $"spike top {spikedPoints.Min()}, flat top {flatPoints.Min()}");
    }

    private static List<double> Points(XDocument svg, string series) =>
        [.. svg.Descendants(Svg + "polyline").Single(p => p.Attribute("class")!.Value == "series " + series)
            .Attribute("points")!.Value.Split(' ')
            .Select(point => double.Parse(point.Split(',')[1], CultureInfo.InvariantCulture))];

    [Fact]
    public void Speaks_Chinese_when_asked_with_the_same_series_and_codes()
    {
        var svg = Draw("acne", durationS: 10, samples: 2001, spikeAt: -1, language: "zh-CN");

        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("就绪", texts);
        Assert.Contains("喷雾", texts);
        Assert.Contains("压力过高 (OverPressure)", texts);
        Assert.Contains("时间（秒）", texts);
        Assert.Contains("压力（MPa）", texts);
        Assert.Contains("输出压力 实测", texts);
        Assert.DoesNotContain("Ready", texts);
        Assert.DoesNotContain("time (s)", texts);
        Assert.Equal(5, svg.Descendants(Svg + "polyline").Count(p => p.Attribute("class")!.Value.StartsWith("series ", StringComparison.Ordinal)));
    }

    private static XDocument Draw(string title, double durationS, int samples, int spikeAt, string language = "en")
    {
        var plot = new TracePlot(title, durationS, TraceColumns.Default, text: HydroOxygen.Controller.Localization.ResourceText.For(language));
        for (var i = 0; i < samples; i++)
        {
            var t = durationS * i / (samples - 1);
            var spraying = t > durationS / 2;
            plot.Observe(new TraceSample
            {
                TimeS = t,
                State = spraying ? DeviceState.Spraying : DeviceState.Ready,
                SetpointMpa = 0.45,
                POutMpa = i == spikeAt ? 0.69 : 0.45,
                POutTrueMpa = 0.45,
                PBottleMpa = 0.44,
                PSrcMpa = 0.75,
                Alarms = t > durationS * 0.75 ? 1u << (int)AlarmCode.OverPressure : 0,
            });
        }

        plot.Complete();
        using var text = new StringWriter();
        plot.WriteSvg(text);
        return XDocument.Parse(text.ToString());
    }
}
