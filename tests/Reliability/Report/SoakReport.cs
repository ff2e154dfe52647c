using HydroOxygen.Reliability.Soak;

namespace HydroOxygen.Reliability.Report;

public static class SoakReport
{
    public static string Markdown(SoakResult result, string command) => "";
}
