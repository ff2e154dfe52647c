// The fleet tests run real brokers and signals (Mosquitto, PostgreSQL, kill): Linux only, like the device.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
