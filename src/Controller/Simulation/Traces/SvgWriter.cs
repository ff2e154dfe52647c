using System.Globalization;
using System.Xml;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>The few SVG shapes the plot uses, written through an <see cref="XmlWriter"/> so the output is always well-formed.</summary>
internal sealed class SvgWriter(XmlWriter xml) : IPlotCanvas
{
    private const string Namespace = "http://www.w3.org/2000/svg";

    public void Start(int width, int height)
    {
        xml.WriteStartElement("svg", Namespace);
        Attribute("width", width);
        Attribute("height", height);
        xml.WriteAttributeString("viewBox", $"0 0 {width} {height}");
        xml.WriteAttributeString("font-family", "DejaVu Sans, Arial, Helvetica, Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif");
    }

    public void End()
    {
        xml.WriteEndElement();
        xml.Flush();
    }

    public void ClipRect(string id, double x, double y, double width, double height)
    {
        xml.WriteStartElement("defs", Namespace);
        xml.WriteStartElement("clipPath", Namespace);
        xml.WriteAttributeString("id", id);
        Rect(x, y, width, height, "#000000");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double opacity = 1, string? name = null)
    {
        xml.WriteStartElement("rect", Namespace);
        if (name is not null)
        {
            xml.WriteAttributeString("class", name);
        }

        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", width);
        Attribute("height", height);
        xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            xml.WriteAttributeString("stroke", stroke);
        }

        if (opacity < 1)
        {
            Attribute("fill-opacity", opacity);
        }

        xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? name = null)
    {
        xml.WriteStartElement("line", Namespace);
        if (name is not null)
        {
            xml.WriteAttributeString("class", name);
        }

        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        if (dash is not null)
        {
            xml.WriteAttributeString("stroke-dasharray", dash);
        }

        xml.WriteEndElement();
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, string? dash, string clip, string name)
    {
        xml.WriteStartElement("polyline", Namespace);
        xml.WriteAttributeString("class", "series " + name);
        xml.WriteAttributeString("fill", "none");
        xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        xml.WriteAttributeString("stroke-linejoin", "round");
        if (dash is not null)
        {
            xml.WriteAttributeString("stroke-dasharray", dash);
        }

        xml.WriteAttributeString("clip-path", $"url(#{clip})");
        xml.WriteAttributeString("points", string.Join(" ", points.Select(p => $"{Number(p.X)},{Number(p.Y)}")));
        xml.WriteEndElement();
    }

    public void Triangle(double x, double y, string fill)
    {
        xml.WriteStartElement("path", Namespace);
        xml.WriteAttributeString("d", $"M{Number(x - 4)},{Number(y - 7)} L{Number(x + 4)},{Number(y - 7)} L{Number(x)},{Number(y)} Z");
        xml.WriteAttributeString("fill", fill);
        xml.WriteEndElement();
    }

    public void Text(double x, double y, string text, double size, string anchor = "start", string fill = "#222222", string? weight = null, double rotate = 0)
    {
        xml.WriteStartElement("text", Namespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("font-size", size);
        xml.WriteAttributeString("text-anchor", anchor);
        xml.WriteAttributeString("fill", fill);
        if (weight is not null)
        {
            xml.WriteAttributeString("font-weight", weight);
        }

        if (rotate != 0)
        {
            xml.WriteAttributeString("transform", $"rotate({Number(rotate)} {Number(x)} {Number(y)})");
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private void Attribute(string name, double value) => xml.WriteAttributeString(name, Number(value));

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
