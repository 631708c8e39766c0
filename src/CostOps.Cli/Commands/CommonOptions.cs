using System.CommandLine;
using System.Globalization;

namespace CostOps.Cli.Commands;

/// <summary>Options several commands share, with their parsing and validation.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Settings() => new("--settings")
    {
        Description = "A settings JSON file (CostOps:Storage, CostOps:Catalog, CostOps:Sources, ...); relative paths in it are resolved against its folder. Environment variables CostOps__... override it.",
    };

    public static Option<FileInfo?> Catalog() => new("--catalog")
    {
        Description = "The workload catalog JSON file (overrides CostOps:Catalog:Path).",
    };

    public static Option<string?> Storage() => new("--storage")
    {
        Description = "A Table storage connection string (overrides CostOps:Storage; default: the embedded Azurite under .costops/).",
    };

    public static Option<string[]> Workloads() => new("--workload", "-w")
    {
        Description = "Only these workload ids (repeatable); default: every workload.",
    };

    public static Option<DateOnly?> Date(string name, string description)
    {
        var option = new Option<DateOnly?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }
                result.AddError($"{name} must be a date as yyyy-MM-dd (was '{text}')");
                return null;
            },
        };
        return option;
    }

    /// <summary>
    /// An option that takes one of a few spellings: the help shows them as its value (<c>--format table|json</c>), the
    /// parser accepts exactly them, and anything else is refused naming the option and the choices.
    /// </summary>
    public static Option<string> OneOf(string name, string description, IReadOnlyList<string> values, string defaultValue, params string[] aliases)
    {
        var option = new Option<string>(name, aliases)
        {
            Description = description,
            HelpName = string.Join('|', values),
            DefaultValueFactory = _ => defaultValue,
        };
        option.CompletionSources.Add([.. values]);
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!values.Contains(text, StringComparer.Ordinal))
            {
                result.AddError($"{name} must be one of {string.Join(", ", values)} (was '{text}')");
            }
        });
        return option;
    }

    /// <summary>Configuration overrides from command-line options (only those given).</summary>
    public static Dictionary<string, string?> Overrides(FileInfo? catalog, string? storage = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(storage))
        {
            overrides["CostOps:Storage:ConnectionString"] = storage;
            overrides["CostOps:Storage:TableEndpoint"] = null;
        }
        if (catalog is not null)
        {
            overrides["CostOps:Catalog:Path"] = catalog.FullName;
        }
        return overrides;
    }
}
