package org.telltale.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;

class SdkFormatTest {
    static Stream<Arguments> sdkAndType() {
        return SdkFormat.ALL.stream().flatMap(sdk -> Arrays.stream(CanaryType.values()).filter(sdk::carries)
                .map(type -> Arguments.of(sdk.name(), type)));
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @MethodSource("sdkAndType")
    void eachSdkPutsTheCanaryWhereItsChainSays(String name, CanaryType type) {
        SdkFormat sdk = SdkFormat.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        for (long seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            Canary canary = new Canary(type.id() + "-1", type, CanaryValues.of(type, r),
                    type == CanaryType.SEARCH ? List.of("duckduckgo.com") : List.of());

            Planted p = sdk.plant(canary, r);

            assertThat(ChainPeeler.leadsTo(ChainPeeler.Req.fromPlanted(p), p.chain(), canary.value()))
                    .as("%s seed %d: %s", name, seed, p.chain()).isTrue();
            assertThat(p.carrier()).isEqualTo(name);
            assertThat(URI.create(p.url()).getHost()).isNotBlank();
        }
    }

    @Test
    void atLeastFiveSdkFormatsWithDistinctNames() {
        assertThat(SdkFormat.ALL).extracting(SdkFormat::name).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void sensorsDataListIsBase64OfGzipOfAJsonArrayOfPageViewEvents() throws IOException {
        Canary url = new Canary("visit-1", CanaryType.URL, "https://www.quiet-harbor.org/private/page-2231", List.of());
        Planted p = new SensorsAnalytics().plant(url, new Random(5));

        Map<String, String> form = new HashMap<>();
        for (String pair : new String(p.body(), StandardCharsets.US_ASCII).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(form).containsEntry("gzip", "1").containsKeys("crc", "data_list");
        byte[] gz = Base64.getDecoder().decode(form.get("data_list"));
        JsonNode events = new ObjectMapper().readTree(new GZIPInputStream(new ByteArrayInputStream(gz)));

        assertThat(events.isArray()).isTrue();
        JsonNode properties = events.get(0).path("properties");
        assertThat(properties.path("$url").asText()).isEqualTo(url.value());
        assertThat(properties.has("$title")).isTrue();
        assertThat(properties.has("$screen_name")).isTrue();
        assertThat(p.method()).isEqualTo("POST");
    }

    @Test
    void googleAnalyticsV1HitHasTheMeasurementProtocolFields() {
        Canary url = new Canary("visit-1", CanaryType.URL, "https://www.quiet-harbor.org/private/page-2231", List.of());
        Planted p = new GoogleAnalyticsV1().plant(url, new Random(9));

        URI uri = URI.create(p.url());
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(uri.getPath()).isEqualTo("/collect");
        assertThat(query).containsEntry("v", "1").containsEntry("t", "pageview").containsEntry("dl", url.value())
                .containsEntry("dp", "/private/page-2231").containsKeys("tid", "cid");
        assertThat(query.get("tid")).matches("UA-\\d+-\\d+");
    }
}
