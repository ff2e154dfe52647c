namespace HydroOxygen.Controller.Api;

/// <summary><c>GET /api/plans</c>: the configured treatment plans (DESIGN §2.7), with their texts in the request's language.</summary>
public sealed record PlansResponse(IReadOnlyList<PlanResponse> Plans);

/// <summary>A treatment plan: an ordered list of face regions, each with its program and setpoint.</summary>
/// <param name="Name">The plan's configured name (what <c>POST /api/plan/start</c> takes).</param>
/// <param name="Title">Its name for people, in the request's language.</param>
/// <param name="Description">What it is for, in the request's language (empty for a configured plan without a text).</param>
/// <param name="RequiresOxygen">A step uses a program that requires oxygen.</param>
public sealed record PlanResponse(string Name, string Title, string Description, bool RequiresOxygen, IReadOnlyList<PlanStepResponse> Steps);

/// <summary>One step of a plan.</summary>
/// <param name="Step">1-based.</param>
/// <param name="Region">The region's configured name (the status's <c>plan.region</c>).</param>
/// <param name="RegionTitle">Its name for people, in the request's language.</param>
/// <param name="Program">The program it is sprayed with.</param>
/// <param name="SetpointMpa">The setpoint the step sets.</param>
/// <param name="Passes">Passes over the region.</param>
/// <param name="Guide">What the operating guide says about it, in the request's language.</param>
public sealed record PlanStepResponse(int Step, string Region, string RegionTitle, string Program, double SetpointMpa, int Passes, string Guide);

/// <summary>The plan being followed, in <c>GET /api/status</c> (null when none runs).</summary>
/// <param name="Name">The plan's name.</param>
/// <param name="Step">The present step, 1-based.</param>
/// <param name="Steps">How many steps the plan has.</param>
/// <param name="Region">The present step's region (its configured name).</param>
/// <param name="Passes">The present step's passes.</param>
/// <param name="StepSprayS">Spray seconds on the present step so far.</param>
/// <param name="SprayS">Spray seconds since the plan started.</param>
public sealed record PlanStatusResponse(string Name, int Step, int Steps, string Region, int Passes, double StepSprayS, double SprayS);

/// <summary>
/// <c>GET /api/plan/summary</c>: the end-of-treatment summary of the plan running or last run since
/// power-on — how long, how much spraying per region and per step, liquid and oxygen used, alarms.
/// </summary>
/// <param name="Running">The plan is still being followed (the figures are so far).</param>
/// <param name="DurationS">From the plan's start to its end (or now).</param>
/// <param name="LiquidUsedMl">Estimated nutrient liquid used since the plan started.</param>
/// <param name="OxygenUsedL">Oxygen delivered since the plan started, litres (ANR).</param>
/// <param name="Alarms">The alarm codes latched while the plan ran.</param>
public sealed record PlanSummaryResponse(
    string Name,
    string Title,
    bool Running,
    int StepsDone,
    int Steps,
    double DurationS,
    double SprayS,
    IReadOnlyList<RegionSprayResponse> Regions,
    IReadOnlyList<StepSprayResponse> StepSpray,
    double LiquidUsedMl,
    double OxygenUsedL,
    IReadOnlyList<string> Alarms);

/// <summary>Spray seconds on one region over all its steps.</summary>
public sealed record RegionSprayResponse(string Region, string RegionTitle, double SprayS);

/// <summary>Spray seconds on one step.</summary>
public sealed record StepSprayResponse(int Step, string Region, double SprayS);

/// <summary><c>POST /api/plan/start</c>.</summary>
public sealed record PlanStartRequest(string? Plan);
