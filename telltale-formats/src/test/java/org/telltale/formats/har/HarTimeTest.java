package org.telltale.formats.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand reading of common startedDateTime shapes gives the formatter's instant, or leaves it to it. */
class HarTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTimestampOfTheRealHarFilesIsReadByHandAsTheFormatterReadsIt() throws Exception {
        List<String> times = new ArrayList<>();
        for (String folder : List.of("/har", "/mitm")) {
            Path dir = Path.of(HarTimeTest.class.getResource(folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".har")).sorted().toList()) {
                    for (JsonNode entry : JSON.readTree(file.toFile()).get("log").get("entries")) {
                        times.add(entry.get("startedDateTime").asText());
                    }
                }
            }
        }

        assertThat(times).hasSizeGreaterThan(990);
        for (String time : times) {
            assertThat(HarTime.common(time)).as(time).isNotNull().isEqualTo(HarTime.viaFormatter(time));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-01-01T00:00:00Z", "2023-01-01T00:00:00.1Z", "2023-01-01T00:00:00.123456789Z",
            "2023-01-01T00:00:00.1234567891Z", "2023-01-01T00:00Z", "2023-01-01T00:00:00", "2023-01-01T00:00:00.5",
            "2023-01-01T23:59:59.999+0530", "2023-01-01T23:59:59+05:30", "2023-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z", "2024-02-29T12:00:00-00:00", "2023-01-01t00:00:00z", "2023-01-01T24:00:00Z",
            "2023-13-01T00:00:00Z", "+12023-01-01T00:00:00Z", "2023-01-01T00:00:60Z", "2023-01-01T00:00:00+18:00",
            "2023-01-01T00:00:00-17:59", "2023-01-01T00:00:00+19:00", "2023-01-01T00:00:00+05",
            "2023-01-01T00:00:00.Z", "garbage", "2023-1-01T00:00:00Z", "2023-01-01 00:00:00Z",
            "1999-12-31T23:59:59.000000Z", "2023-01-01T00:00:00+05:30:00", "2023-04-31T10:00:00Z",
            "0000-01-01T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2023-01-01T00:00:00.123-00:30",
            "2023-01-01T00:00:00+05:60", "2023-01-01T00:00:00+5:30", "2023-01-01T00:00:00.12a",
            "２023-01-01T00:00:00Z", "2023-01-01T00:00:00ZZ"})
    void aShapeReadByHandGivesTheFormattersInstantAndAnyOtherIsLeftToIt(String time) {
        Instant byHand = HarTime.common(time);

        if (byHand != null) {
            assertThat(byHand).isEqualTo(HarTime.viaFormatter(time));
        }
        assertThat(HarTime.parse(" " + time + "\t")).isEqualTo(HarTime.viaFormatter(time));
    }
}
