package org.telltale.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void longCellsWrapInsteadOfBeingCut() {
        TextTable t = new TextTable(new String[] {"A", "B"}, new int[] {10, 18});
        t.add("short", "request.body > form:data_list > base64");
        String rendered = t.render();
        assertThat(rendered.replaceAll("\\s+", " ")).contains("request.body").contains("form:data_list")
                .contains("base64");
        assertThat(rendered.lines()).allMatch(l -> l.length() <= 10 + 2 + 18);
    }
}
