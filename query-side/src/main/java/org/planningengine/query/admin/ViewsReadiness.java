package org.planningengine.query.admin;

import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.query.views.PlanProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code /actuator/health/readiness}) waits for the plan views: {@code OUT_OF_SERVICE} until they have
 * caught up with the log as it was when this engine started, then whatever the application's own readiness says.
 * Caught up means that every segment of the views' processor has handled every position up to the log's head read at
 * start (the last position handed out then), a position it still waits for (a gap) not handled and one closed as
 * abandoned handled ({@link PlanProgress#handledThrough}). A replica that answered before that would answer views
 * older than its clients' writes. Liveness is left alone: an engine catching up is alive. It replaces Spring Boot's
 * readiness indicator of the same name, so the probe group and the root health both use it.
 */
@Component("readinessStateHealthIndicator")
class ViewsReadiness extends ReadinessStateHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ViewsReadiness.class);

    private final PlanProgress progress;
    private final long headAtStart;
    private volatile boolean caughtUp;

    ViewsReadiness(ApplicationAvailability availability, PlanProgress progress, MongoEventLog eventLog) {
        super(availability);
        this.progress = progress;
        this.headAtStart = eventLog.headPosition();
        this.caughtUp = headAtStart < 0;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        ReadinessState application = availability.getReadinessState();
        if (application != ReadinessState.ACCEPTING_TRAFFIC || caughtUp()) {
            return application;
        }
        return ReadinessState.REFUSING_TRAFFIC;
    }

    /** Once caught up, it stays so: readiness is about the start, a later replay does not take the engine out. */
    private boolean caughtUp() {
        if (!caughtUp && progress.handledThrough().orElse(-1) >= headAtStart) {
            caughtUp = true;
            log.info("The plan views have caught up with the log as it was at start (position {}): ready",
                     headAtStart);
        }
        return caughtUp;
    }
}
