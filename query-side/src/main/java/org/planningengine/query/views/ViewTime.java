package org.planningengine.query.views;

import org.bson.Document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

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

    /**
     * The latest {@code lastEventAt} of the view documents an answer shows (sets of ids are not among them): the
     * same whether the answer is of now or of a past instant. Null when there are none.
     */
    @SafeVarargs
    public static Instant lastEventAt(Collection<Document>... documents) {
        return Arrays.stream(documents).flatMap(Collection::stream)
                     .map(document -> document.getString(AggregateViews.LAST_EVENT_AT)).filter(Objects::nonNull)
                     .max(Comparator.naturalOrder()).map(ViewTime::parse).orElse(null);
    }
}
