package org.telltale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Finding;

class FlowFindingsTest {
    private static Finding at(String location, String... path) {
        return new Finding(0, "q", "search", "purple elephant", "x", location, List.of(path), "plain",
                Confidence.CERTAIN, null, new Destination("h", null, 0, null));
    }

    @Test
    void theInnermostFindingReplacesTheSameValueFoundInAnOuterLayer() {
        FlowFindings found = new FlowFindings();
        found.add(at("request.url"));
        found.add(at("request.url", "query:dl"));
        found.add(at("request.url", "query:dl", "query:q"));
        assertThat(found.all()).extracting(Finding::path).containsExactly(List.of("query:dl", "query:q"));
    }

    @Test
    void anOuterFindingAfterAnInnerOneIsDropped() {
        FlowFindings found = new FlowFindings();
        found.add(at("request.body", "form:data_list", "base64"));
        found.add(at("request.body", "form:data_list"));
        assertThat(found.all()).hasSize(1);
    }

    @Test
    void theSameValueInTwoSeparateFieldsIsReportedTwice() {
        FlowFindings found = new FlowFindings();
        found.add(at("request.body", "json:$.q"));
        found.add(at("request.body", "json:$.url"));
        found.add(at("request.header:Referer"));
        assertThat(found.all()).hasSize(3);
    }
}
