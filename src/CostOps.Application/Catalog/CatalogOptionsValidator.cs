using Microsoft.Extensions.Options;

namespace CostOps.Application.Catalog;

/// <summary>Checks <c>CostOps:Catalog</c> at start-up; every message names its configuration key.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add($"{CatalogOptions.Section}:Path is required (the workload catalog JSON file)");
        }
        else if (!File.Exists(options.Path))
        {
            errors.Add($"{CatalogOptions.Section}:Path names a file that does not exist: {options.Path}");
        }
        for (var i = 0; i < options.PriceBooks.Count; i++)
        {
            if (!File.Exists(options.PriceBooks[i]))
            {
                errors.Add($"{CatalogOptions.Section}:PriceBooks:{i} names a file that does not exist: {options.PriceBooks[i]}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
