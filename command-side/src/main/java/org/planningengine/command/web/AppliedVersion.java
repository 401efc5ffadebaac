package org.planningengine.command.web;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.planningengine.command.AggregateCommand;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The result of every {@link AggregateCommand}: the version it left its aggregate at. The event bus shows a unit of
 * work's events to its dispatch interceptors as the unit commits, after the handler has returned; so the handler's
 * result is this holder, filled with the sequence number of the last event before the command's caller gets it. A
 * write so reports its own version even when other writes to the same aggregate follow at once.
 */
public final class AppliedVersion {

    private final Map<String, Long> lastSequences = new HashMap<>();

    /**
     * The sequence number of the last event the command applied to this aggregate (a command may also create
     * another one); empty when it applied none.
     */
    public OptionalLong sequenceOf(String aggregateId) {
        Long sequence = lastSequences.get(aggregateId);
        return sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence);
    }

    @Configuration(proxyBeanMethods = false)
    static class Interceptors {

        private static final String KEY = AppliedVersion.class.getName();

        @Bean
        InitializingBean appliedVersionInterceptors(EventBus eventBus, CommandBus commandBus) {
            return () -> {
                commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
                    if (!(unitOfWork.getMessage().getPayload() instanceof AggregateCommand)) {
                        return chain.proceed();
                    }
                    AppliedVersion applied = new AppliedVersion();
                    unitOfWork.root().resources().put(KEY, applied);
                    chain.proceed();
                    return applied;
                });
                eventBus.registerDispatchInterceptor(events -> {
                    CurrentUnitOfWork.ifStarted(unitOfWork -> {
                        AppliedVersion applied = unitOfWork.root().getResource(KEY);
                        if (applied != null) {
                            events.stream().filter(DomainEventMessage.class::isInstance)
                                  .map(event -> (DomainEventMessage<?>) event)
                                  .forEach(event -> applied.lastSequences.put(event.getAggregateIdentifier(),
                                                                              event.getSequenceNumber()));
                        }
                    });
                    return (index, event) -> event;
                });
            };
        }
    }
}
