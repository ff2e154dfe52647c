using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Telemetry;
using Microsoft.Extensions.Localization;

namespace HydroOxygen.Controller.Fleet;

/// <summary>Every line the fleet commands write for a person, from the string table in the terminal's language.</summary>
internal static class FleetText
{
    public const string PasswordVariable = "HYDROXY_BROKER_PASSWORD";

    private static IStringLocalizer Text => CliLanguage.Text();

    public static string Help(string what) => Text["Fleet.Help." + what];

    public static string Reconnected(BrokerAddress broker) => Text["Fleet.Reconnected", broker];

    public static string ConnectionLost(BrokerAddress broker) => Text["Fleet.ConnectionLost", broker];

    public static string Collecting(string name, BrokerAddress broker, string filter, string database) =>
        Text["Fleet.Collecting", name, broker, filter, database];

    public static string CollectorTotals(long received, long inserted, long duplicates, long rejected) =>
        Text["Fleet.CollectorTotals", Count(received), Count(inserted), Count(duplicates), Count(rejected)];

    public static string Rejected(string problem, long total) => Text["Fleet.Rejected", problem, Count(total)];

    public static string AckFailed(string topic, string problem, long total) => Text["Fleet.AckFailed", topic, problem, Count(total)];

    public static string DatabaseFailed(string database, string problem) => Text["Fleet.DatabaseFailed", database, problem];

    public static string DatabaseUnavailable(string spec, string problem) => Text["Fleet.DatabaseUnavailable", spec, problem];

    /// <summary>A problem with one option, named by its key (Fleet.IntervalBad, Fleet.TlsOptionsNeedTls, …).</summary>
    public static string Problem(string key) => Text[key];

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
