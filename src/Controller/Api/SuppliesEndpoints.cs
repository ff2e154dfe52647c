using System.Globalization;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Supplies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HydroOxygen.Controller.Api;

/// <summary><c>POST /api/consumables/bottle-refilled</c>: the liquid now in the bottle, mL.</summary>
public sealed record BottleRefilledRequest(double? Ml);

/// <summary><c>POST /api/consumables/cylinder-changed</c>: the new cylinder's water capacity (litres) and its pressure (MPa gauge).</summary>
public sealed record CylinderChangedRequest(double? Litres, double? Mpa);

/// <summary><c>POST /api/service/maintenance/interval</c>.</summary>
public sealed record MaintenanceIntervalRequest(string? Item, double? Interval);

/// <summary><c>POST /api/service/maintenance/serviced</c>.</summary>
public sealed record MaintenanceServicedRequest(string? Item);

/// <summary>The consumables (DESIGN §2.8): the bottle, the cylinder and what the technician should know.</summary>
public sealed record ConsumablesResponse(BottleResponse Bottle, OxygenResponse Oxygen, IReadOnlyList<NoticeResponse> Notices);

/// <param name="LiquidMl">Estimated liquid left, mL; null until a refill is recorded.</param>
/// <param name="LevelSwitchDry">The level switch reads below its mark.</param>
public sealed record BottleResponse(double? LiquidMl, double RefilledMl, DateTimeOffset? RefilledAt, double WarnMl, bool LevelSwitchDry);

/// <param name="Litres">Estimated oxygen left in the cylinder, litres ANR; null until a cylinder change is recorded.</param>
/// <param name="UseLpm">The present use, averaged over the last minutes, litres/min ANR; null before there is enough to say.</param>
/// <param name="MinutesLeft">Minutes the cylinder lasts at the present use (or the last use seen while paused).</param>
/// <param name="TreatmentMinutesLeft">Minutes of the treatment still expected (the configured length, less the session's time).</param>
public sealed record OxygenResponse(
    double? Litres, double FullLitres, double CylinderLitres, double CylinderMpa, DateTimeOffset? ChangedAt,
    double? UseLpm, double? MinutesLeft, double TreatmentMinutesLeft);

/// <summary>A notice for the technician or the engineer: a stable code and its text in the request's language.</summary>
public sealed record NoticeResponse(string Code, string Message);

/// <summary>The wear counters (DESIGN §2.8), each against its service interval.</summary>
/// <param name="Checkpoint">The number of the last checkpoint written to disk.</param>
/// <param name="CheckpointedAt">When it was written.</param>
public sealed record MaintenanceResponse(IReadOnlyList<WearResponse> Items, long Checkpoint, DateTimeOffset? CheckpointedAt, IReadOnlyList<NoticeResponse> Notices);

/// <param name="Value">The lifetime count now (hours or cycles).</param>
/// <param name="Checkpointed">The count the last checkpoint wrote: what a power cut now would leave.</param>
/// <param name="SinceService">The count since the item was last serviced.</param>
public sealed record WearResponse(string Item, double Value, double Checkpointed, double Interval, double SinceService, bool Due);

/// <summary>
/// The consumables and the wear counters of DESIGN §2.8: what the technician records (a refill, a
/// cylinder change) and reads, and what the engineer sets (service intervals, a service done). Each
/// change is written to disk before it is answered.
/// </summary>
public static class SuppliesEndpoints
{
    public const double MaxRefillMl = 1000.0;
    public const double MinCylinderLitres = 0.5;
    public const double MaxCylinderLitres = 50.0;
    public const double MinCylinderMpa = 0.1;
    public const double MaxCylinderMpa = 30.0;

    internal static readonly RequestShape RefillShape = new(
        """{"ml": 100}""",
        new Dictionary<string, Expectation> { ["ml"] = new("Expect.RefillMl", Number(MaxRefillMl)) });

    internal static readonly RequestShape CylinderShape = new(
        """{"litres": 4.5, "mpa": 15}""",
        new Dictionary<string, Expectation>
        {
            ["litres"] = new("Expect.CylinderLitres", Number(MinCylinderLitres), Number(MaxCylinderLitres)),
            ["mpa"] = new("Expect.CylinderMpa", Number(MinCylinderMpa), Number(MaxCylinderMpa)),
        });

    internal static readonly RequestShape IntervalShape = new(
        """{"item": "sprayHours", "interval": 500}""",
        new Dictionary<string, Expectation>
        {
            ["item"] = new("Expect.WearItem", string.Join(", ", WearItems.Names)),
            ["interval"] = new("Expect.WearInterval", Number(WearItems.MinInterval), Number(WearItems.MaxInterval)),
        });

