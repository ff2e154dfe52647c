using System.Reflection;
using HydroOxygen.Hal;
using Microsoft.Extensions.Configuration;

namespace HydroOxygen.Controller.Startup;

/// <summary>
/// Finds settings given as a list or a section where a single value belongs
/// (<c>"LoopRateHz": [500]</c>). The configuration binder refuses those too, but names only the
/// type it failed on ("properties were not found on the instance of System.Double: '0'"), not the
/// key; this names the key.
/// </summary>
internal static class SectionShape
{
    public static IEnumerable<SettingProblem> SingleValuesGivenAsSections(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var childType = ChildType(type, child.Key);
            if (childType is null)
            {
                continue; // an unknown key: the binder names it
            }

            if (IsSingleValue(childType))
            {
                if (child.GetChildren().Any())
                {
                    yield return new SettingProblem(child.Path, "SingleValue", "must be a single value, not a list or a section", []);
                }

                continue;
            }

            foreach (var problem in SingleValuesGivenAsSections(child, childType))
            {
                yield return problem;
            }
        }
    }

    /// <summary>
    /// Lists and sections given as a single value (<c>"AllowedHosts": "pi.local"</c>): the binder
    /// would keep the default (an empty list) without a word.
    /// </summary>
    public static IEnumerable<SettingProblem> SectionsGivenAsSingleValues(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var childType = ChildType(type, child.Key);
            if (childType is null || IsSingleValue(childType))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(child.Value) && !child.GetChildren().Any())
            {
                yield return IsList(childType)
                    ? new SettingProblem(child.Path, "ListNotValue", "must be a list ([ … ]), not the single value '{0}'", [child.Value])
                    : new SettingProblem(child.Path, "SectionNotValue", "must be a section ({{ … }}), not the single value '{0}'", [child.Value]);
                continue;
            }

            foreach (var problem in SectionsGivenAsSingleValues(child, childType))
            {
                yield return problem;
            }
        }
    }

    private static bool IsList(Type type) => type != typeof(string) && type.GetInterfaces().Append(type)
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));

    /// <summary>The type a key below <paramref name="type"/> binds to: a property's, or a list's element.</summary>
    private static Type? ChildType(Type type, string key)
    {
        if (type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))) is { } dictionary)
        {
            return dictionary.GetGenericArguments()[1];
        }

        if (type != typeof(string) && type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            return enumerable.GetGenericArguments()[0];
        }

        return type.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
    }

    private static bool IsSingleValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }
}
