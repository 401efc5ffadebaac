package org.planningengine.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.team.RegisterTeam;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The event log's own refusals, which only a race between two writers reaches (the aggregates check first), become
 * the domain's: the command gateway is the edge stood in for.
 */
class CommandSenderTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final CommandSender sender = new CommandSender(gateway, null, new CurrentActor());

    @BeforeEach
    void aRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aCreationThatLostTheRaceIsAConflictNamingWhatExists() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new AggregateStreamCreationException("identifier team:payments reused"));

        assertThatThrownBy(() -> sender.send("payments", new RegisterTeam("payments", "Payments", null)))
                .isInstanceOf(StateConflict.class).hasMessage("team payments already exists");
    }

    @Test
    void aConcurrentAppendIsAConflictToRetry() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence 3 taken"));

        assertThatThrownBy(() -> sender.send("payments", new RegisterTeam("payments", "Payments", null)))
                .isInstanceOf(StateConflict.class).hasMessageContaining("team payments was changed by another write");
    }

    @Test
    void anAggregateWithoutEventsIsUnknown() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new AggregateNotFoundException("team:payments", "no events"));

        assertThatThrownBy(() -> sender.send("payments", new RegisterTeam("payments", "Payments", null)))
                .isInstanceOf(UnknownReference.class).hasMessage("team payments does not exist");
    }
}