    internal static readonly RequestShape ServicedShape = new(
        """{"item": "sprayHours"}""",
        new Dictionary<string, Expectation> { ["item"] = new("Expect.WearItem", string.Join(", ", WearItems.Names)) });

    public static RouteGroupBuilder MapSuppliesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/consumables", Consumables)
            .WithSummary("Liquid left in the bottle, oxygen left in the cylinder, minutes left at the present use, and the notices");
        api.MapPost("/consumables/bottle-refilled", BottleRefilled)
            .Accepts<BottleRefilledRequest>("application/json")
            .WithSummary("Records a refill: the bottle now holds this much liquid (mL)")
            .Produces<ConsumablesResponse>()
            .ChangeProblems();
        api.MapPost("/consumables/cylinder-changed", CylinderChanged)
            .Accepts<CylinderChangedRequest>("application/json")
            .WithSummary("Records a cylinder change: its water capacity (litres) and pressure (MPa gauge) give the oxygen it holds")
            .Produces<ConsumablesResponse>()
            .ChangeProblems();
        api.MapGet("/maintenance", Maintenance)
            .WithSummary("The wear counters (spray and compressor hours, valve cycles) against their service intervals");
        return api;
    }

    /// <summary>The engineer's part, on the <c>/api/service</c> group (behind the engineer credential).</summary>
    public static RouteGroupBuilder MapMaintenanceServiceEndpoints(this RouteGroupBuilder service)
    {
        service.MapPost("/maintenance/interval", SetInterval)
            .Accepts<MaintenanceIntervalRequest>("application/json")
            .WithSummary("Sets a wear item's service interval (hours or cycles)")
            .Produces<MaintenanceResponse>()
            .ChangeProblems();
        service.MapPost("/maintenance/serviced", Serviced)
            .Accepts<MaintenanceServicedRequest>("application/json")
            .WithSummary("Records that a wear item was serviced: its count towards the next service starts again")
            .Produces<MaintenanceResponse>()
            .ChangeProblems();
        return service;
    }

    private static Ok<ConsumablesResponse> Consumables(SuppliesService supplies) => TypedResults.Ok(ConsumablesOf(supplies));

    private static Ok<MaintenanceResponse> Maintenance(SuppliesService supplies) => TypedResults.Ok(MaintenanceOf(supplies));

    private static async Task<Results<Ok<ConsumablesResponse>, ProblemHttpResult>> BottleRefilled(
        HttpRequest request, SuppliesService supplies, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.BottleRefilledRequest, RefillShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (Number(body.Value!.Ml, "ml", RefillShape, 0.0, MaxRefillMl, minimumIncluded: false) is { } refused)
        {
            return refused;
        }

        supplies.Ledger.BottleRefilled(body.Value.Ml!.Value, supplies.Now);
        return Saved(supplies) ?? (Results<Ok<ConsumablesResponse>, ProblemHttpResult>)TypedResults.Ok(ConsumablesOf(supplies));
    }

    private static async Task<Results<Ok<ConsumablesResponse>, ProblemHttpResult>> CylinderChanged(
        HttpRequest request, SuppliesService supplies, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.CylinderChangedRequest, CylinderShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (Number(body.Value!.Litres, "litres", CylinderShape, MinCylinderLitres, MaxCylinderLitres) is { } litres)
        {
            return litres;
        }

        if (Number(body.Value.Mpa, "mpa", CylinderShape, MinCylinderMpa, MaxCylinderMpa) is { } mpa)
        {
            return mpa;
        }

        supplies.Ledger.CylinderChanged(body.Value.Litres!.Value, body.Value.Mpa!.Value, supplies.Now);
        return Saved(supplies) ?? (Results<Ok<ConsumablesResponse>, ProblemHttpResult>)TypedResults.Ok(ConsumablesOf(supplies));
    }

    private static async Task<Results<Ok<MaintenanceResponse>, ProblemHttpResult>> SetInterval(
        HttpRequest request, SuppliesService supplies, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.MaintenanceIntervalRequest, IntervalShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (Item(body.Value!.Item, IntervalShape, out var item) is { } unknown)
        {
            return unknown;
        }

        if (Number(body.Value.Interval, "interval", IntervalShape, WearItems.MinInterval, WearItems.MaxInterval) is { } refused)
        {
            return refused;
        }

        supplies.Ledger.SetInterval(item, body.Value.Interval!.Value);
        return Saved(supplies) ?? (Results<Ok<MaintenanceResponse>, ProblemHttpResult>)TypedResults.Ok(MaintenanceOf(supplies));
    }

    private static async Task<Results<Ok<MaintenanceResponse>, ProblemHttpResult>> Serviced(
        HttpRequest request, SuppliesService supplies, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.MaintenanceServicedRequest, ServicedShape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (Item(body.Value!.Item, ServicedShape, out var item) is { } unknown)
        {
            return unknown;
        }

        supplies.CheckpointNow();
        supplies.Ledger.Serviced(item);
        return Saved(supplies) ?? (Results<Ok<MaintenanceResponse>, ProblemHttpResult>)TypedResults.Ok(MaintenanceOf(supplies));
    }

    /// <summary>Writes the change at once; a change that cannot be kept is answered as such (503), never as done.</summary>
    private static ProblemHttpResult? Saved(SuppliesService supplies)
    {
        supplies.CheckpointNow();
        return supplies.Problem is null ? null : ApiProblems.Unavailable(ApiErrorCode.SuppliesNotSaved);
    }

    private static ProblemHttpResult? Number(double? value, string field, RequestShape shape, double minimum, double maximum, bool minimumIncluded = true)
    {
        if (value is not { } number)
        {
            return ApiProblems.Field(field, ApiErrorCode.FieldRequired, shape.Expected(field));
        }

        var aboveMinimum = minimumIncluded ? number >= minimum : number > minimum;
        return aboveMinimum && number <= maximum && double.IsFinite(number)
            ? null
            : ApiProblems.Field(field, ApiErrorCode.ValueOutOfRange, Number(number), shape.Expected(field));
    }

    private static ProblemHttpResult? Item(string? name, RequestShape shape, out WearItem item)
    {
        item = default;
        if (name is not { Length: > 0 })
        {
            return ApiProblems.Field("item", ApiErrorCode.FieldRequired, shape.Expected("item"));
        }

        return WearItems.TryParse(name, out item) ? null : ApiProblems.Field("item", ApiErrorCode.WearItemUnknown, name, shape.Expected("item"));
    }

    internal static ConsumablesResponse ConsumablesOf(SuppliesService supplies)
    {
        var view = supplies.Ledger.View();
        var options = supplies.Ledger.Options;
        return new ConsumablesResponse(
            new BottleResponse(Round(view.Bottle.LeftMl, 1), view.Bottle.RefilledMl, view.Bottle.RefilledAt, options.LiquidWarnMl, view.LevelSwitchDry),
            new OxygenResponse(
                Round(view.Cylinder.LeftLitres, 1), Math.Round(view.Cylinder.FullLitres, 1), view.Cylinder.SizeLitres, view.Cylinder.Mpa, view.Cylinder.ChangedAt,
                Round(view.OxygenUseLpm, 2), Round(view.OxygenMinutesLeft, 1), Math.Round(view.TreatmentMinutesLeft, 1)),
            Notices(view.Notices.Where(n => n != SupplyNoticeCode.ServiceDue), view));
    }

    internal static MaintenanceResponse MaintenanceOf(SuppliesService supplies)
    {
        var view = supplies.Ledger.View();
        var saved = supplies.LastSaved.Totals;
        var items = view.Wear
            .Select(w => new WearResponse(WearItems.Name(w.Item), Math.Round(w.Value, 4), Math.Round(saved.Value(w.Item), 4), w.Interval, Math.Round(w.SinceService, 4), w.Due))
            .ToArray();
        return new MaintenanceResponse(items, supplies.LastSaved.Checkpoint, supplies.LastSaved.SavedAt, Notices(view.Notices.Where(n => n == SupplyNoticeCode.ServiceDue), view));
    }

    private static NoticeResponse[] Notices(IEnumerable<SupplyNoticeCode> codes, SupplyView view) =>
        [.. codes.Select(code => new NoticeResponse(code.ToString(), code switch
        {
            SupplyNoticeCode.LiquidLow => ResourceText.Current["Notice.LiquidLow", Number(Math.Round(view.Bottle.LeftMl ?? 0.0))],
            SupplyNoticeCode.OxygenWillNotLast => ResourceText.Current["Notice.OxygenWillNotLast",
                Number(Math.Round(view.OxygenMinutesLeft ?? 0.0)), Number(Math.Round(view.TreatmentMinutesLeft))],
            SupplyNoticeCode.ServiceDue => ResourceText.Current["Notice.ServiceDue",
                string.Join(", ", view.Wear.Where(w => w.Due).Select(w => ResourceText.Current["Wear." + WearItems.Key(w.Item)]))],
            _ => ResourceText.Current["Notice." + code],
        }))];

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static RouteHandlerBuilder ChangeProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
