using System.Globalization;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The words of DESIGN §2.5's "bottle under pressure, do not open", in one place for the log, the
/// session record and whoever shows the status. Allocates: never on the tick.
/// </summary>
public static class BottleWarning
{
    public static string Text(double bottleMpa, bool sensorFaulty) => sensorFaulty
        ? string.Format(CultureInfo.InvariantCulture, "bottle may be under pressure, do not open: its sensor has been faulty (reading {0:0.000} MPa)", bottleMpa)
        : string.Format(CultureInfo.InvariantCulture, "bottle under pressure, do not open: P_bottle {0:0.000} MPa", bottleMpa);
}
