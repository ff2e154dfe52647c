namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// A medical oxygen cylinder with its pressure regulator: it delivers the regulator pressure while
/// the cylinder holds more than that, and what is left of the cylinder once it does not.
/// </summary>
public sealed class OxygenCylinder
{
    private readonly double _capacityLitres;
    private readonly double _fullMpa;
    private readonly double _regulatorMpa;

    public OxygenCylinder(PlantParameters parameters)
    {
        _capacityLitres = parameters.CylinderContentsL;
        _fullMpa = parameters.CylinderFullMpa;
        _regulatorMpa = parameters.OxygenRegulatorMpa;
        ContentsLitres = _capacityLitres;
    }

    /// <summary>Free-gas litres (ANR) left in the cylinder.</summary>
    public double ContentsLitres { get; private set; }

    public double DeliveredLitres { get; private set; }

    /// <summary>Cylinder pressure, MPa gauge, proportional to what is left.</summary>
    public double CylinderMpa => _capacityLitres > 0 ? _fullMpa * ContentsLitres / _capacityLitres : 0.0;

    /// <summary>Regulator output, MPa gauge.</summary>
    public double OutletMpa => Math.Min(_regulatorMpa, CylinderMpa);

    public void Draw(double litres)
    {
        var taken = Math.Min(Math.Max(litres, 0.0), ContentsLitres);
        ContentsLitres -= taken;
        DeliveredLitres += taken;
    }

    /// <summary>The <c>supply_empty</c> fault: the cylinder has run out.</summary>
    public void Empty() => ContentsLitres = 0.0;

    /// <summary>A full cylinder is fitted.</summary>
    public void Replace() => ContentsLitres = _capacityLitres;
}
