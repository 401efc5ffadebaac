package org.planningengine.standalone;

/** The embedded MongoDB server could not start (a data folder it cannot use, a busy port). */
public class EmbeddedMongoStartFailure extends RuntimeException {

    public EmbeddedMongoStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
