package org.planningengine.command;

import org.planningengine.events.cycle.CycleStatus;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Checks that several commands share. */
public final class Rules {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Rules() {
    }

    public static void requireSlug(String field, String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new RuleViolated(field, field + " must be a slug: lower-case letters, digits and '-', starting "
                                          + "with a letter or digit, at most 64 characters (was " + quoted(value) + ")");
        }
    }

    /** Titles, names, metrics, units, bucket names (docs/http-api.md lists each limit). */
    public static final int MAX_NAME = 200;
    /** Reasons and comments. */
    public static final int MAX_REASON = 2_000;
    /** Descriptions. */
    public static final int MAX_LONG_TEXT = 10_000;

    /** Text that must be given: not blank, valid ({@link #requireValidText}), at most {@code maxLength} stripped. */
    public static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new RuleViolated(field, field + " is required");
        }
        optionalText(field, value, maxLength);
    }

    /** Text that may be missing or blank (then there is none); when there is some, as {@link #requireText}. */
    public static void optionalText(String field, String value, int maxLength) {
        requireValidText(field, value);
        if (value != null && value.strip().length() > maxLength) {
            throw new RuleViolated(field, field + " may be at most " + maxLength + " characters (was "
                                          + value.strip().length() + ")");
        }
    }

    /**
     * Text is valid Unicode that shows: no NUL nor other control character but tab, line feed and carriage return,
     * no lone surrogate (which no encoding can store). A null is no text and passes.
     */
    public static void requireValidText(String field, String value) {
        String problem = textProblem(value);
        if (problem != null) {
            throw new RuleViolated(field, field + " " + problem);
        }
    }

    /** What is wrong with the text ("contains …"), or null when nothing is; the JSON reader asks it too. */
    public static String textProblem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone surrogate (U+%04X) at character %d; text must be valid Unicode"
                        .formatted((int) c, i + 1);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "contains the control character U+%04X at character %d; only tab, line feed and carriage "
                       .formatted((int) c, i + 1) + "return are allowed";
            }
        }
        return null;
    }

    /** A number that must be given, no finer than the decimals a person can mean (which keeps arithmetic bounded). */
    public static BigDecimal requireDecimal(String field, BigDecimal value, int maxDecimals) {
        if (value == null) {
            throw new RuleViolated(field, field + " is required");
        }
        if (value.stripTrailingZeros().scale() > maxDecimals) {
            throw new RuleViolated(field, field + " may have at most " + maxDecimals + " decimals (was " + value
                                          + ")");
        }
        return value;
    }

    /** The cycle, which must exist and be neither closed nor archived: one that takes new work. */
    public static PlanRegistry.CycleFacts requireOpenCycle(String field, String cycleId, PlanRegistry registry) {
        PlanRegistry.CycleFacts cycle = registry.cycle(cycleId).orElseThrow(
                () -> new UnknownReference(field, "cycle " + cycleId + " does not exist"));
        if (cycle.status() == CycleStatus.CLOSED) {
            throw new StateConflict("cycle " + cycleId + " is CLOSED");
        }
        if (cycle.archived()) {
            throw new StateConflict(takesNoNewWork("cycle " + cycleId));
        }
        return cycle;
    }

    /** The team, which must be registered and not archived: one that takes new work. */
    public static void requireWorkingTeam(String field, String teamId, PlanRegistry registry) {
        PlanRegistry.TeamFacts team = registry.team(teamId).orElseThrow(
                () -> new UnknownReference(field, "team " + teamId + " does not exist"));
        if (team.archived()) {
            throw new StateConflict(takesNoNewWork("team " + teamId));
        }
    }

    /** An archived item ({@code what}: "initiative checkout") takes no write but its restore. */
    public static void requireUnarchived(boolean archived, String what) {
        if (archived) {
            throw new StateConflict(what + " is archived; restore it first");
        }
    }

    private static String takesNoNewWork(String what) {
        return what + " is archived; it takes no new work (restore it first)";
    }

    /**
     * The cycle {@code toCycleId} (already found open as {@code to}) must start after {@code fromCycleId}, where
     * {@code what} is moving from: the plan runs forward in time, never to a cycle that started before or with it.
     */
    public static void requireStartsLater(String field, String fromCycleId, String toCycleId,
                                          PlanRegistry.CycleFacts to, PlanRegistry registry, String what) {
        PlanRegistry.CycleFacts from = registry.cycle(fromCycleId).orElseThrow(
                () -> new IllegalStateException("cycle " + fromCycleId + " of " + what + " has no events"));
        if (!to.startDate().isAfter(from.startDate())) {
            throw new RuleViolated(field, "cycle " + toCycleId + " starts on " + to.startDate() + ", not after cycle "
                                          + fromCycleId + " of " + what + " (which starts on " + from.startDate()
                                          + "); it can only go to a cycle that starts later");
        }
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
