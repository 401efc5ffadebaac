package org.planningengine.query.views;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as views store them: fixed-width text to the nanosecond, so that they keep an event's exact time and
 * compare (and {@code $max}) as text in the order they compare as instants.
 */
public final class ViewTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private ViewTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static Instant parse(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /** The later of two stored instants, either of which may be missing. */
    public static String later(String one, String other) {
        if (one == null) {
            return other;
        }
        return other == null || one.compareTo(other) >= 0 ? one : other;
    }
}
