package org.planningengine.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.planningengine.events.Decisions;
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Planning metrics beside the technical ones ({@code /actuator/prometheus}): {@code planning_decisions_total} by
 * event type (overrides are the types {@code GuardrailOverridden} and {@code TeamPolicyOverridden}), counted on the
 * command side when the decision's unit of work commits, so a replay of the views counts nothing again. Refused
 * commands are counted by {@code web.RefusalMetrics}, imports by the imports themselves.
 */
@Configuration(proxyBeanMethods = false)
public class PlanningMetrics {

    public static final String DECISIONS = "planning.decisions";

    @Bean
    InitializingBean decisionCounter(EventBus eventBus, MeterRegistry meters) {
        return () -> eventBus.registerDispatchInterceptor(events -> {
            List<String> decisions = events.stream().map(EventMessage::getPayloadType)
                                           .filter(Decisions::isDecision).map(Class::getSimpleName).toList();
            Runnable count = () -> decisions.forEach(type -> meters.counter(DECISIONS, "type", type).increment());
            // A scenario's writes are on its branch, not decisions of the plan.
            if (!decisions.isEmpty() && MongoEventLog.currentBranch().isEmpty()) {
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(unitOfWork -> count.run());
                } else {
                    count.run();
                }
            }
            return (index, event) -> event;
        });
    }
}
