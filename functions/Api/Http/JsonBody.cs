using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Domain.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Reads a request body as JSON, answering what a caller can get wrong with a problem naming it:
/// 415 when it is not JSON, 413 over <see cref="MaxBytes"/>, 400 when it does not parse. Endpoints
/// read bodies through here (not through parameter binding) so that every one of those answers is a
/// ProblemDetails, never the empty 400/413 of the binder.
/// </summary>
internal static class JsonBody
{
    /// <summary>1 MiB; Kestrel's own limit is set to the same value (<see cref="ApiServices.AddCostOpsApi"/>) for every other endpoint.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// How much of a too-large body is read (and thrown away) so that its sender gets the 413; a larger
    /// one is cut off. The Functions host itself accepts up to 100 MB.
    /// </summary>
    public const long DrainLimit = 32 * 1024 * 1024;

    /// <summary>
    /// The one prologue of every endpoint with a body: reads it (<see cref="ReadAsync"/>) and binds it to the request
    /// DTO with <paramref name="bind"/> (which gets null for an optional body that was empty). The answer is the DTO,
    /// or the problem to send: 413/415 for the body as a whole, 400 naming every field <paramref name="bind"/> refused.
    /// </summary>
    public static async Task<BoundBody<T>> BindAsync<T>(
        HttpRequest request, bool required, Func<JsonElement?, FieldErrors, T> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bind);
        using var body = await ReadAsync(request, required, cancellationToken);
        if (body.Rejected is { } rejected)
        {
            return new BoundBody<T>(default, rejected);
        }
        if (body.Invalid is { } invalid)
        {
            return new BoundBody<T>(default, invalid);
        }
        var errors = new FieldErrors();
        var value = bind(body.Document?.RootElement, errors);
        return errors.Any ? new BoundBody<T>(default, ApiProblems.Invalid(errors.Errors)) : new BoundBody<T>(value, null);
    }

    public static async Task<BodyRead> ReadAsync(HttpRequest request, bool required, CancellationToken cancellationToken)
    {
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0)
        {
            return Empty(required);
        }
        // A body over the limit is still read to its end (up to DrainLimit) before the 413 goes out:
        // answering while the caller (the Functions host) is still sending makes it see a broken pipe,
        // not the problem details.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = DrainLimit;
        }
        if (request.ContentLength > DrainLimit)
        {
            return new BodyRead { Rejected = ApiProblems.TooLarge(MaxBytes) };
        }
        if (!request.HasJsonContentType())
        {
            // The same for a body that is not JSON: the 415 waits until the body has arrived (found by fuzzing a 1 MiB text body).
            await DrainAsync(request.BodyReader, cancellationToken);
            return new BodyRead { Rejected = ApiProblems.NotJson(request.ContentType) };
        }
        var reader = request.BodyReader;
        ReadResult read;
        var tooLarge = request.ContentLength > MaxBytes;
        try
        {
            while (true)
            {
                read = await reader.ReadAsync(cancellationToken);
                tooLarge |= read.Buffer.Length > MaxBytes;
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
                // Under the limit: keep buffering in the pipe. Over it: discard what came and read on.
                reader.AdvanceTo(tooLarge ? read.Buffer.End : read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past DrainLimit (a chunked body has no Content-Length to check first): Kestrel stops it.
            return new BodyRead { Rejected = ApiProblems.TooLarge(MaxBytes) };
        }
        if (tooLarge)
        {
            reader.AdvanceTo(read.Buffer.End);
            return new BodyRead { Rejected = ApiProblems.TooLarge(MaxBytes) };
        }
        // One copy out of the pipe: the document keeps reading the bytes it was parsed from.
        var bytes = read.Buffer.ToArray();
        reader.AdvanceTo(read.Buffer.End);
        if (bytes.Length == 0)
        {
            return Empty(required);
        }
        try
        {
            return new BodyRead { Document = JsonDocuments.Parse(bytes, ApiProblems.Body) };
        }
        catch (DomainValidationException ex)
        {
            return new BodyRead { Invalid = ApiProblems.Invalid(ex.Errors) };
        }
    }

    private static async Task DrainAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Past DrainLimit: Kestrel stops reading, and the 415 still goes out.
        }
    }

    private static BodyRead Empty(bool required) =>
        required ? new BodyRead { Invalid = ApiProblems.Invalid(ApiProblems.Body, "is required: send a JSON object") } : new BodyRead();
}

/// <summary>A body bound to its request DTO, or the problem that answers the request instead.</summary>
internal sealed record BoundBody<T>(T? Value, IResult? Problem);

/// <summary>A body read: a document, a 400, a 413/415, or nothing (an optional body that was empty).</summary>
internal sealed class BodyRead : IDisposable
{
    public JsonDocument? Document { get; init; }

    public ValidationProblem? Invalid { get; init; }

    public ProblemHttpResult? Rejected { get; init; }

    public void Dispose() => Document?.Dispose();
}
