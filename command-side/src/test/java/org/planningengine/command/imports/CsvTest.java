package org.planningengine.command.imports;

import org.junit.jupiter.api.Test;
import org.planningengine.command.RuleViolated;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    @Test
    void quotedFieldsHoldSeparatorsLineBreaksAndDoubledQuotes() {
        List<Csv.Record> records = Csv.parse("a,b,c\r\n\"x, y\",\"line\nbreak\",\"say \"\"hi\"\"\"\r\n\r\nlast,,\n");

        assertThat(records).containsExactly(new Csv.Record(1, List.of("a", "b", "c")),
                                            new Csv.Record(2, List.of("x, y", "line\nbreak", "say \"hi\"")),
                                            new Csv.Record(5, List.of("last", "", "")));
    }

    @Test
    void theSeparatorIsTheOneTheHeaderUsesMost() {
        assertThat(Csv.parse("a;b\n1,5;2\n").get(1).fields()).containsExactly("1,5", "2");
        assertThat(Csv.parse("a\tb\n1\t2").get(1).fields()).containsExactly("1", "2");
    }

    @Test
    void aQuoteLeftOpenOrTextAfterAClosingQuoteIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Csv.parse("a,b\n\"open,1\n2,3\n")).isInstanceOf(RuleViolated.class)
                                                                  .hasMessage("line 2: a quoted field is never closed");
        assertThatThrownBy(() -> Csv.parse("a,b\n1,2\n\"x\"y,3\n")).isInstanceOf(RuleViolated.class)
                                                                   .hasMessageStartingWith("line 3: a quoted field "
                                                                                           + "must end");
    }
}
