using System.Reflection;
using System.Runtime.Loader;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// In globalization-invariant mode (as the Pi package runs) a culture made by name is upper-cased
/// ("zh-HANS"), and the runtime looks for its satellite assemblies in a folder spelt that way; on
/// Linux folder names are case-sensitive, so a library's own translations (System.CommandLine's
/// zh-Hans) never loaded. This finds the folder whatever its case.
/// </summary>
public static class SatelliteAssemblies
{
    private static int _registered;

    /// <summary>Hooks the default load context once; later calls do nothing.</summary>
    public static void FindWhateverTheCase()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Resolve;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (string.IsNullOrEmpty(name.CultureName) || name.Name?.EndsWith(".resources", StringComparison.Ordinal) != true)
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(AppContext.BaseDirectory))
        {
            var file = Path.Combine(folder, name.Name + ".dll");
            if (string.Equals(Path.GetFileName(folder), name.CultureName, StringComparison.OrdinalIgnoreCase) && File.Exists(file))
            {
                return context.LoadFromAssemblyPath(file);
            }
        }

        return null;
    }
}
