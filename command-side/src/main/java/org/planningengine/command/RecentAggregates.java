package org.planningengine.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.planningengine.eventlog.MongoEventLog;

/**
 * The aggregates this engine handled last, so that the next command on one of them does not read its snapshot and
 * events again. Held strongly and bounded by count, the least recently used out first: Axon's
 * {@code WeakReferenceCache} loses an entry at the next garbage collection, as nothing else holds an aggregate
 * between commands.
 * <p>
 * A cached aggregate may be behind the log when another engine appended to it. What it then decides is never
 * kept: a decision appends at a sequence the other engine took, which the log's unique key refuses, and a refusal
 * rolls back; either way Axon's repository evicts the aggregate and {@code CommandSender} decides the command again
 * from the log (decision record 0020).
 * <p>
 * A command on a scenario's branch of the log neither reads nor changes what is held: the aggregates held are the
 * plan's, and the branch's are loaded from the branch each time.
 */
public final class RecentAggregates implements Cache {

    private final Map<Object, Object> entries;

    public RecentAggregates(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return onBranch() ? null : (V) entries.get(key);
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (!onBranch()) {
            entries.put(key, value);
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        return !onBranch() && entries.putIfAbsent(key, value) == null;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return !onBranch() && entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return !onBranch() && entries.containsKey(key);
    }

    private static boolean onBranch() {
        return MongoEventLog.currentBranch().isPresent();
    }

    /** The event-sourcing repositories register none; a listener here would never be told anything. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("RecentAggregates tells no listeners");
    }
}
