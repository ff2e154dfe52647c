namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// The few shapes the plot draws, in pixels from the top left: one drawing, two pictures (SVG text
/// through <see cref="SvgWriter"/>, PNG through <see cref="PngCanvas"/>).
/// </summary>
internal interface IPlotCanvas
{
    void Start(int width, int height);

    void End();

    /// <summary>Declares a clipping rectangle that later polylines name.</summary>
    void ClipRect(string id, double x, double y, double width, double height);

    void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double opacity = 1, string? name = null);

    void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? name = null);

    void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, string? dash, string clip, string name);

    void Triangle(double x, double y, string fill);

    void Text(double x, double y, string text, double size, string anchor = "start", string fill = "#222222", string? weight = null, double rotate = 0);
}
