package org.planningengine.standalone;

import org.planningengine.standalone.embedded.EmbeddedMongoStartFailure;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in words why the embedded server did not start and what to change, instead of a stack trace. */
public class EmbeddedMongoFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedMongoStartFailure> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedMongoStartFailure cause) {
        return new FailureAnalysis("The embedded MongoDB server could not start: " + cause.getMessage(),
                                   "Set planning.embedded-mongo.data-dir to a folder this user can write, stop "
                                   + "the other instance using it, or set planning.embedded-mongo.port to a free "
                                   + "port (0 picks one). To use a MongoDB of your own, set spring.data.mongodb.uri.",
                                   cause);
    }
}
