namespace BudgetControl.Data;

/// <summary>
/// Writers of this process queued per key: a writer waits here (asynchronously, first come first served, no thread
/// blocked) until fewer than <c>perKey</c> writers of the same key are in, so at most that many of them at a time send
/// the statements that lock that key's rows. The queue of a key exists only while someone holds or awaits it, so keys that are no
/// longer written leave nothing behind. It orders this process's writers only: the database's own locks stay the
/// guard of correctness across processes. Used for SQLite's one writer (<see cref="SqliteWriteGate"/>, one key) and
/// for each wallet's ledger statements on PostgreSQL (<see cref="DatabaseOptions.WalletWriters"/>).
/// </summary>
public sealed class KeyedWriteGate(int perKey = 1)
{
    private readonly Dictionary<int, Slot> _slots = [];

    /// <summary>Writers of one key let in at once.</summary>
    public int PerKey { get; } = perKey > 0 ? perKey : throw new ArgumentOutOfRangeException(nameof(perKey), perKey, "At least one writer per key.");

    /// <summary>
    /// Waits for the turn of <paramref name="key"/>, at most <paramref name="timeout"/> (infinite:
    /// <see cref="Timeout.InfiniteTimeSpan"/>). True: the caller holds the key and must <see cref="Exit"/> it; false: it
    /// timed out and holds nothing. Cancelled: throws and holds nothing.
    /// </summary>
    public async ValueTask<bool> TryEnterAsync(int key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Slot? slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot))
            {
                _slots[key] = slot = new Slot(PerKey);
            }
            slot.Users++;
        }
        var entered = false;
        try
        {
            // SemaphoreSlim hands a release to its oldest asynchronous waiter: first come, first served.
            entered = await slot.Turn.WaitAsync(timeout, cancellationToken);
            return entered;
        }
        finally
        {
            if (!entered)
            {
                Leave(key, slot, release: false);
            }
        }
    }

    /// <summary>Lets the next writer of <paramref name="key"/> in; only for a caller that holds it.</summary>
    public void Exit(int key)
    {
        Slot? slot;
        lock (_slots)
        {
            slot = _slots[key];
        }
        Leave(key, slot, release: true);
    }

    /// <summary>
    /// Waits for the turn of every key in <paramref name="keys"/>, one after another in ascending order (the order the
    /// database locks their rows in, so two writers of the same keys cannot wait for each other); the turn is left when
    /// the returned value is disposed. Cancelled while waiting: throws, and the keys already held are left.
    /// </summary>
    public async ValueTask<Turn> EnterAsync(IEnumerable<int> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct().Order().ToArray();
        var held = 0;
        try
        {
            for (; held < ordered.Length; held++)
            {
                await TryEnterAsync(ordered[held], Timeout.InfiniteTimeSpan, cancellationToken);
            }
        }
        catch
        {
            new Turn(this, ordered[..held]).Dispose();
            throw;
        }
        return new Turn(this, ordered);
    }

    /// <summary>Keys held or awaited now (the gate's whole memory).</summary>
    internal int Keys
    {
        get
        {
            lock (_slots)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Writers holding or awaiting <paramref name="key"/> now.</summary>
    internal int Users(int key)
    {
        lock (_slots)
        {
            return _slots.TryGetValue(key, out var slot) ? slot.Users : 0;
        }
    }

    private void Leave(int key, Slot slot, bool release)
    {
        lock (_slots)
        {
            if (release)
            {
                slot.Turn.Release();
            }
            if (--slot.Users == 0)
            {
                _slots.Remove(key);
            }
        }
    }

    /// <summary>A turn on some keys; disposing it lets each key's next writer in.</summary>
    public readonly struct Turn(KeyedWriteGate? gate, int[] keys) : IDisposable
    {
        public void Dispose()
        {
            if (gate is null)
            {
                return;
            }
            foreach (var key in keys)
            {
                gate.Exit(key);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
    private sealed class Slot(int perKey)
    {
        public SemaphoreSlim Turn { get; } = new(perKey, perKey);

        /// <summary>Writers holding or awaiting this key; guarded by the gate's lock.</summary>
        public int Users { get; set; }
    }
}
