using System.Globalization;

namespace HydroOxygen.Hal;

/// <summary>
/// A gauge pressure (relative to the atmosphere), stored in pascals.
/// </summary>
/// <remarks>
/// Every pressure the device talks about — setpoints, trips, sensor readings — is gauge, as on the
/// front-panel manometer. A <see cref="Pressure"/> can never hold NaN or infinity: the factories
/// throw instead, so an invalid number is caught where it is made, not three layers later in a
/// comparison that silently returns false.
/// </remarks>
public readonly struct Pressure : IEquatable<Pressure>, IComparable<Pressure>, IFormattable
{
    public const double PascalsPerMegapascal = 1_000_000.0;
    public const double PascalsPerKilopascal = 1_000.0;
    public const double PascalsPerBar = 100_000.0;
    public const double PascalsPerPsi = 6_894.757293168361;

    private readonly double _pascals;

    private Pressure(double pascals) => _pascals = pascals;

    public static Pressure Zero => default;

    public double Pascals => _pascals;
    public double Kilopascals => _pascals / PascalsPerKilopascal;
    public double Megapascals => _pascals / PascalsPerMegapascal;
    public double Bars => _pascals / PascalsPerBar;
    public double Psi => _pascals / PascalsPerPsi;

    public static Pressure FromPascals(double pascals) => new(Finite(pascals, nameof(pascals)));
    public static Pressure FromKilopascals(double kilopascals) => new(Finite(kilopascals * PascalsPerKilopascal, nameof(kilopascals)));
    public static Pressure FromMegapascals(double megapascals) => new(Finite(megapascals * PascalsPerMegapascal, nameof(megapascals)));
    public static Pressure FromBars(double bars) => new(Finite(bars * PascalsPerBar, nameof(bars)));
    public static Pressure FromPsi(double psi) => new(Finite(psi * PascalsPerPsi, nameof(psi)));

    /// <summary>Builds a pressure from a number that may not be finite (or may overflow), without throwing.</summary>
    public static bool TryFromMegapascals(double megapascals, out Pressure pressure)
    {
        var pascals = megapascals * PascalsPerMegapascal;
        pressure = double.IsFinite(pascals) ? new Pressure(pascals) : default;
        return double.IsFinite(pascals);
    }

    /// <summary>
    /// Parses "0.45 MPa", "450kPa", "4.5 bar", "65 psi" or "450000 Pa" (invariant culture, unit
    /// required so that a bare number cannot be read in the wrong unit).
    /// </summary>
    public static bool TryParse(string? text, out Pressure pressure)
    {
        pressure = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var split = span.Length;
        while (split > 0 && char.IsLetter(span[split - 1]))
        {
            split--;
        }

        var unit = span[split..];
        var number = span[..split].Trim();
        if (unit.IsEmpty || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        double? scale = unit switch
        {
            _ when unit.Equals("MPa", StringComparison.OrdinalIgnoreCase) => PascalsPerMegapascal,
            _ when unit.Equals("kPa", StringComparison.OrdinalIgnoreCase) => PascalsPerKilopascal,
            _ when unit.Equals("Pa", StringComparison.OrdinalIgnoreCase) => 1.0,
            _ when unit.Equals("bar", StringComparison.OrdinalIgnoreCase) => PascalsPerBar,
            _ when unit.Equals("psi", StringComparison.OrdinalIgnoreCase) => PascalsPerPsi,
            _ => null,
        };
        var pascals = value * (scale ?? double.NaN);
        if (!double.IsFinite(pascals))
        {
            return false;
        }

        pressure = new Pressure(pascals);
        return true;
    }

    public static Pressure Parse(string text) =>
        TryParse(text, out var pressure)
            ? pressure
            : throw new FormatException($"'{text}' is not a pressure; write a number and a unit: MPa, kPa, Pa, bar or psi.");

    public static Pressure Min(Pressure a, Pressure b) => a._pascals <= b._pascals ? a : b;
    public static Pressure Max(Pressure a, Pressure b) => a._pascals >= b._pascals ? a : b;
    public Pressure Abs() => new(Math.Abs(_pascals));

    public static Pressure operator +(Pressure a, Pressure b) => new(Finite(a._pascals + b._pascals, nameof(b)));
    public static Pressure operator -(Pressure a, Pressure b) => new(Finite(a._pascals - b._pascals, nameof(b)));
    public static Pressure operator -(Pressure a) => new(-a._pascals);
    public static Pressure operator *(Pressure a, double factor) => new(Finite(a._pascals * factor, nameof(factor)));
    public static Pressure operator *(double factor, Pressure a) => a * factor;
    /// <summary>The ratio of two pressures (a pressure ratio, as in a flow equation).</summary>
    /// <exception cref="DivideByZeroException">The divisor is zero: the ratio would be NaN or infinite.</exception>
    public static double operator /(Pressure a, Pressure b) => b._pascals == 0.0
        ? throw new DivideByZeroException($"The ratio {a} / {b} is undefined: the divisor pressure is zero.")
        : Finite(a._pascals / b._pascals, nameof(b));
    public static bool operator <(Pressure a, Pressure b) => a._pascals < b._pascals;
    public static bool operator >(Pressure a, Pressure b) => a._pascals > b._pascals;
    public static bool operator <=(Pressure a, Pressure b) => a._pascals <= b._pascals;
    public static bool operator >=(Pressure a, Pressure b) => a._pascals >= b._pascals;
    public static bool operator ==(Pressure a, Pressure b) => a._pascals.Equals(b._pascals);
    public static bool operator !=(Pressure a, Pressure b) => !a._pascals.Equals(b._pascals);

    public bool Equals(Pressure other) => _pascals.Equals(other._pascals);
    public override bool Equals(object? obj) => obj is Pressure other && Equals(other);
    public override int GetHashCode() => _pascals.GetHashCode();
    public int CompareTo(Pressure other) => _pascals.CompareTo(other._pascals);

    public override string ToString() => ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Formats in MPa, the unit on the device's gauge.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        Megapascals.ToString(format ?? "0.000", formatProvider ?? CultureInfo.InvariantCulture) + " MPa";

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "A pressure must be a finite number.");
}
