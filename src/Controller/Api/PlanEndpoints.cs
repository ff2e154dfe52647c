using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// Treatment plans (DESIGN §2.7, §3.4): the plans, and start / next / previous / end as the
/// technician's buttons ask for them. A step change is a program and a setpoint, judged like the
/// technician's own choice: refused with the reason (acne on compressed air), or carried out.
/// </summary>
public static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", Plans)
            .WithSummary("The treatment plans: each step's region, program, setpoint, passes and guide text, in the request's language");
        api.MapPost("/plan/start", Start)
            .Accepts<PlanStartRequest>("application/json")
            .WithSummary("Starts a treatment plan at its first step: the step's program and setpoint are selected")
            .ProducesCommandProblems();
        api.MapCommandWithoutBody(
            "/plan/next",
            ControlCommand.NextPlanStep(),
            "Moves the running plan to its next step (program and setpoint follow; a lower ceiling is vented down to first)");
        api.MapCommandWithoutBody("/plan/previous", ControlCommand.PreviousPlanStep(), "Moves the running plan back to its previous step");
        api.MapCommandWithoutBody("/plan/end", ControlCommand.EndPlan(), "Ends the running plan (program and setpoint stay); its summary stays at /api/plan/summary");
        api.MapGet("/plan/summary", Summary)
            .WithSummary("The end-of-treatment summary of the plan running or last run since power-on")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static RequestShape StartShape(PlanTable plans) => new(
        """{"plan": "acne"}""",
        new Dictionary<string, Expectation> { ["plan"] = new("Expect.Plan", string.Join(", ", plans.Plans.Select(p => p.Name))) });

    private static Ok<PlansResponse> Plans(ControllerRuntime runtime)
    {
        var text = ResourceText.Current;
        var programs = runtime.Core.Programs;
        var plans = runtime.Core.Plans;
        return TypedResults.Ok(new PlansResponse([.. plans.Plans.Select((plan, p) => new PlanResponse(
            plan.Name,
            text.Plan(plan.Name),
            text.Find($"Plan.{plan.Name}.Description") ?? "",
            plan.Steps.Any(step => programs.FirstOrDefault(x => string.Equals(x.Name, step.Program, StringComparison.OrdinalIgnoreCase))?.RequiresOxygen == true),
            [.. plan.Steps.Select((step, s) => new PlanStepResponse(
                s + 1,
                step.Region,
                text.Region(step.Region),
                DeviceNames.Program(programs, plans.Step(p, s).ProgramIndex),
                Math.Round(plans.Step(p, s).SetpointMpa, 4),
                step.Passes,
                text.PlanGuide(text.Language, plan, step)))]))]));
    }

    private static async Task<Results<Ok<CommandResponse>, Accepted<CommandResponse>, ProblemHttpResult>> Start(
        HttpRequest request, CommandGateway gateway, StatusMapper status, CancellationToken cancellationToken)
    {
        var shape = StartShape(gateway.Plans);
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.PlanStartRequest, shape, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Plan is not { Length: > 0 } name)
        {
            return ApiProblems.Field("plan", ApiErrorCode.FieldRequired, shape.Expected("plan"));
        }

        return await CommandEndpoints.SendAsync(request, ControlCommand.StartPlan(gateway.Plans.PlanIndex(name)), gateway, status, cancellationToken).ConfigureAwait(false);
    }

    private static Results<Ok<PlanSummaryResponse>, ProblemHttpResult> Summary(ControllerRuntime runtime)
    {
        var status = runtime.Status.Read();
        var plan = status.Plan;
        if (!plan.Started)
        {
            return ApiProblems.NotFound("plan", ApiErrorCode.NoPlanSummary);
        }

        return TypedResults.Ok(Summarize(in plan, status.Time, runtime.Core.Plans, ResourceText.Current));
    }

    /// <summary>The summary of a plan's figures, in the text's language (the oxygen as the core counts it, already in litres of oxygen).</summary>
    public static PlanSummaryResponse Summarize(in PlanProgress plan, double now, PlanTable plans, ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(text);
        var name = plans.PlanName(plan.Plan);
        var steps = new List<StepSprayResponse>(plan.StepCount);
        var regions = new List<RegionSprayResponse>();
        for (var s = 0; s < plan.StepCount; s++)
        {
            var region = plans.RegionName(plans.Step(plan.Plan, s).RegionIndex);
            var seconds = plan.StepSprayS(s);
            steps.Add(new StepSprayResponse(s + 1, region, Math.Round(seconds, 1)));
            var at = regions.FindIndex(r => r.Region == region);
            if (at < 0)
            {
                regions.Add(new RegionSprayResponse(region, text.Region(region), seconds));
            }
            else
            {
                regions[at] = regions[at] with { SprayS = regions[at].SprayS + seconds };
            }
        }

        var alarms = new List<string>();
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            if ((plan.Alarms & (1u << i)) != 0)
            {
                alarms.Add(((AlarmCode)i).ToString());
            }
        }

        return new PlanSummaryResponse(
            name,
            text.Plan(name),
            plan.Running,
            plan.Step + 1,
            plan.StepCount,
            Math.Round(plan.ElapsedS(now), 1),
            Math.Round(plan.SpraySeconds, 1),
            [.. regions.Select(r => r with { SprayS = Math.Round(r.SprayS, 1) })],
            steps,
            Math.Round(plan.LiquidUsedMl, 2),
            Math.Round(plan.OxygenUsedL, 2),
            alarms);
    }
}
