package org.telltale.attribute.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.attribute.BundledResolver;
import org.telltale.attribute.Datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetBuilderTest {
    @Test
    void extractedCsvsReplaceOnlyTheirDatasetAndTheResolverPrefersThem(@TempDir Path from, @TempDir Path out) throws IOException {
        copyFixture("asn-ipv4.csv", from);
        copyFixture("asn-ipv6.csv", from);
        copyFixture("package.json", from);

        DatasetBuilder.Result result = DatasetBuilder.build(from, out);
        BundledResolver resolver = BundledResolver.open(out);

        assertThat(result.changes()).containsExactly(Datasets.ASN + ": added, version 2.3.2026061719, 19 entries");
        assertThat(resolver.resolve(null, "8.8.8.8").asn()).isEqualTo(15169);
        assertThat(resolver.resolve(null, "8.8.9.1").asOrg()).isEqualTo("Hotwire Communications");
        assertThat(resolver.resolve(null, "2001:4860:4805::1").asOrg()).isEqualTo("Google Ireland Limited");
        // outside the fixture's few ranges the user's copy knows nothing, and says so
        assertThat(resolver.resolve(null, "161.117.13.29").asn()).isZero();
        // the country dataset was not replaced, so it still comes from the bundle
        assertThat(resolver.resolve(null, "161.117.13.29").country()).isEqualTo("SG");
        assertThat(resolver.datasets()).filteredOn(info -> info.id().equals(Datasets.ASN))
                .singleElement().satisfies(info -> assertThat(info.location()).startsWith(out.toString()));
    }

    @Test
    void rebuildingTheSameInputSaysUnchanged(@TempDir Path from, @TempDir Path out) throws IOException {
        copyFixture("asn-ipv4.csv", from);
        DatasetBuilder.build(from, out);

        assertThat(DatasetBuilder.build(from, out).changes()).singleElement().asString().contains("unchanged");
    }

    @Test
    void aDirectoryWithoutInputsIsRefused(@TempDir Path from, @TempDir Path out) {
        assertThatThrownBy(() -> DatasetBuilder.build(from, out)).isInstanceOf(IOException.class).hasMessageContaining("no dataset");
    }

    @Test
    void quotedCsvFieldsKeepTheirCommasAndQuotes() {
        assertThat(CsvRanges.splitCsv("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc. \"\"CF\"\"\""))
                .containsExactly("1.0.0.0", "1.0.0.255", "13335", "Cloudflare, Inc. \"CF\"");
    }

    private static void copyFixture(String name, Path directory) throws IOException {
        try (InputStream in = DatasetBuilderTest.class.getResourceAsStream("/org/telltale/attribute/update-input/" + name)) {
            Files.copy(in, directory.resolve(name));
        }
    }

}
