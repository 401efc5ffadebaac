package org.planningengine.command.web;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a command's result the sequence number of the last event it applied, or null when it applied none. The
 * sequence is noted as the events are published inside the command's unit of work, so a write reports its own
 * version even when other writes to the same aggregate follow at once.
 */
@Configuration(proxyBeanMethods = false)
class AppliedVersion {

    private static final String LAST_APPLIED = AppliedVersion.class.getName() + ".lastApplied";

    @Bean
    InitializingBean appliedVersionInterceptors(EventBus eventBus, CommandBus commandBus) {
        return () -> {
            eventBus.registerDispatchInterceptor(events -> {
                CurrentUnitOfWork.ifStarted(unitOfWork -> events.stream()
                        .filter(DomainEventMessage.class::isInstance)
                        .forEach(event -> unitOfWork.root().resources()
                                                    .put(LAST_APPLIED, ((DomainEventMessage<?>) event).getSequenceNumber())));
                return (index, event) -> event;
            });
            commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
                chain.proceed();
                return unitOfWork.root().getResource(LAST_APPLIED);
            });
        };
    }
}
