package org.planningengine.query.views;

import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;

/**
 * The version of an item a view shows: the sequence number of the last event of its aggregate the view applied, the
 * number a write answers as {@code version} and takes back in {@code If-Match}. A read of one item answers it as
 * a strong entity tag, {@code ETag: "3"}. It names the item's version, not every figure of the answer (a rank
 * depends on the other initiatives), so reads answer no {@code 304} on it.
 */
public final class ItemVersion {

    public static final String HEADER = "ETag";

    private ItemVersion() {
    }

    /** The version of the aggregate the document shows (as of the instant it was read at). */
    public static long of(Document item) {
        return item.get(AggregateViews.SEQUENCE, Number.class).longValue();
    }

    /**
     * Answers the item's version as the read's {@code ETag}. Set on the response itself, not through a response
     * entity, which would have Spring answer {@code 304} to an {@code If-None-Match} that names it.
     */
    public static void answer(HttpServletResponse response, Document item) {
        response.setHeader(HEADER, "\"" + of(item) + "\"");
    }
}
