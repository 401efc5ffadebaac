package org.planningengine.standalone.embedded;

/** The embedded MongoDB server could not start (a data folder it cannot use, a busy port); the message says why. */
public class EmbeddedMongoStartFailure extends IllegalStateException {

    public EmbeddedMongoStartFailure(String message) {
        super(message);
    }

    public EmbeddedMongoStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
