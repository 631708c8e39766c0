using System.Buffers;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Buffers the body of a message that opted out of Azure.Core's own buffering (<see cref="HttpMessage.BufferResponse"/>
/// false) into pooled memory, inside the retry loop so that a body cut off midway is retried like any transport
/// failure. Azure.Core copies every body into a <see cref="MemoryStream"/> that grows by doubling: for a
/// one-megabyte answer that is two megabytes of large-object-heap garbage, and the nightly job reads some 2,000 such
/// Prometheus answers. The pooled buffer goes back to the pool when the body stream is disposed: the caller must
/// dispose <see cref="Response.ContentStream"/> once it has read the body (Azure.Core never disposes a
/// <see cref="MemoryStream"/> body, so disposing the message is not enough), and must not use the bytes after that.
/// </summary>
public sealed class PooledResponseBufferPolicy : HttpPipelinePolicy
{
    public static PooledResponseBufferPolicy Instance { get; } = new();

    /// <summary>Marks a message whose successful body its caller streams: only a non-2xx body is buffered.</summary>
    public static void StreamSuccessfulBody(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.BufferResponse = false;
        message.SetProperty(typeof(StreamedSuccess), true);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        // The adapters are async only; a sync caller still gets the same behaviour.
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (message.BufferResponse || !message.HasResponse || message.Response.ContentStream is not { CanSeek: false } network)
        {
            return;
        }
        if (message.Response.Status is >= 200 and < 300 && message.TryGetProperty(typeof(StreamedSuccess), out _))
        {
            // The caller reads this answer as it arrives (a fleet's Prometheus answer runs to gigabytes); error
            // bodies are small and still buffered, so their detail can be read.
            return;
        }
        var sizeHint = message.Response.Headers.ContentLength is { } length and > 0 and < int.MaxValue ? (int)length : 0;
        using (network)
        {
            message.Response.ContentStream = await PooledMemoryStream.ReadAsync(network, sizeHint, message.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A read-only <see cref="MemoryStream"/> over a rented array, returned to the pool on dispose.</summary>
    private sealed class PooledMemoryStream : MemoryStream
    {
        private const int FirstRead = 64 * 1024;
        private byte[]? _rented;

        private PooledMemoryStream(byte[] rented, int length)
            // Publicly visible, so Response.Content can hand out the bytes without copying them.
            : base(rented, 0, length, writable: false, publiclyVisible: true) => _rented = rented;

        public static async Task<PooledMemoryStream> ReadAsync(Stream source, int sizeHint, CancellationToken cancellationToken)
        {
            // One byte more than announced, so a body that matches its Content-Length ends without growing.
            var buffer = ArrayPool<byte>.Shared.Rent(sizeHint > 0 ? sizeHint + 1 : FirstRead);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new PooledMemoryStream(buffer, length);
                    }
                    length += read;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _rented, null) is { } rented)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The property key of <see cref="StreamSuccessfulBody"/>.</summary>
    private sealed class StreamedSuccess;
}
