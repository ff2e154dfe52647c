using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The shape of the pneumatics (DESIGN §1.2) in one place: the chambers and their volumes, the
/// boundaries, every restriction with its nodes and critical ratio, and each valve's conductance
/// when open. <see cref="SprayPlant"/> only opens and closes what is built here.
/// </summary>
internal sealed class PlantTopology
{
    public const int ChamberCount = (int)PlantNode.Atmosphere;

    private static readonly int PathCount = Enum.GetValues<PlantPath>().Length;

    private readonly double[] _openConductance = new double[PathCount];

    public PlantTopology(PlantParameters parameters, double ambientPa, double regulatorPa)
    {
        var volumes = new double[ChamberCount];
        volumes[(int)PlantNode.Tank] = parameters.TankMl * 1e-6;
        volumes[(int)PlantNode.SourceLine] = parameters.SourceLineMl * 1e-6;
        volumes[(int)PlantNode.Manifold] = parameters.ManifoldMl * 1e-6;
        volumes[(int)PlantNode.Hose] = parameters.HoseMl * 1e-6;
        volumes[(int)PlantNode.Bottle] = HeadspaceM3(parameters, parameters.LiquidMl);

        var boundaries = new double[(int)PlantNode.OxygenRegulator + 1 - ChamberCount];
        boundaries[PlantNode.Atmosphere - PlantNode.Atmosphere] = ambientPa;
        boundaries[PlantNode.OxygenRegulator - PlantNode.Atmosphere] = regulatorPa;

        var reliefBand = Gas.MegapascalsToPascals(parameters.ReliefBandMpa);
        var paths = new FlowPath[PathCount];
        Join(PlantPath.OxygenSupply, FlowPath.Restriction((int)PlantNode.OxygenRegulator, (int)PlantNode.SourceLine, 0.3, oneWay: true), parameters.OxygenSupplyC);
        Join(PlantPath.AirSupply, FlowPath.Restriction((int)PlantNode.Tank, (int)PlantNode.SourceLine, 0.3), parameters.AirSupplyC);
        Join(PlantPath.Inlet, FlowPath.Restriction((int)PlantNode.SourceLine, (int)PlantNode.Manifold, parameters.InletB), parameters.InletC);
        Join(PlantPath.Vent, FlowPath.Restriction((int)PlantNode.Manifold, (int)PlantNode.Atmosphere, parameters.VentB), parameters.VentC);
        Join(PlantPath.Relief, FlowPath.Relief((int)PlantNode.Manifold, (int)PlantNode.Atmosphere, Gas.ConductanceSi(parameters.ReliefC), 0.3,
            Gas.MegapascalsToPascals(parameters.ReliefMpa), reliefBand), parameters.ReliefC);
        Join(PlantPath.Charge, FlowPath.Restriction((int)PlantNode.Manifold, (int)PlantNode.Bottle, parameters.ChargeB), parameters.ChargeC);
        Join(PlantPath.Spray, FlowPath.Restriction((int)PlantNode.Manifold, (int)PlantNode.Hose, parameters.SprayB), parameters.SprayC);
        Join(PlantPath.Nozzle, FlowPath.Restriction((int)PlantNode.Hose, (int)PlantNode.Atmosphere, parameters.NozzleB), parameters.NozzleC);
        Join(PlantPath.ManifoldLeak, FlowPath.Restriction((int)PlantNode.Manifold, (int)PlantNode.Atmosphere, 0.3), 0.0);
        Join(PlantPath.BottleLeak, FlowPath.Restriction((int)PlantNode.Bottle, (int)PlantNode.Atmosphere, 0.3), 0.0);
        Join(PlantPath.TankRelief, FlowPath.Relief((int)PlantNode.Tank, (int)PlantNode.Atmosphere, Gas.ConductanceSi(parameters.TankReliefC), 0.3,
            Gas.MegapascalsToPascals(parameters.TankReliefMpa), reliefBand), parameters.TankReliefC);
        Join(PlantPath.DrainAirIn, FlowPath.Restriction((int)PlantNode.Atmosphere, (int)PlantNode.Bottle, 0.3, oneWay: true), parameters.LiquidEmptyAirInC);

        Network = new PneumaticNetwork(volumes, boundaries, paths, parameters.GasTemperatureK, parameters.PolytropicExponent, ambientPa);

        void Join(PlantPath id, FlowPath path, double openCatalogueC)
        {
            paths[(int)id] = path;
            _openConductance[(int)id] = Gas.ConductanceSi(openCatalogueC);
        }
    }

    public PneumaticNetwork Network { get; }

    /// <summary>The bottle's gas volume with <paramref name="liquidMl"/> of liquid in it, m³.</summary>
    public static double HeadspaceM3(PlantParameters parameters, double liquidMl) => (parameters.BottleMl - liquidMl) * 1e-6;

    /// <summary>The path's sonic conductance when its valve is fully open, m³/(s·Pa).</summary>
    public double OpenConductance(PlantPath path) => _openConductance[(int)path];

    public ref FlowPath Path(PlantPath path) => ref Network.Path((int)path);

    public void Set(PlantPath path, double conductance) => Network.Path((int)path).Conductance = conductance;

    /// <summary>Opens the path's valve fully or closes it.</summary>
    public void Set(PlantPath path, bool open) => Network.Path((int)path).Conductance = open ? _openConductance[(int)path] : 0.0;

    public double Flow(PlantPath path) => Network.PathFlow((int)path);

    public double CrossedMass(PlantPath path) => Network.PathMass((int)path);

    public double Pressure(PlantNode node) => Network.Pressure((int)node);
}
