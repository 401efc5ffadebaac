package org.planningengine.command;

import org.axonframework.messaging.MetaData;
import org.planningengine.events.EventMetadata;

/** The reason a command gives travels in its events' metadata, where the decision log reads "why". */
public final class Reasons {

    private Reasons() {
    }

    public static MetaData because(String reason) {
        return reason == null || reason.isBlank() ? MetaData.emptyInstance()
                                                  : MetaData.with(EventMetadata.REASON, reason.strip());
    }
}
