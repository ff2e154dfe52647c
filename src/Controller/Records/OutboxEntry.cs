namespace HydroOxygen.Controller.Records;

/// <summary>One message waiting in the outbox.</summary>
/// <param name="Seq">The device's sequence number of the message (events and sessions share it).</param>
/// <param name="Id">The message's unique id; the same on every resend.</param>
/// <param name="Kind"><see cref="OutboxSchema.EventKind"/> or <see cref="OutboxSchema.SessionKind"/>.</param>
/// <param name="Payload">The record as the HTTP API returns it (JSON).</param>
public sealed record OutboxEntry(long Seq, string Id, string Kind, string Payload);
