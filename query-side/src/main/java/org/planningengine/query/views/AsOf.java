package org.planningengine.query.views;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code asOf} of a read: an instant in the past, or none for the views as they are now. */
public final class AsOf {

    public static final String PARAMETER = "asOf";

    private AsOf() {
    }

    /** The instant asked for, or null for now; one in the future is refused, as the views cannot know it. */
    public static Instant parse(String value) {
        return value == null || value.isBlank() ? null : parse(value, PARAMETER);
    }

    /** An instant in a parameter of its own name (a diff's {@code from} and {@code to}). */
    public static Instant parse(String value, String parameter) {
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException notAnInstant) {
            throw new BadQuery(parameter, parameter + " must be an instant such as 2027-05-01T09:30:00Z (was '"
                                          + value + "')");
        }
        if (instant.isAfter(Instant.now())) {
            throw new ViewOutOfRange(parameter, parameter + " " + instant + " is in the future");
        }
        return instant;
    }
}
