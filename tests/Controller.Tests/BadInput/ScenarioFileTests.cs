using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// Scenario files wrong in ways the Scenarios tests do not already show: numbers YAML spells but a
/// scenario cannot use (.nan, .inf, 1e400), endless durations, wrong shapes, tabs, aliases, and a
/// flood of commands in one tick. Each is refused with file:line:column and the reason.
/// </summary>
public sealed class ScenarioFileTests
{
    public static TheoryData<string, string> BadFiles => new()
    {
        { "name: x\nduration: 1e400s\n", "test.yaml:2:11: duration: '1e400s' is not a duration" },
        { "name: x\nduration: .nan\n", "test.yaml:2:11: duration: '.nan' is not a duration" },
        { "name: x\nduration: Infinitys\n", "test.yaml:2:11: duration: 'Infinitys' is not a duration" },
        { "name: x\nduration: 99999999999999999999min\n", "test.yaml:2:11: duration: '99999999999999999999min' is longer than a scenario may run (1440min" },
        { "name: x\nduration: 1441min\n", "is longer than a scenario may run" },
        { "name: x\nduration: -5s\n", "test.yaml:2:11: duration: '-5s' is negative" },
        { "name: x\nduration: 100000h\n", "has an unknown unit 'h'" },
        { "name: x\nduration: 1s\nseed: 99999999999999999999\n", "test.yaml:3:7: seed must be a whole number" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: -1s, action: power_on }\n", "test.yaml:4:11: step time 'at': '-1s' is negative" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1e400s, action: power_on }\n", "'1e400s' is not a duration" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, action: set_pressure, value: .nan }\n", "set_pressure value (MPa) must be a number, not '.nan'" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, action: set_pressure, value: 1e400 }\n", "set_pressure value (MPa) must be a number, not '1e400'" },
        { "name: x\nduration: 10s\nsteps:\n  - power_on\n", "test.yaml:4:5: a step must be a mapping of keys to values" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: [1s], action: power_on }\n", "step time 'at' must be a single value, not a list" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, action: [power_on] }\n", "action must be a single value, not a list" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, action: pówer_on }\n", "unknown action 'pówer_on' (did you mean power_on?" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, action: power_on, at: 2s }\n", "not valid YAML: Duplicate key at" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, fault: leak, target: bottle, value: .nan }\n", "leak value must be a number, not '.nan'" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, fault: loop_stall, value: 1e400s }\n", "loop_stall value: '1e400s' is not a duration" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 1s, fault: gremlins }\n", "unknown fault 'gremlins'" },
        { "name: x\nduration: 10s\nplant: { liquid_ml: 1e400 }\n", "plant.liquid_ml must be a number, not '1e400'" },
        { "name: x\nduration: 10s\nplant: [1]\n", "plant must be a mapping of parameter names to values" },
        { "name: x\nduration: 10s\nexpect:\n  - { at: 1s, p_out_mpa: { min: .nan } }\n", "p_out_mpa min must be a number, not '.nan'" },
        { "name: x\nduration: 10s\nexpect:\n  - { at: 1s, p_out_mpa: { max: .inf } }\n", "p_out_mpa max must be a number, not '.inf'" },
        { "name: x\n\tduration: 1s\n", "not valid YAML" },
        { "name: &a x\nduration: *a\n", "duration: 'x' is not a duration" },
        { "name: x\nduration: 10s\nsteps: *nowhere\n", "not valid YAML: The anchor 'nowhere' does not exist" },
        { "name: x\nduration: 10s\n!!binary steps: AAAA\n", "steps must be a list" },
        { "name: x\nduration: 10s\nsteps: " + new string('[', 500) + new string(']', 500) + "\n", "test.yaml:" },
        { "\uFEFF\u0000\u0001", "test.yaml:" },
        { "name: x\nduration: 10s\nsteps:\n  - { at: 0s, action: power_on }\n  - { at: !!binary AAAA\n  - { at: 2s, action: pedal_down }\n", "test.yaml:6:3: not valid YAML: the YAML reader could not go on here" },
        { "name: x\nduration: 10s\nexpect:\n  - { at: 1s, state: Off }\n: ", "not valid YAML: the YAML reader could not go on here" },
        { "name: \"\"\nduration: 10s\n", "test.yaml:1:7: name must not be blank" },
        { "name: \"  \"\nduration: 10s\n", "name must not be blank" },
        { Flood(65), "test.yaml:69:5: more than 64 commands within one loop tick (2 ms) from 1s" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_scenario_is_refused_with_its_place_and_reason(string yaml, string says)
    {
        var errors = ScenarioYaml.Errors(yaml);

        Assert.True(errors.Any(e => e.Contains(says, StringComparison.Ordinal)), $"no error says '{says}': " + string.Join(" | ", errors));
    }

    [Fact]
    public void As_many_commands_in_one_tick_as_the_loop_takes_are_a_valid_scenario()
    {
        var scenario = ScenarioYaml.Parse(Flood(64));

        Assert.Equal(65, scenario.Steps.Count);
    }

    /// <summary>A power-on, then <paramref name="commands"/> setpoint steps all at 1 s (line 5 onwards).</summary>
    private static string Flood(int commands) =>
        "name: flood\nduration: 2s\nsteps:\n  - { at: 0s, action: power_on }\n"
        + string.Concat(Enumerable.Repeat("  - { at: 1s, action: set_pressure, value: 0.45 }\n", commands));
}
