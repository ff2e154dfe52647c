using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    private const string DesignExample =
        """
        name: acne-basic
        seed: 42
        duration: 120s
        plant:
          liquid_ml: 80
        steps:
          - { at: 0s,   action: power_on }
          - { at: 2s,   action: select_source, value: oxygen }
          - { at: 2s,   action: select_program, value: acne }
          - { at: 2s,   action: set_pressure, value: 0.45 }
          - { at: 4s,   action: pedal_down }
          - { at: 9s,   action: pedal_up }
          - { at: 30s,  fault: inlet_stuck_open }
          - { at: 40s,  clear_fault: inlet_stuck_open }
          - { at: 45s,  action: ack_alarms }
          - { at: 110s, action: power_off }
        expect:
          - { at: 3s, p_out_mpa: { min: 0.44, max: 0.46 } }
          - { during: [10s, 29s], p_out_mpa: { min: 0.43, max: 0.47 } }
          - { during: [0s, 120s], p_out_true_mpa: { max: 0.70 } }
          - { sometime: [30s, 30.1s], alarms: OverPressure }
          - { at: 120s, state: Off }
        """;

    [Fact]
    public void Reads_the_design_example()
    {
        var scenario = ScenarioYaml.Parse(DesignExample);

        Assert.Equal("acne-basic", scenario.Name);
        Assert.Equal(42, scenario.Seed);
        Assert.Equal(120.0, scenario.DurationS);
        Assert.Equal(80.0, scenario.Plant.LiquidMl);
        Assert.Equal(PlantParameters.Default.ManifoldMl, scenario.Plant.ManifoldMl);
        Assert.Equal(10, scenario.Steps.Count);
        Assert.Equal(new PowerSwitchAction(true), scenario.Steps[0].Action);
        Assert.Equal(new SelectSourceAction(GasSource.Oxygen), scenario.Steps[1].Action);
        Assert.Equal(new SelectProgramAction("acne"), scenario.Steps[2].Action);
        Assert.Equal(new SetPressureAction(0.45), scenario.Steps[3].Action);
        Assert.Equal(new InjectFaultAction(new FaultSpec(FaultKind.InletStuckOpen)), scenario.Steps[6].Action);
        Assert.Equal(new ClearFaultAction(FaultKind.InletStuckOpen, FaultTarget.None), scenario.Steps[7].Action);
        Assert.Equal(new SourceLocation(ScenarioYaml.FileName, 14, 5), scenario.Steps[7].Location);

        Assert.Equal(5, scenario.Expectations.Count);
        Assert.Equal(ExpectationWindow.At(3.0), scenario.Expectations[0].Window);
        Assert.Equal(ExpectationWindow.Sometime(30.0, 30.1), scenario.Expectations[3].Window);
        var range = Assert.IsType<RangeCondition>(Assert.Single(scenario.Expectations[1].Conditions));
        Assert.Equal(("p_out_mpa", 0.43, 0.47), (range.Column.Name, range.Min, range.Max));
        var alarm = Assert.IsType<MembershipCondition>(Assert.Single(scenario.Expectations[3].Conditions));
        Assert.Equal(1u << (int)AlarmCode.OverPressure, alarm.Member);
        Assert.Equal(22, scenario.Expectations[4].Location.Line);
    }

    [Fact]
    public void Keeps_steps_at_the_same_time_in_file_order_and_sorts_the_rest()
    {
        var scenario = ScenarioYaml.Parse(
            """
            name: order
            duration: 10s
            steps:
              - { at: 5s, action: pedal_up }
              - { at: 2s, action: select_source, value: compressor }
              - { at: 2s, action: select_program, value: eye }
              - { at: 0s, action: power_on }
            """);

        Assert.Equal(["power_on", "select_source compressor", "select_program eye", "pedal_up"], scenario.Steps.Select(s => s.Action.Describe()));
    }

    [Fact]
    public void An_out_of_range_pressure_is_a_command_for_the_controller_to_refuse_not_a_bad_file()
    {
        var scenario = ScenarioYaml.Parse(
            """
            name: refuse
            duration: 5s
            steps:
              - { at: 1s, action: set_pressure, value: 0.7 }
            """);

        Assert.Equal(new SetPressureAction(0.7), Assert.Single(scenario.Steps).Action);
    }

    [Fact]
    public void Fault_values_are_read_in_their_units()
    {
        var scenario = ScenarioYaml.Parse(
            """
            name: faults
            duration: 5s
            steps:
              - { at: 1s, fault: loop_stall, value: 50ms }
              - { at: 2s, fault: sensor_drift, target: p_bottle, value: -0.05 }
              - { at: 3s, clear_fault: sensor_drift, target: p_bottle }
            """);

        Assert.Equal(new InjectFaultAction(new FaultSpec(FaultKind.LoopStall, Value: 0.05)), scenario.Steps[0].Action);
        Assert.Equal(new InjectFaultAction(new FaultSpec(FaultKind.SensorDrift, FaultTarget.PBottle, -0.05)), scenario.Steps[1].Action);
        Assert.Equal(new ClearFaultAction(FaultKind.SensorDrift, FaultTarget.PBottle), scenario.Steps[2].Action);
    }

    [Fact]
    public void Unknown_action_names_the_place_the_word_and_the_choices()
    {
        var error = ScenarioYaml.Error(
            """
            name: typo
            duration: 10s
            steps:
              - { at: 0s, action: power_on }
              - { at: 1s, action: pedal_dwn }
            """);

        Assert.StartsWith("test.yaml:5:23: unknown action 'pedal_dwn' (did you mean pedal_down? expected one of power_on, power_off, select_source,", error, StringComparison.Ordinal);
        Assert.Contains("ack_alarms, shutdown, start_plan, next_step, previous_step, end_plan, start_day_check, start_day_purge, stop_day_routine)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration: soon", "test.yaml:2:11: duration: 'soon' is not a duration")]
    [InlineData("duration: 120", "test.yaml:2:11: duration: '120' has no unit; write 120s, 120ms or 120min")]
    [InlineData("duration: 0s", "test.yaml:2:11: duration must be longer than zero")]
    public void Bad_durations_say_what_is_wrong(string line, string expected)
    {
        var error = ScenarioYaml.Error($"name: d\n{line}\n");

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_number_as_a_step_time_asks_for_a_unit()
    {
        var error = ScenarioYaml.Error(
            """
            name: bare
            duration: 10s
            steps:
              - { at: 30, action: power_on }
            """);

        Assert.Equal("test.yaml:4:11: step time 'at': '30' has no unit; write 30s, 30ms or 30min", error);
    }

    [Theory]
    [InlineData("seed: lucky\n", "test.yaml:3:7: seed must be a whole number, not 'lucky'")]
    [InlineData("seed: 1.5\n", "test.yaml:3:7: seed must be a whole number, not '1.5'")]
    [InlineData("steps: { at: 1s }\n", "test.yaml:3:8: steps must be a list")]
    [InlineData("steps:\n  - { at: 1s, action: set_pressure, value: high }\n", "test.yaml:4:44: set_pressure value (MPa) must be a number, not 'high'")]
    [InlineData("steps:\n  - { at: 1s, action: select_source, value: nitrogen }\n", "test.yaml:4:45: unknown gas source 'nitrogen' (expected one of oxygen, compressor)")]
    [InlineData("steps:\n  - { at: 1s, action: select_source }\n", "test.yaml:4:23: select_source needs a value: oxygen or compressor")]
    [InlineData("steps:\n  - { at: 1s, action: pedal_down, value: 1 }\n", "test.yaml:4:35: pedal_down takes no value")]
    [InlineData("expect:\n  - { at: 1s, p_out_mpa: { min: low } }\n", "test.yaml:4:33: p_out_mpa min must be a number, not 'low'")]
    [InlineData("expect:\n  - { at: 1s, p_out_mpa: 0.45 }\n", "test.yaml:4:26: p_out_mpa is a number column: give bounds")]
    [InlineData("expect:\n  - { at: 1s, state: Sleeping }\n", "test.yaml:4:22: unknown state 'Sleeping' (expected one of Off, SelfTest,")]
    [InlineData("expect:\n  - { at: 1s, spray_open: maybe }\n", "test.yaml:4:27: unknown spray_open 'maybe' (expected 0, 1, false or true)")]
    [InlineData("expect:\n  - { at: 1s, alarms: OverPresure }\n", "test.yaml:4:23: unknown alarms member 'OverPresure' (did you mean OverPressure?")]
    public void Values_of_the_wrong_type_are_reported_where_they_are(string lines, string expected)
    {
        var error = ScenarioYaml.Error("name: types\nduration: 10s\n" + lines);

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("durration: 10s\n", "test.yaml:3:1: unknown key 'durration' in a scenario (did you mean duration? expected one of name, seed, duration, plant, steps, expect)")]
    [InlineData("steps:\n  - { at: 1s, action: set_pressure, valu: 0.4 }\n", "test.yaml:4:37: unknown key 'valu' in an action step (did you mean value? expected one of at, action, value)")]
    [InlineData("steps:\n  - { at: 1s, fault: leak, target: bottle, value: 0.1, size: 2 }\n", "test.yaml:4:56: unknown key 'size' in a fault step")]
    [InlineData("expect:\n  - { at: 1s, p_out: { max: 0.5 } }\n", "test.yaml:4:15: unknown key 'p_out' in an expectation (did you mean")]
    [InlineData("expect:\n  - { at: 1s, p_out_mpa: { maximum: 0.5 } }\n", "test.yaml:4:28: unknown key 'maximum' in the bounds of p_out_mpa")]
    public void Unknown_keys_are_errors_anywhere(string lines, string expected)
    {
        var errors = ScenarioYaml.Errors("name: keys\nduration: 10s\n" + lines);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fault_lists_the_faults()
    {
        var error = ScenarioYaml.Error("name: f\nduration: 10s\nsteps:\n  - { at: 1s, fault: inlet_stuck }\n");

        Assert.StartsWith("test.yaml:4:22: unknown fault 'inlet_stuck' (did you mean", error, StringComparison.Ordinal);
        Assert.Contains("expected one of adc_nack, compressor_failed,", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ at: 1s, fault: sensor_stuck }", "test.yaml:4:22: sensor_stuck needs a target of p_out, p_bottle or p_src")]
    [InlineData("{ at: 1s, fault: leak, target: manifold }", "test.yaml:4:22: leak needs a value")]
    [InlineData("{ at: 1s, fault: leak, target: p_out, value: 0.1 }", "test.yaml:4:22: leak needs a target of manifold or bottle")]
    [InlineData("{ at: 1s, fault: nozzle_clogged, target: bottle }", "test.yaml:4:22: nozzle_clogged takes no target")]
    [InlineData("{ at: 1s, fault: sensor_stuck, target: p_nowhere }", "test.yaml:4:44: unknown target 'p_nowhere' (expected one of bottle, manifold, p_bottle, p_out, p_src)")]
    [InlineData("{ at: 1s, fault: pedal_stuck, value: 3 }", "test.yaml:4:35: pedal_stuck takes no value")]
    [InlineData("{ at: 1s, fault: loop_stall, value: 50 }", "test.yaml:4:41: loop_stall value: '50' has no unit")]
    [InlineData("{ at: 1s, clear_fault: leak, target: p_src }", "test.yaml:4:42: leak needs a target of manifold or bottle")]
    [InlineData("{ at: 1s, clear_fault: loop_stall }", "test.yaml:4:28: loop_stall ends by itself")]
    public void Faults_are_checked_with_their_targets_and_values(string step, string expected)
    {
        var error = ScenarioYaml.Error($"name: f\nduration: 10s\nsteps:\n  - {step}\n");

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ at: 1s }", "test.yaml:4:5: a step needs one of action, fault or clear_fault")]
    [InlineData("{ at: 1s, action: pedal_down, fault: pedal_stuck }", "test.yaml:4:5: a step has exactly one of action, fault or clear_fault, this one has action and fault")]
    [InlineData("{ action: pedal_down }", "test.yaml:4:5: a step needs 'at'")]
    [InlineData("{ at: 11s, action: pedal_down }", "test.yaml:4:11: step time 'at' 11s is after the end of the scenario (duration 10s)")]
    public void Steps_need_a_time_within_the_run_and_one_kind(string step, string expected)
    {
        var error = ScenarioYaml.Error($"name: s\nduration: 10s\nsteps:\n  - {step}\n");

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_program_lists_the_controller_programs()
    {
        var error = ScenarioYaml.Error("name: p\nduration: 10s\nsteps:\n  - { at: 1s, action: select_program, value: peel }\n");

        Assert.Equal("test.yaml:4:46: unknown program 'peel' (expected one of acne, cleanse, eye, nourish, custom)", error);
    }

    [Theory]
    [InlineData("{ at: 11s, state: Off }", "test.yaml:4:11: expectation time 'at' 11s is after the end of the scenario (duration 10s)")]
    [InlineData("{ during: [5s, 2s], state: Off }", "test.yaml:4:15: the during window ends (2s) before it starts (5s)")]
    [InlineData("{ sometime: [1s, 12s], state: Off }", "test.yaml:4:22: end of the sometime window 12s is after the end")]
    [InlineData("{ during: 5s, state: Off }", "test.yaml:4:15: during must be a pair of times, e.g. during: [10s, 29s]")]
    [InlineData("{ state: Off }", "test.yaml:4:5: an expectation needs one of at, during or sometime")]
    [InlineData("{ at: 1s, during: [1s, 2s], state: Off }", "test.yaml:4:5: an expectation has exactly one of at, during or sometime")]
    [InlineData("{ at: 1s }", "test.yaml:4:5: an expectation needs at least one trace column to check")]
    [InlineData("{ at: 1s, p_out_mpa: { min: 0.5, max: 0.4 } }", "test.yaml:4:26: p_out_mpa: min 0.5 is above max 0.4")]
    [InlineData("{ at: 1s, alarms: { contains: OverPressure, excludes: SensorFault } }", "test.yaml:4:23: alarms takes exactly one of contains or excludes")]
    public void Expectations_are_checked(string expectation, string expected)
    {
        var error = ScenarioYaml.Error($"name: e\nduration: 10s\nexpect:\n  - {expectation}\n");

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_plant_parameter_changes_nothing_and_suggests_the_name()
    {
        var error = ScenarioYaml.Error("name: p\nduration: 10s\nplant:\n  liquid_mll: 40\n");

        Assert.StartsWith("test.yaml:4:3: unknown plant parameter 'liquid_mll'; nothing was changed (did you mean liquid_ml? known parameters: adc_bits,", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  liquid_ml: plenty\n", "test.yaml:4:14: plant.liquid_ml must be a number, not 'plenty'")]
    [InlineData("  adc_bits: 12.5\n", "test.yaml:4:13: plant.adc_bits must be a whole number, not '12.5'")]
    [InlineData("  liquid_ml: 240\n", "test.yaml:3:1: plant.liquid_ml: must be within 0–237.5, was 240")]
    [InlineData("  compressor_stall_mpa: 0.5\n", "test.yaml:3:1: plant.compressor_stall_mpa: must exceed compressor_rated_mpa (0.8), was 0.5")]
    public void Plant_overrides_are_typed_and_validated_as_a_whole(string lines, string expected)
    {
        var error = ScenarioYaml.Error("name: p\nduration: 10s\nplant:\n" + lines);

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var errors = ScenarioYaml.Errors(
            """
            name: many
            seed: x
            duration: 10s
            steps:
              - { at: 20s, action: power_on }
              - { at: 1s, action: jump }
            expect:
              - { at: 1s, pressure: { max: 1 } }
            """);

        Assert.Equal([2, 5, 6, 8], errors.Select(e => int.Parse(e.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_name_must_be_a_single_value()
    {
        var error = ScenarioYaml.Error("name: [a, b]\nduration: 10s\n");

        Assert.Equal("test.yaml:1:7: name must be a single value, not a list", error);
    }

    [Theory]
    [InlineData("", "test.yaml:1:1: the file is empty")]
    [InlineData("name: x\nduration: [10s\n", "test.yaml:3:1: not valid YAML")]
    [InlineData("- a\n- b\n", "test.yaml:1:1: a scenario is a mapping with name, duration, steps and expect")]
    [InlineData("name: x\nname: y\nduration: 1s\n", "test.yaml:2:1: not valid YAML: Duplicate key")]
    [InlineData("duration: 10s\n", "test.yaml:1:1: missing 'name' (e.g. name: acne-basic)")]
    public void Files_that_are_not_scenarios_at_all(string yaml, string expected)
    {
        var error = ScenarioYaml.Errors(yaml)[0];

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
