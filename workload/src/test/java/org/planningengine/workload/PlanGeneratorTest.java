package org.planningengine.workload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanGeneratorTest {

    @Test
    void theSameSeedAndSizeGiveTheSameRequestsAnotherSeedOthers() {
        assertThat(requests(7, 0.01)).isEqualTo(requests(7, 0.01)).isNotEqualTo(requests(8, 0.01));
    }

    @Test
    void theSizeScalesTheOrganisation() {
        List<PlanGenerator.Request> small = requests(7, 0.01);
        List<PlanGenerator.Request> larger = requests(7, 0.05);

        assertThat(larger.size()).isGreaterThan(3 * small.size());
        assertThat(small).filteredOn(request -> request.path().equals("/api/initiatives")).hasSize(4 * 50);
    }

    private static List<PlanGenerator.Request> requests(long seed, double size) {
        List<PlanGenerator.Request> sent = new ArrayList<>();
        PlanGenerator.Summary summary = new PlanGenerator(seed, size, request -> {
            sent.add(request);
            return 200;
        }).run("t", 4);
        assertThat(summary.total()).isEqualTo(sent.size());
        return sent;
    }
}
