using SkiaSharp;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// The plot drawn with Skia into a bitmap and encoded as PNG: the same calls as the SVG, so the two
/// pictures agree. Text is set in a font that has its glyphs: a Chinese label takes the system's CJK
/// font (Noto Sans CJK on the Pi and in the test machine), and a label no installed font can show is
/// counted in <see cref="MissingGlyphLabels"/> rather than drawn as boxes without a word.
/// </summary>
internal sealed class PngCanvas : IPlotCanvas, IDisposable
{
    private readonly Dictionary<string, SKRect> _clips = new(StringComparer.Ordinal);
    private readonly Dictionary<(bool Bold, bool Cjk), SKTypeface> _typefaces = [];
    private SKBitmap? _bitmap;
    private SKCanvas? _canvas;

    /// <summary>Labels drawn with a font that lacks some of their characters.</summary>
    public int MissingGlyphLabels { get; private set; }

    /// <summary>The families the labels were set in.</summary>
    public IReadOnlySet<string> FamiliesUsed => _typefaces.Values.Select(t => t.FamilyName).ToHashSet(StringComparer.Ordinal);

    public void Start(int width, int height)
    {
        _bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(SKColors.White);
    }

    public void End() => _canvas!.Flush();

    /// <summary>Encodes what was drawn.</summary>
    public void WritePng(Stream output)
    {
        using var image = SKImage.FromBitmap(_bitmap!);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }

    public void ClipRect(string id, double x, double y, double width, double height) =>
        _clips[id] = SKRect.Create((float)x, (float)y, (float)width, (float)height);

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double opacity = 1, string? name = null)
    {
        var rect = SKRect.Create((float)x, (float)y, (float)width, (float)height);
        if (fill != "none")
        {
            using var paint = new SKPaint { Color = Colour(fill).WithAlpha((byte)Math.Round(255 * Math.Clamp(opacity, 0, 1))), Style = SKPaintStyle.Fill, IsAntialias = true };
            _canvas!.DrawRect(rect, paint);
        }

        if (stroke is not null)
        {
            using var paint = new SKPaint { Color = Colour(stroke), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
            _canvas!.DrawRect(rect, paint);
        }
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? name = null)
    {
        using var paint = Stroke(stroke, width, dash);
        _canvas!.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, paint);
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, string? dash, string clip, string name)
    {
        if (points.Count < 2)
        {
            return;
        }

        using var builder = new SKPathBuilder();
        builder.MoveTo((float)points[0].X, (float)points[0].Y);
        for (var i = 1; i < points.Count; i++)
        {
            builder.LineTo((float)points[i].X, (float)points[i].Y);
        }

        using var path = builder.Detach();

        using var paint = Stroke(stroke, width, dash);
        paint.StrokeJoin = SKStrokeJoin.Round;
        var canvas = _canvas!;
        canvas.Save();
        if (_clips.TryGetValue(clip, out var area))
        {
            canvas.ClipRect(area);
        }

        canvas.DrawPath(path, paint);
        canvas.Restore();
    }

    public void Triangle(double x, double y, string fill)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo((float)(x - 4), (float)(y - 7));
        builder.LineTo((float)(x + 4), (float)(y - 7));
        builder.LineTo((float)x, (float)y);
        builder.Close();
        using var path = builder.Detach();
        using var paint = new SKPaint { Color = Colour(fill), Style = SKPaintStyle.Fill, IsAntialias = true };
        _canvas!.DrawPath(path, paint);
    }

    public void Text(double x, double y, string text, double size, string anchor = "start", string fill = "#222222", string? weight = null, double rotate = 0)
    {
        var typeface = Typeface(weight == "bold", NeedsCjk(text));
        using var font = new SKFont(typeface, (float)size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        if (font.ContainsGlyphs(text) is false)
        {
            MissingGlyphLabels++;
        }

        using var paint = new SKPaint { Color = Colour(fill), IsAntialias = true };
        var align = anchor switch
        {
            "middle" => SKTextAlign.Center,
            "end" => SKTextAlign.Right,
            _ => SKTextAlign.Left,
        };
        var canvas = _canvas!;
        canvas.Save();
        if (rotate != 0)
        {
            canvas.RotateDegrees((float)rotate, (float)x, (float)y);
        }

        canvas.DrawText(text, (float)x, (float)y, align, font, paint);
        canvas.Restore();
    }

    public void Dispose()
    {
        _canvas?.Dispose();
        _bitmap?.Dispose();
        foreach (var typeface in _typefaces.Values)
        {
            typeface.Dispose();
        }
    }

    private SKTypeface Typeface(bool bold, bool cjk)
    {
        if (_typefaces.TryGetValue((bold, cjk), out var known))
        {
            return known;
        }

        var style = bold ? SKFontStyle.Bold : SKFontStyle.Normal;
        var manager = SKFontManager.Default;
        var typeface = cjk
            ? manager.MatchCharacter("Noto Sans CJK SC", style, ["zh-CN"], '水') ?? manager.MatchCharacter('水')
            : manager.MatchFamily("DejaVu Sans", style) ?? manager.MatchFamily("Liberation Sans", style);
        typeface ??= SKTypeface.CreateDefault();
        _typefaces[(bold, cjk)] = typeface;
        return typeface;
    }

    private static bool NeedsCjk(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u2E80')
            {
                return true;
            }
        }

        return false;
    }

    private static SKPaint Stroke(string colour, double width, string? dash)
    {
        var paint = new SKPaint { Color = Colour(colour), Style = SKPaintStyle.Stroke, StrokeWidth = (float)width, IsAntialias = true };
        if (dash is not null)
        {
            var intervals = dash.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (intervals.Length % 2 == 1)
            {
                intervals = [.. intervals, .. intervals];
            }

            paint.PathEffect = SKPathEffect.CreateDash(intervals, 0);
        }

        return paint;
    }

    private static SKColor Colour(string text) => SKColor.TryParse(text, out var colour) ? colour : SKColors.Black;
}
