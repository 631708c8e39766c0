using CostOps.Handler.Api;
using CostOps.Handler.Hosting;
using CostOps.TestSupport;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CostOps.Handler.Tests.Api;

/// <summary>
/// The HTTP contract must not drift silently: docs/openapi.json is the checked-in OpenAPI document
/// and must equal the one the handler generates. After an intended change, regenerate it with
/// <c>UPDATE_OPENAPI=1 dotnet test tests/CostOps.Handler.Tests --filter OpenApiDocumentTests</c>
/// and review the diff; without the variable a difference fails.
/// </summary>
public sealed class OpenApiDocumentTests
{
    public static string CheckedInPath => RepositoryRoot.Combine("docs", "openapi.json");

    [Fact]
    public async Task TheCheckedInOpenApiDocument_EqualsTheGeneratedOne()
    {
        var generated = await GenerateAsync();
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedInPath, generated);
        }
        var checkedIn = File.Exists(CheckedInPath) ? await File.ReadAllTextAsync(CheckedInPath) : "(missing)";

        Assert.True(
            string.Equals(checkedIn.TrimEnd(), generated.TrimEnd(), StringComparison.Ordinal),
            "docs/openapi.json differs from the generated OpenAPI document. If the API change is intended, run " +
            "UPDATE_OPENAPI=1 dotnet test tests/CostOps.Handler.Tests --filter OpenApiDocumentTests and commit the file.");
    }

    /// <summary>The document as the handler generates it, serialized like <c>MapOpenApi</c> does (OpenAPI 3.1 JSON).</summary>
    public static async Task<string> GenerateAsync()
    {
        await using var app = HandlerApp.Build([], 0);
        // Starting the app would need storage and a catalog. The generator only needs the endpoints published
        // to routing, which UseEndpoints does when the pipeline is built at start; do just that.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var provider = app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiSetup.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync();
        return (await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1)).ReplaceLineEndings("\n") + "\n";
    }
}
