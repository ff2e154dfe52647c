using System.Globalization;
using HydroOxygen.Controller.Telemetry;

namespace HydroOxygen.Controller.Fleet;

/// <summary>Every line the fleet commands write for a person, in one place (English; to move into the resource files with the rest).</summary>
internal static class FleetText
{
    public const string FleetDescription = "Engineers' view of a fleet of devices through their MQTT broker (DESIGN §3.6)";
    public const string WatchDescription = "A live table of every device under a topic root: online, state, program, alarms, sessions today, outbox";
    public const string CollectDescription = "Writes every event and session record into a central database, once each (shares the load with other collectors)";
    public const string BrokerOption = "The broker: mqtt://host:port or mqtts://host:port (TLS)";
    public const string RootOption = "The topic root the devices publish under (Telemetry:TopicRoot)";
    public const string SiteOption = "Only the devices of this site (default: every site)";
    public const string CaOption = "PEM file of the CA that signed the broker's certificate (mqtts)";
    public const string CertOption = "PEM file of a client certificate (mqtts)";
    public const string KeyOption = "PEM file of the client certificate's key, when not in the certificate file";
    public const string UserOption = "Broker user name";
    public const string PasswordFileOption = "File holding the broker password (mode 0600); or set HYDROXY_BROKER_PASSWORD";
    public const string IntervalOption = "Seconds between refreshes of the table";
    public const string OnceOption = "Print the table once, after waiting this many seconds for the retained statuses, and exit";
    public const string DbOption = "The central database: a SQLite file (default fleet.db), or postgres://user@host:port/db (password from PGPASSWORD)";
    public const string GroupOption = "The shared-subscription group: collectors with the same group share the messages ($share/GROUP/…)";
    public const string NameOption = "This collector's name: its MQTT client id and persistent session (unique per collector)";
    public const string PasswordVariable = "HYDROXY_BROKER_PASSWORD";

    public static string Reconnected(BrokerAddress broker) => $"connected to {broker} again";

    public static string ConnectionLost(BrokerAddress broker) => $"{broker}: the connection was lost; reconnecting";

    public static string Collecting(string name, BrokerAddress broker, string filter, string database) =>
        $"collector '{name}': {broker} {filter} → {database}";

    public static string CollectorTotals(long received, long inserted, long duplicates, long rejected) =>
        string.Create(CultureInfo.InvariantCulture, $"received {received}, new rows {inserted}, repeats ignored {duplicates}, rejected {rejected}");

    public static string Rejected(string problem, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"rejected a message: {problem} ({total} rejected so far; acknowledged and not stored)");

    public static string DatabaseFailed(string database, string problem) =>
        $"{database}: writing failed ({problem}); the messages are not acknowledged and will be retried";

    public static string DatabaseUnavailable(string spec, string problem) => $"cannot open the database {spec}: {problem}";

    public static string BadBroker(string problem) => $"--broker: {problem}";

    public static string BadOption(string option, string problem) => $"{option}: {problem}";

    public const string NoDevices = "(no device has reported under this root yet)";
}
