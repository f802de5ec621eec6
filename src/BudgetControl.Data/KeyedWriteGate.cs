namespace BudgetControl.Data;

/// <summary>
/// Writers of this process queued per key: a writer waits here (asynchronously, first come first served, no thread
/// blocked) until fewer than <c>perKey</c> writers of the same key are in, so at most that many of them at a time send
/// the statements that lock that key's rows. The queue of a key exists only while someone holds or awaits it, so keys that are no
/// longer written leave nothing behind. It orders this process's writers only: the database's own locks stay the
/// guard of correctness across processes. Used for SQLite's one writer (<see cref="SqliteWriteGate"/>, one key) and
/// for each wallet's ledger statements on PostgreSQL (<see cref="DatabaseOptions.WalletWriters"/>); in both, writers that
/// can share one command also wait as a group (<see cref="JoinAsync{T}"/>: group commit).
/// </summary>
public sealed class KeyedWriteGate(int perKey = 1)
{
    private readonly Dictionary<int, Slot> _slots = [];

    /// <summary>Writers of one key let in at once.</summary>
    public int PerKey { get; } = perKey > 0 ? perKey : throw new ArgumentOutOfRangeException(nameof(perKey), perKey, "At least one writer per key.");

    /// <summary>
    /// The most writers that wait together for one turn as a group (<see cref="JoinAsync{T}"/>); 1: no groups
    /// (<c>Database:GroupCommit</c>).
    /// </summary>
    public int GroupLimit { get; init; } = 1;

    /// <summary>
    /// False when only groups wait here (<c>Database:GroupCommit</c> without <c>Database:WalletWriters</c>): the entries'
    /// other writers then go to the rows' locks without a turn.
    /// </summary>
    public bool QueuesEveryWriter { get; init; } = true;

    /// <summary>
    /// How long a group waits for its turn (<see cref="JoinAsync{T}"/>) before it goes without it (infinite by default; SQLite's
    /// file: <c>Database:SqliteWriteWait</c>, the bound its single writers wait with too).
    /// </summary>
    public TimeSpan MaxWait { get; init; } = Timeout.InfiniteTimeSpan;

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
    public void Exit(int key) => Leave(key, release: true);

    private void Leave(int key, bool release)
    {
        Slot? slot;
        lock (_slots)
        {
            slot = _slots[key];
        }
        Leave(key, slot, release);
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

    /// <summary>
    /// Group commit: <paramref name="member"/> waits for the turn of <paramref name="key"/> together with the other members
    /// that join while the group waits (at most <see cref="GroupLimit"/>), and the group goes in on one turn. The writer
    /// that opened the group (its leader) gets it back once the group has the turn: it holds the turn until it disposes
    /// the group, and must carry every member (<see cref="Group{T}.Members"/>) and answer each. Every other member gets
    /// null at once and waits for the leader's answer by its own means; one that gives up before the group has the turn
    /// calls <see cref="Withdraw{T}"/>. A leader that gives up while waiting leaves alone if nobody joined it; otherwise
    /// it drops its own member and goes on waiting for the others, without a cancellation token, so they are not lost.
    /// A group that has waited <see cref="MaxWait"/> stops waiting: its leader gets it back without the turn
    /// (<see cref="Group{T}.HasTurn"/> false) and carries it all the same, as a single writer that gave up waiting writes
    /// without the turn (SQLite: its own busy handling is the last wait).
    /// </summary>
    public async ValueTask<Group<T>?> JoinAsync<T>(int key, T member, CancellationToken cancellationToken)
        where T : class
    {
        Slot slot;
        Group<T> group;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot!))
            {
                _slots[key] = slot = new Slot(PerKey);
            }
            slot.Users++;
            if (slot.Open is Group<T> open && open.Joined.Count < GroupLimit)
            {
                open.Joined.Add(member);
                return null;
            }
            group = new Group<T>(this, key);
            group.Joined.Add(member);
            slot.Open = group;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan Left() => MaxWait == Timeout.InfiniteTimeSpan ? MaxWait
            : TimeSpan.FromTicks(Math.Max(0, (MaxWait - System.Diagnostics.Stopwatch.GetElapsedTime(started)).Ticks));
        bool entered;
        try
        {
            entered = await slot.Turn.WaitAsync(Left(), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            bool alone;
            lock (_slots)
            {
                alone = group.Joined.Count == 1;
                group.Joined.Remove(member);
                if (alone && slot.Open == group)
                {
                    slot.Open = null;
                }
            }
            if (alone)
            {
                Leave(key, slot, release: false);
                throw;
            }
            // Others joined this writer's group: it still takes the turn for them (within the same bound).
            entered = await slot.Turn.WaitAsync(Left(), CancellationToken.None);
        }
        lock (_slots)
        {
            if (slot.Open == group)
            {
                slot.Open = null;
            }
            group.Close(entered);
            // The members now wait for the leader, who holds the key for all of them.
            slot.Users -= group.Members.Count - (group.Members.Contains(member) ? 1 : 0);
        }
        return group;
    }

    /// <summary>
    /// A member of a group (<see cref="JoinAsync{T}"/>) that gives up: true when it left the group before the group had
    /// the turn (it will not be carried); false when its leader already carries it.
    /// </summary>
    public bool Withdraw<T>(int key, T member)
        where T : class
    {
        Slot? slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot) || slot.Open is not Group<T> open || !open.Joined.Remove(member))
            {
                return false;
            }
        }
        Leave(key, slot, release: false);
        return true;
    }

    /// <summary>Members of the group of <paramref name="key"/> that waits for the turn now (<see cref="JoinAsync{T}"/>).</summary>
    internal int Joined<T>(int key)
        where T : class
    {
        lock (_slots)
        {
            return _slots.TryGetValue(key, out var slot) && slot.Open is Group<T> open ? open.Joined.Count : 0;
        }
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

    /// <summary>
    /// Writers of one key that went in on one turn (<see cref="JoinAsync{T}"/>); its leader holds the turn until it disposes it.
    /// </summary>
    public sealed class Group<T> : IDisposable
        where T : class
    {
        private readonly KeyedWriteGate _gate;
        private readonly int _key;
        private T[]? _members;
        private bool _disposed;

        internal Group(KeyedWriteGate gate, int key) => (_gate, _key) = (gate, key);

        /// <summary>The members while the group waits; guarded by the gate's lock.</summary>
        internal List<T> Joined { get; } = [];

        /// <summary>The members to carry, in the order they joined (without a leader that gave up while waiting).</summary>
        public IReadOnlyList<T> Members => _members ?? throw new InvalidOperationException("The group has no turn yet.");

        /// <summary>False when the group stopped waiting after <see cref="MaxWait"/>: it is carried without the turn.</summary>
        public bool HasTurn { get; private set; }

        internal void Close(bool hasTurn)
        {
            _members = [.. Joined];
            HasTurn = hasTurn;
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _gate.Leave(_key, release: HasTurn);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
    private sealed class Slot(int perKey)
    {
        public SemaphoreSlim Turn { get; } = new(perKey, perKey);

        /// <summary>Writers holding or awaiting this key; guarded by the gate's lock.</summary>
        public int Users { get; set; }

        /// <summary>The group that waits for this key's turn and may still be joined (<see cref="JoinAsync{T}"/>); guarded by the gate's lock.</summary>
        public object? Open { get; set; }
    }
}
