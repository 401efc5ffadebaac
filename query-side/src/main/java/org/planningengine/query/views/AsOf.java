package org.planningengine.query.views;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The {@code asOf} of a read: an instant in the past, or none for the views as they are now. */
public final class AsOf {

    public static final String PARAMETER = "asOf";
    private static final Pattern UNENCODED_PLUS = Pattern.compile("(T[0-9:.]+) ([0-9]{2}:[0-9]{2})$");

    private AsOf() {
    }

    /**
     * The instant asked for, or null for now; one in the future is refused, as the views cannot know it. In a
     * scenario every read is of an instant, now when none is asked for: its sets are read by their members' own
     * documents then ({@link ViewSets}).
     */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return ViewScope.current().isPresent() ? Instant.now() : null;
        }
        return parse(value, PARAMETER);
    }

    /**
     * An instant in a parameter of its own name (a diff's {@code from} and {@code to}): in UTC ({@code Z}) or with
     * an offset, the same instant either way. A {@code +} of an offset sent unencoded arrives as a space (a query
     * string's {@code +} is one), and is read as the {@code +} it was.
     */
    public static Instant parse(String value, String parameter) {
        Instant instant;
        try {
            instant = Instant.parse(UNENCODED_PLUS.matcher(value.strip()).replaceFirst("$1+$2"));
        } catch (DateTimeParseException notAnInstant) {
            throw new BadQuery(parameter, parameter + " must be an instant such as 2027-05-01T09:30:00Z or "
                                          + "2027-05-01T11:30:00+02:00 (was '" + value + "')");
        }
        if (instant.isAfter(Instant.now())) {
            throw new ViewOutOfRange(parameter, parameter + " " + instant + " is in the future");
        }
        return instant;
    }
}
