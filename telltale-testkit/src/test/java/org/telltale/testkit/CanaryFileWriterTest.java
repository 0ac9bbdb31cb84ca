package org.telltale.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Session;

class CanaryFileWriterTest {
    private static final CanaryFile FILE = new CanaryFile(List.of(
            new Canary("visit-1", CanaryType.URL, "https://example.org/private/page-2231?a=1#top", List.of()),
            new Canary("query-1", CanaryType.SEARCH, "purple elephant 4921", List.of("duckduckgo.com")),
            new Canary("note-1", CanaryType.TEXT, "say \"hi\": it's #1 \\ ok — ünïcode", List.of()),
            new Canary("android-id-1", CanaryType.ANDROID_ID, "0123456789abcdef", List.of())),
            List.of(new Session("incognito", Instant.parse("2020-04-21T09:10:00Z"),
                    Instant.parse("2020-04-21T09:20:00Z"))));

    @TempDir
    Path dir;

    @Test
    void yamlAndJsonReadBackToTheSameCanariesAndSessions() throws IOException {
        CanaryFileWriter writer = new CanaryFileWriter();
        Path yaml = dir.resolve("planted.yaml");
        Path json = dir.resolve("planted.json");
        writer.write(FILE, yaml);
        writer.write(FILE, json);

        for (JsonNode root : List.of(new YAMLMapper().readTree(yaml.toFile()), new ObjectMapper().readTree(json.toFile()))) {
            JsonNode canaries = root.path("canaries");
            assertThat(canaries.size()).isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                Canary c = FILE.canaries().get(i);
                assertThat(canaries.get(i).path("id").asText()).isEqualTo(c.id());
                assertThat(canaries.get(i).path("type").asText()).isEqualTo(c.type().id());
                assertThat(canaries.get(i).path("value").asText()).isEqualTo(c.value());
            }
            assertThat(canaries.get(1).path("expected").get(0).asText()).isEqualTo("duckduckgo.com");
            assertThat(canaries.get(0).has("expected")).isFalse();
            JsonNode session = root.path("sessions").get(0);
            assertThat(session.path("label").asText()).isEqualTo("incognito");
            assertThat(Instant.parse(session.path("start").asText())).isEqualTo(FILE.sessions().get(0).start());
            assertThat(Instant.parse(session.path("end").asText())).isEqualTo(FILE.sessions().get(0).end());
        }
    }
}
