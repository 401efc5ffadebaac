package org.planningengine.command;

import org.axonframework.messaging.MetaData;
import org.planningengine.events.EventMetadata;

/** The reason a command gives travels in its events' metadata, where the decision log reads "why". */
public final class Reasons {

    private Reasons() {
    }

    /** The reason, checked as every text is (it may be missing where a command does not require one). */
    public static MetaData because(String reason) {
        Rules.optionalText("reason", reason, Rules.MAX_REASON);
        return reason == null || reason.isBlank() ? MetaData.emptyInstance()
                                                  : MetaData.with(EventMetadata.REASON, reason.strip());
    }
}
