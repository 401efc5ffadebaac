package org.planningengine.command.cycle;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Records an initiative's commitment on its cycle in the unit of work of the commitment, so that the initiative's
 * event and the cycle's are one commit of the log. A close of the cycle appends to the same stream: of a commitment
 * and a close decided at the same time, one is appended first and the other is decided again on it, either
 * refused (the commitment, the cycle being closed) or listing it as unfinished (the close). Decision record 0016.
 */
@Component
public class CycleCommitments {

    private final Supplier<Repository<Cycle>> cycles;

    /** On the engine's repository of cycles, found once the Axon configuration is built (it needs this one). */
    @Autowired
    public CycleCommitments(ObjectProvider<Configuration> axon) {
        this(() -> axon.getObject().repository(Cycle.class));
    }

    /** On a repository of cycles of one's own (an aggregate test's). */
    public CycleCommitments(Supplier<Repository<Cycle>> cycles) {
        this.cycles = cycles;
    }

    public void record(RecordCommitment command) throws Exception {
        cycles.get().load(command.aggregateId()).handle(GenericCommandMessage.asCommandMessage(command));
    }
}
