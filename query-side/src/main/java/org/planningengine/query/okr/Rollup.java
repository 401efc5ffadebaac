package org.planningengine.query.okr;

import org.bson.Document;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.RollupMode;
import org.planningengine.query.okr.ObjectiveView.KeyResult;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an objective's progress rolls up its parts, as its document keeps it: its own key results and the objectives
 * aligned under it, each counted with its weight (1 under {@code MEAN}; the weight given, else 1, under
 * {@code WEIGHTED}). The progress is the weighted mean of the parts that have one: every key result, and each objective
 * under it that is not retired and has a progress of its own; null when no part has one.
 */
public record Rollup(RollupMode mode, Map<String, BigDecimal> keyResultWeights, Map<String, BigDecimal> childWeights) {

    /** Every part alike: how an objective rolls up until its owner says otherwise. */
    public static final Rollup MEAN = new Rollup(RollupMode.MEAN, Map.of(), Map.of());

    private static final int DECIMALS = 4;

    static Rollup of(ObjectiveRollupSet event) {
        return new Rollup(event.mode(), event.keyResultWeights(), event.childWeights());
    }

    /** The roll-up an objective's document keeps (one kept before roll-ups were: {@code MEAN}). */
    public static Rollup of(Document objective) {
        Document rollup = objective.get("rollup", Document.class);
        if (rollup == null) {
            return MEAN;
        }
        return new Rollup(RollupMode.valueOf(rollup.getString("mode")),
                          weights(rollup.get("keyResultWeights", Document.class)),
                          weights(rollup.get("childWeights", Document.class)));
    }

    /** The weight of the objective's key result in its progress. */
    public BigDecimal keyResultWeight(String keyResultId) {
        return weight(keyResultWeights, keyResultId);
    }

    /** The weight of an objective aligned under it in its progress. */
    public BigDecimal childWeight(String objectiveId) {
        return weight(childWeights, objectiveId);
    }

    /**
     * The progress of an objective from its key results and the views of the objectives under it, each with the
     * weight the objective gives it, to 4 decimals; null with nothing to measure.
     */
    public static BigDecimal progress(List<KeyResult> keyResults, List<ObjectiveView> children) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (KeyResult keyResult : keyResults) {
            weighted = weighted.add(keyResult.weight().multiply(keyResult.progress()));
            weights = weights.add(keyResult.weight());
        }
        for (ObjectiveView child : children) {
            if (!child.status().equals("RETIRED") && !child.archived() && child.progress() != null) {
                weighted = weighted.add(child.weight().multiply(child.progress()));
                weights = weights.add(child.weight());
            }
        }
        return weights.signum() == 0 ? null : weighted.divide(weights, MathContext.DECIMAL64)
                                                      .setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** As the objective's document keeps it: the mode, and the weights as given (decimals as text). */
    Document document() {
        return new Document("mode", mode.name()).append("keyResultWeights", document(keyResultWeights))
                                                .append("childWeights", document(childWeights));
    }

    private BigDecimal weight(Map<String, BigDecimal> weights, String id) {
        return mode == RollupMode.WEIGHTED ? weights.getOrDefault(id, BigDecimal.ONE) : BigDecimal.ONE;
    }

    private static Document document(Map<String, BigDecimal> weights) {
        Document document = new Document();
        new TreeMap<>(weights).forEach((id, weight) -> document.append(id, weight.toPlainString()));
        return document;
    }

    private static Map<String, BigDecimal> weights(Document weights) {
        Map<String, BigDecimal> read = new TreeMap<>();
        if (weights != null) {
            weights.forEach((id, weight) -> read.put(id, new BigDecimal((String) weight)));
        }
        return read;
    }
}
