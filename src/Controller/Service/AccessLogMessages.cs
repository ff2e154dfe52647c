using System.Text.Json;
using System.Text.Json.Serialization;

namespace HydroOxygen.Controller.Service;

// GET /api/service/access: the refused engineer logins, for an engineer to see (issue 15).

/// <param name="What"><c>wrongCredential</c> or <c>lockout</c>.</param>
/// <param name="Engineer">The name the caller gave (unverified; bounded, control characters replaced).</param>
/// <param name="Address">The source address of the connection.</param>
/// <param name="LockedForS">For a lockout, how long it lasted, s.</param>
/// <param name="Message">The record in words, in the request's language.</param>
public sealed record AccessEntry(DateTimeOffset At, string What, string Engineer, string Address, double? LockedForS, string Message);

/// <param name="LockedForS">How long engineer access stays locked from now, s (0: not locked).</param>
public sealed record AccessLogResponse(double LockedForS, IReadOnlyList<AccessEntry> Entries);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccessLogResponse))]
public sealed partial class AccessLogJsonContext : JsonSerializerContext;
