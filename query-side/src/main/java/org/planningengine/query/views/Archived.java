package org.planningengine.query.views;

import org.bson.Document;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which items a list shows by their archived flag, the field {@value #FIELD} of their documents: the query parameter
 * {@value #PARAMETER} takes {@code exclude} (the default: archived items are hidden), {@code include} or
 * {@code only}. A single item's read shows it whatever it is.
 */
public enum Archived {
    EXCLUDE,
    INCLUDE,
    ONLY;

    public static final String PARAMETER = "archived";
    /** The flag in the views' documents; a document without it (built before archiving was) is not archived. */
    public static final String FIELD = "archived";

    /** The parameter's value; {@link #EXCLUDE} when there is none, a {@code 400} for one that names nothing. */
    public static Archived parse(String value) {
        if (value == null || value.isBlank()) {
            return EXCLUDE;
        }
        return Arrays.stream(values()).filter(filter -> filter.word().equals(value.strip())).findFirst().orElseThrow(
                () -> new BadQuery(PARAMETER, PARAMETER + " must be one of "
                                              + Arrays.stream(values()).map(Archived::word)
                                                      .collect(Collectors.joining(", "))
                                              + " (was " + value + ")"));
    }

    public static boolean of(Document document) {
        return document.getBoolean(FIELD, false);
    }

    /** Whether a list read with this filter shows the item, archived or not. */
    public boolean shows(boolean archived) {
        return switch (this) {
            case EXCLUDE -> !archived;
            case INCLUDE -> true;
            case ONLY -> archived;
        };
    }

    public boolean shows(Document document) {
        return shows(of(document));
    }

    /** As the parameter writes it: {@code exclude}, {@code include}, {@code only}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
