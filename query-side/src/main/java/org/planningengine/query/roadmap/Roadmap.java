package org.planningengine.query.roadmap;

import org.bson.Document;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.query.roadmap.RoadmapItem.DependencyRisk;
import org.planningengine.query.roadmap.RoadmapItem.KeyResultLink;
import org.planningengine.query.roadmap.RoadmapItem.Rice;
import org.planningengine.query.views.Archived;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks a cycle's initiatives and names their dependency risks, from the view documents alone.
 * <p>
 * Rank: by exact RICE score, highest first, unscored after every scored one, ties by title (then id, so that the
 * order is total). Dropped initiatives no longer compete for capacity: they are listed after the ranked ones, by
 * title, with no rank; archived ones (whatever their status) after those, by title, with no rank either.
 * <p>
 * A dependency is a risk to an initiative that is neither done nor dropped when it is dropped, when it is archived
 * without being done, when it is in a cycle that starts later (deferred there or planned there), or when it is not
 * committed while the initiative is.
 */
public final class Roadmap {

    private static final Comparator<Document> TITLE_ORDER = Roadmap::titleOrder;
    private static final Comparator<Document> BY_PRIORITY =
            Comparator.comparing(Roadmap::exactScore, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
                      .thenComparing(TITLE_ORDER);

    private Roadmap() {
    }

    /**
     * @param initiatives  the documents of the initiatives on the roadmap
     * @param dependencies the documents of every initiative they depend on
     * @param cycles       the documents of this cycle and of every cycle those dependencies are in
     * @param allocations  person-weeks allocated to the initiatives in this cycle
     */
    public static List<RoadmapItem> rank(String cycleId, List<Document> initiatives, Map<String, Document> dependencies,
                                  Map<String, Document> cycles, Map<String, BigDecimal> allocations) {
        List<Document> ranked = initiatives.stream().filter(doc -> !isDropped(doc) && !Archived.of(doc))
                                           .sorted(BY_PRIORITY).toList();
        List<Document> dropped = initiatives.stream().filter(doc -> isDropped(doc) && !Archived.of(doc))
                                            .sorted(TITLE_ORDER).toList();
        List<Document> archived = initiatives.stream().filter(Archived::of).sorted(TITLE_ORDER).toList();
        String startDate = Optional.ofNullable(cycles.get(cycleId)).map(c -> c.getString("startDate")).orElse("");
        List<RoadmapItem> items = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            items.add(item(i + 1, ranked.get(i), allocations, risks(ranked.get(i), startDate, dependencies, cycles)));
        }
        dropped.forEach(doc -> items.add(item(null, doc, allocations, List.of())));
        archived.forEach(doc -> items.add(item(null, doc, allocations, List.of())));
        return items;
    }

    private static RoadmapItem item(Integer rank, Document doc, Map<String, BigDecimal> allocations,
                                    List<DependencyRisk> risks) {
        return new RoadmapItem(rank, doc.getString("_id"), doc.getString("title"), doc.getString("teamId"),
                               doc.getString("category"), doc.getString("status"), Archived.of(doc), rice(doc),
                               allocations.getOrDefault(doc.getString("_id"), BigDecimal.ZERO), keyResults(doc),
                               risks);
    }

    private static List<DependencyRisk> risks(Document initiative, String cycleStart,
                                              Map<String, Document> dependencies, Map<String, Document> cycles) {
        InitiativeStatus status = status(initiative);
        if (status == InitiativeStatus.DONE) {
            return List.of();
        }
        boolean committed = status == InitiativeStatus.COMMITTED || status == InitiativeStatus.IN_PROGRESS;
        List<DependencyRisk> risks = new ArrayList<>();
        for (String dependsOn : initiative.getList("dependsOn", String.class, List.of())) {
            Document dependency = dependencies.get(dependsOn);
            if (dependency == null) {
                continue;
            }
            String theirCycle = dependency.getString("cycleId");
            String theirStart = Optional.ofNullable(cycles.get(theirCycle)).map(c -> c.getString("startDate"))
                                        .orElse("");
            if (status(dependency) == InitiativeStatus.DROPPED) {
                risks.add(new DependencyRisk(dependsOn, "dropped"));
            } else if (Archived.of(dependency) && status(dependency) != InitiativeStatus.DONE) {
                risks.add(new DependencyRisk(dependsOn, "archived"));
            } else if (theirStart.compareTo(cycleStart) > 0) {
                risks.add(new DependencyRisk(dependsOn, (dependency.getString("deferredFrom") != null
                                                         ? "deferred to a later cycle: "
                                                         : "planned in a later cycle: ") + theirCycle));
            } else if (committed && status(dependency) == InitiativeStatus.PROPOSED) {
                risks.add(new DependencyRisk(dependsOn, "not committed"));
            }
        }
        return risks;
    }

    private static Rice rice(Document doc) {
        Document rice = doc.get("rice", Document.class);
        if (rice == null) {
            return null;
        }
        return new Rice(new BigDecimal(rice.getString("reach")), new BigDecimal(rice.getString("impact")),
                        new BigDecimal(rice.getString("confidence")), new BigDecimal(rice.getString("effort")),
                        exactScore(doc).setScale(2, RoundingMode.HALF_UP));
    }

    private static List<KeyResultLink> keyResults(Document doc) {
        return doc.getList("keyResults", Document.class, List.of()).stream()
                  .map(link -> new KeyResultLink(link.getString("objectiveId"), link.getString("keyResultId")))
                  .toList();
    }

    private static BigDecimal exactScore(Document doc) {
        String score = doc.getString("score");
        return score == null ? null : new BigDecimal(score);
    }

    private static int titleOrder(Document one, Document other) {
        int byTitle = String.CASE_INSENSITIVE_ORDER.compare(one.getString("title"), other.getString("title"));
        return byTitle != 0 ? byTitle : one.getString("_id").compareTo(other.getString("_id"));
    }

    private static InitiativeStatus status(Document doc) {
        return InitiativeStatus.valueOf(doc.getString("status"));
    }

    private static boolean isDropped(Document doc) {
        return status(doc) == InitiativeStatus.DROPPED;
    }
}
