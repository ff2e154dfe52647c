using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace HydroOxygen.Architecture.Tests;

/// <summary>
/// The layers of DESIGN §5, held by the build: the control core uses the HAL and nothing else of
/// the project; the simulator uses only the HAL; the HAL uses neither.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] OutsideTheCore =
    [
        "HydroOxygen.Controller.Api", "HydroOxygen.Controller.Calibration", "HydroOxygen.Controller.Cli",
        "HydroOxygen.Controller.Fleet", "HydroOxygen.Controller.Hosting", "HydroOxygen.Controller.Localization",
        "HydroOxygen.Controller.Loop", "HydroOxygen.Controller.Persistence", "HydroOxygen.Controller.Records",
        "HydroOxygen.Controller.Service", "HydroOxygen.Controller.Simulation", "HydroOxygen.Controller.Startup",
        "HydroOxygen.Controller.Telemetry", "HydroOxygen.Controller.Supplies", "HydroOxygen.Simulator",
    ];

    [Theory]
    [MemberData(nameof(OutsideTheCoreData))]
    public void The_control_core_uses_nothing_of_the_project_but_the_HAL(string other)
    {
        Types().That().ResideInNamespaceOrBelow("HydroOxygen.Controller.Core")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow(other)
            .Check(ProjectTypes.Architecture);
    }

    public static TheoryData<string> OutsideTheCoreData() => [.. OutsideTheCore];

    [Fact]
    public void The_control_core_uses_only_the_HAL_and_the_base_class_library()
    {
        Types().That().ResideInNamespaceOrBelow("HydroOxygen.Controller.Core")
            .Should().OnlyDependOnTypesThat().ResideInNamespaceMatching(@"^(System(\..+)?|HydroOxygen\.Hal(\..+)?|HydroOxygen\.Controller\.Core(\..+)?)$")
            .Check(ProjectTypes.Architecture);
    }

    [Fact]
    public void The_simulator_uses_only_the_HAL()
    {
        Types().That().ResideInNamespaceOrBelow("HydroOxygen.Simulator")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("HydroOxygen.Controller")
            .Check(ProjectTypes.Architecture);
    }

    [Fact]
    public void The_HAL_uses_neither_the_simulator_nor_the_controller()
    {
        var hal = Types().That().ResideInNamespaceOrBelow("HydroOxygen.Hal");
        hal.Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("HydroOxygen.Controller")
            .And(hal.Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("HydroOxygen.Simulator"))
            .Check(ProjectTypes.Architecture);
    }
}
