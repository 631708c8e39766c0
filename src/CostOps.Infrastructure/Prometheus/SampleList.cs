using System.Collections;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// A series' samples, in chunks small enough to stay off the large object heap (85,000 bytes). A week at a one-minute
/// step is 10,000 samples a series: 240 KB as one array, which only a full (gen 2) collection frees, and the nightly job
/// reads some 8,000 such series. Chunks of 2,048 samples (48 KB) die young with the rest of a query's garbage.
/// </summary>
internal sealed class SampleList : IReadOnlyList<PrometheusSample>
{
    private const int ChunkShift = 11;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<PrometheusSample[]> _chunks = [];

    public int Count { get; private set; }

    public PrometheusSample this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    public void Add(PrometheusSample sample)
    {
        var slot = Count & ChunkMask;
        if (Count < ChunkSize)
        {
            // The first chunk grows as a list would, so a short series does not hold a whole chunk.
            if (_chunks.Count == 0 || slot == _chunks[0].Length)
            {
                var grown = new PrometheusSample[Math.Min(ChunkSize, Math.Max(16, Count * 2))];
                if (_chunks.Count == 0)
                {
                    _chunks.Add(grown);
                }
                else
                {
                    _chunks[0].AsSpan().CopyTo(grown);
                    _chunks[0] = grown;
                }
            }
        }
        else if (slot == 0)
        {
            _chunks.Add(new PrometheusSample[ChunkSize]);
        }
        _chunks[^1][slot] = sample;
        Count++;
    }

    public IEnumerator<PrometheusSample> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _chunks[i >> ChunkShift][i & ChunkMask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
