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
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A command that loses an append race to another writer is decided again, a bounded number of times; the log's own
 * refusals become the domain's. The command gateway and the log are the edges stood in for.
 */
class CommandSenderTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final MongoEventLog log = mock(MongoEventLog.class);
    private final CommandSender sender = new CommandSender(gateway, log, new IdempotentAnswers(log),
                                                           new CurrentRequest());
    private final RegisterTeam register = new RegisterTeam("payments", "Payments", null);

    @BeforeEach
    void aRequestOfASignedInUser() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("maria", null, "ROLE_PLANNER"));
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCommandThatLostARaceIsDecidedAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new ConcurrencyException("sequence 3 taken"))
                .thenThrow(new AggregateStreamCreationException("identifier team:payments taken"))
                .thenReturn(new AppliedVersion());
        when(log.lastSequenceNumberFor("team:payments")).thenReturn(Optional.of(0L));
        when(log.positionOf("team:payments", 0)).thenReturn(OptionalLong.of(41));

        WriteResult result = sender.send("payments", register);

        assertThat(result).isEqualTo(new WriteResult("payments", 0, "41"));
        verify(gateway, times(3)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void losingEveryTimeIsAConflictToSendAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("sequence 3 taken"));

        assertThatThrownBy(() -> sender.send("payments", register))
                .isInstanceOf(StateConflict.class)
                .hasMessage("team payments was changed by other writes at the same time, 3 times over; nothing was "
                            + "appended, send it again");
        verify(gateway, times(CommandSender.ATTEMPTS)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void anAggregateWithoutEventsIsUnknown() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new AggregateNotFoundException("team:payments", "no events"));

        assertThatThrownBy(() -> sender.send("payments", register))
                .isInstanceOf(UnknownReference.class).hasMessage("team payments does not exist");
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }
}
