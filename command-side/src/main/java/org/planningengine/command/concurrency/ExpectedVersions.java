package org.planningengine.command.concurrency;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.planningengine.command.AggregateCommand;
import org.planningengine.command.capacity.TeamCyclePlan;
import org.planningengine.command.cycle.Cycle;
import org.planningengine.command.initiative.Initiative;
import org.planningengine.command.lesson.Lesson;
import org.planningengine.command.okr.Objective;
import org.planningengine.command.scenario.Scenario;
import org.planningengine.command.team.Team;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.function.Function;

/**
 * A command that expects a version of its aggregate ({@link ExpectedVersion}) is handled only when the aggregate is
 * at that version. The check is made on the aggregate as the command's unit of work loads it, before the command
 * decides anything, and the command's handler then works on that same loaded aggregate: its events follow exactly
 * the version checked. Should another writer append after that version meanwhile (another replica, which shares no
 * lock with this one), the log's unique {@code aggregateId:sequence} key refuses this command's events; the command
 * is then sent again and meets this check again, now with the version the other writer left (decision record
 * 0012).
 * <p>
 * A command on an aggregate that does not exist refuses itself when it needs one ({@code 404}); one that would
 * create it (a team's first capacity in a cycle) does not meet the expectation, and its events are not appended.
 */
public class ExpectedVersions implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The aggregates, by the kind their identifiers begin with ({@code initiative:checkout}). */
    static final Map<String, Class<?>> BY_KIND = Map.of("cycle", Cycle.class, "team", Team.class,
                                                        "team-plan", TeamCyclePlan.class,
                                                        "initiative", Initiative.class,
                                                        "objective", Objective.class, "lesson", Lesson.class,
                                                        "scenario", Scenario.class);

    private final Function<String, Repository<?>> repositories;

    /** @param repositories the repository that loads an aggregate, by the aggregate's identifier */
    public ExpectedVersions(Function<String, Repository<?>> repositories) {
        this.repositories = repositories;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        ExpectedVersion expected = ExpectedVersion.of(command.getMetaData());
        if (expected == null || !(command.getPayload() instanceof AggregateCommand target)) {
            return chain.proceed();
        }
        String aggregateId = target.aggregateId();
        Long current = versionLoaded(aggregateId);
        if (current == null) {
            chain.proceed();
            // It would have created the aggregate: thrown before the unit of work commits, nothing is appended.
            throw new UnexpectedVersion(aggregateId, expected, null);
        }
        if (!expected.admits(current)) {
            throw new UnexpectedVersion(aggregateId, expected, current);
        }
        return chain.proceed();
    }

    /**
     * The version of the aggregate as this unit of work loaded it (the repository keeps it for the unit of work, and
     * locks it within this engine until the unit of work ends); null when it has no events.
     */
    private Long versionLoaded(String aggregateId) {
        try {
            return repositories.apply(aggregateId).load(aggregateId).version();
        } catch (AggregateNotFoundException missing) {
            return null;
        }
    }

    static Class<?> aggregateOf(String aggregateId) {
        int colon = aggregateId.indexOf(':');
        Class<?> type = colon < 0 ? null : BY_KIND.get(aggregateId.substring(0, colon));
        if (type == null) {
            throw new IllegalStateException("no aggregate has identifiers like " + aggregateId);
        }
        return type;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** On the engine's repositories, found once the Axon configuration is built. */
        @Bean
        InitializingBean expectedVersionsInterceptor(CommandBus commandBus,
                                                     ObjectProvider<org.axonframework.config.Configuration> axon) {
            return () -> commandBus.registerHandlerInterceptor(new ExpectedVersions(
                    aggregateId -> axon.getObject().repository(aggregateOf(aggregateId))));
        }
    }
}
