using System;
using System.Buffers;
using System.Text.Json;

namespace OneAuth.Validation;

/// <summary>
/// Remembers the member names of the JSON objects being read so a repeated name is caught. Names are compared
/// after unescaping, so <c>"a\u006cg"</c> repeats <c>"alg"</c>. Each object is a frame: names are compared only
/// with the names of the same object, and a frame is dropped when its object ends.
/// </summary>
internal ref struct MemberNames
{
    private readonly ReadOnlySpan<byte> _source;
    private Span<int> _entries;          // (start, length) pairs; start < 0 means ~start into the scratch buffer
    private int[]? _rentedEntries;
    private byte[]? _scratch;            // unescaped copies of escaped names
    private int _scratchUsed;
    private int _count;

    public MemberNames(ReadOnlySpan<byte> source, Span<int> entries)
    {
        _source = source;
        _entries = entries;
        _rentedEntries = null;
        _scratch = null;
        _scratchUsed = 0;
        _count = 0;
    }

    /// <summary>Where the current object's names start; pass it to <see cref="TryAdd"/> and <see cref="EndFrame"/>.</summary>
    public int BeginFrame() => _count;

    /// <summary>Forgets the names of an object that has ended.</summary>
    public void EndFrame(int frame) => _count = frame;

    /// <summary>
    /// Adds the property name under <paramref name="reader"/> to the frame starting at <paramref name="frame"/>.
    /// Returns false when the frame already holds that name; <paramref name="name"/> is the unescaped name.
    /// </summary>
    public bool TryAdd(ref Utf8JsonReader reader, int frame, out ReadOnlySpan<byte> name)
    {
        int start;
        int length;
        if (!reader.ValueIsEscaped)
        {
            length = reader.ValueSpan.Length;
            start = checked((int)reader.TokenStartIndex + 1); // past the opening quote
            name = _source.Slice(start, length);
        }
        else
        {
            int max = reader.ValueSpan.Length; // unescaping never makes a name longer
            if (_scratch is null)
                _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(_source.Length, 64));

            length = reader.CopyString(_scratch.AsSpan(_scratchUsed, max));
            name = _scratch.AsSpan(_scratchUsed, length);
            start = ~_scratchUsed;
            _scratchUsed += length;
        }

        for (int i = frame; i < _count; i++)
        {
            if (Get(i).SequenceEqual(name))
                return false;
        }

        if ((_count + 1) * 2 > _entries.Length)
            Grow();

        _entries[_count * 2] = start;
        _entries[_count * 2 + 1] = length;
        _count++;
        return true;
    }

    private ReadOnlySpan<byte> Get(int index)
    {
        int start = _entries[index * 2];
        int length = _entries[index * 2 + 1];
        return start >= 0 ? _source.Slice(start, length) : _scratch.AsSpan(~start, length);
    }

    private void Grow()
    {
        int[] bigger = ArrayPool<int>.Shared.Rent(Math.Max(_entries.Length * 2, 32));
        _entries.Slice(0, _count * 2).CopyTo(bigger);
        if (_rentedEntries is not null)
            ArrayPool<int>.Shared.Return(_rentedEntries);

        _rentedEntries = bigger;
        _entries = bigger;
    }

    /// <summary>Returns pooled buffers.</summary>
    public void Dispose()
    {
        if (_rentedEntries is not null)
        {
            ArrayPool<int>.Shared.Return(_rentedEntries);
            _rentedEntries = null;
        }

        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }
    }
}
