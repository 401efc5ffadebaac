package org.planningengine.query.roadmap;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed on a cycle's roadmap between two instants. Each list is in the order of the later roadmap (those that
 * left, in the order of the earlier one).
 */
public record RoadmapDiff(String cycleId, Instant from, Instant to, List<Entry> entered, List<Entry> left,
                          List<RankChange> rankChanges, List<ScoreChange> scoreChanges,
                          List<StatusChange> statusChanges, List<AllocationChange> allocationChanges) {

    public record Entry(String initiativeId, String title, Integer rank) {
    }

    public record RankChange(String initiativeId, Integer fromRank, Integer toRank) {
    }

    public record ScoreChange(String initiativeId, BigDecimal fromScore, BigDecimal toScore) {
    }

    public record StatusChange(String initiativeId, String fromStatus, String toStatus) {
    }

    public record AllocationChange(String initiativeId, BigDecimal fromPersonWeeks, BigDecimal toPersonWeeks) {
    }

    private interface ChangeOf<T, C> {
        C of(String initiativeId, T from, T to);
    }

    public static RoadmapDiff between(String cycleId, Instant from, Instant to, List<RoadmapItem> before,
                               List<RoadmapItem> after) {
        Map<String, RoadmapItem> then = before.stream().collect(Collectors.toMap(RoadmapItem::initiativeId,
                                                                                  Function.identity()));
        Map<String, RoadmapItem> now = after.stream().collect(Collectors.toMap(RoadmapItem::initiativeId,
                                                                                Function.identity()));
        List<Entry> entered = after.stream().filter(item -> !then.containsKey(item.initiativeId()))
                                   .map(RoadmapDiff::entry).toList();
        List<Entry> left = before.stream().filter(item -> !now.containsKey(item.initiativeId()))
                                 .map(RoadmapDiff::entry).toList();
        List<RoadmapItem> stayed = after.stream().filter(item -> then.containsKey(item.initiativeId())).toList();
        return new RoadmapDiff(cycleId, from, to, entered, left,
                               changes(stayed, then, RoadmapItem::rank, RankChange::new),
                               changes(stayed, then, item -> item.rice() == null ? null : item.rice().score(),
                                       ScoreChange::new),
                               changes(stayed, then, RoadmapItem::status, StatusChange::new),
                               changes(stayed, then, RoadmapItem::allocatedPersonWeeks, AllocationChange::new));
    }

    private static Entry entry(RoadmapItem item) {
        return new Entry(item.initiativeId(), item.title(), item.rank());
    }

    private static <T, C> List<C> changes(List<RoadmapItem> stayed, Map<String, RoadmapItem> then,
                                          Function<RoadmapItem, T> value, ChangeOf<T, C> change) {
        List<C> changes = new ArrayList<>();
        for (RoadmapItem item : stayed) {
            T before = value.apply(then.get(item.initiativeId()));
            T after = value.apply(item);
            boolean same = before instanceof BigDecimal one && after instanceof BigDecimal other
                           ? one.compareTo(other) == 0 : Objects.equals(before, after);
            if (!same) {
                changes.add(change.of(item.initiativeId(), before, after));
            }
        }
        return changes;
    }
}
