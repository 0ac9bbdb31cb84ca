package org.telltale.attribute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Attribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazyLoadingTest {
    private static final List<String> HOSTS = List.of("graph.facebook.com", "sa.api.intl.miui.com", "x.2o7.net",
            "www.google-analytics.com", "foo.bar.co.uk", "unknown-host.invalid", "8.8.8.8", "[2a02:6b8::2:242]", "");
    private static final List<String> IPS = List.of("8.8.8.8", "87.250.251.77", "2001:4860:4860::8888",
            "2400:3200::1", "::ffff:161.117.13.29", "10.1.2.3", "junk");

    @Test
    void answersAreTheSameWhicheverPartOfTheDataIsReadFirst() throws IOException {
        BundledResolver ipv6First = BundledResolver.open();
        ipv6First.resolve(null, "2a02:6b8::2:242");
        BundledResolver hostFirst = BundledResolver.open();
        hostFirst.resolve("graph.facebook.com", null);
        BundledResolver verified = BundledResolver.open().verify();

        List<Attribution> expected = answers(verified);
        assertThat(answers(ipv6First)).isEqualTo(expected);
        assertThat(answers(hostFirst)).isEqualTo(expected);
        assertThat(expected).filteredOn(a -> a.asn() == 15169).isNotEmpty();
        assertThat(expected).filteredOn(a -> "Facebook".equals(a.organization())).hasSize(IPS.size() + 1);
    }

    @Test
    void forgettingCachedHostsChangesNoAnswer() throws IOException {
        BundledResolver resolver = BundledResolver.open();
        Attribution before = resolver.resolve("graph.facebook.com", "8.8.8.8");
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            resolver.resolve("h" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + ".example.com", null);
        }
        assertThat(resolver.resolve("graph.facebook.com", "8.8.8.8")).isEqualTo(before);
        assertThat(before.organization()).isEqualTo("Facebook");
        assertThat(before.asOrg()).isEqualTo("Google LLC");
    }

    @Test
    void anIpFileOfTheWrongLengthIsRefusedAtOpen(@TempDir Path dataDir) throws IOException {
        byte[] asn = bundled(Datasets.ASN_FILE);
        Files.write(dataDir.resolve(Datasets.ASN_FILE), Arrays.copyOf(asn, asn.length - 1));

        assertThatThrownBy(() -> BundledResolver.open(dataDir)).isInstanceOf(IOException.class).hasMessageContaining("header says");
    }

    @Test
    void anIpFileWithCorruptRangesIsRefusedByVerifyAndByTheFirstLookupThatReadsThem(@TempDir Path dataDir) throws IOException {
        byte[] country = bundled(Datasets.COUNTRY_FILE);
        IpTableFormat.Header header = IpTableFormat.header(ByteBuffer.wrap(country));
        ByteBuffer.wrap(country).putInt((int) header.v4Offset() + 4000, 0);
        Files.write(dataDir.resolve(Datasets.COUNTRY_FILE), country);

        BundledResolver resolver = BundledResolver.open(dataDir);

        assertThat(resolver.resolve("graph.facebook.com", null).organization()).isEqualTo("Facebook");
        assertThatThrownBy(resolver::verify).isInstanceOf(IOException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> resolver.resolve(null, "8.8.8.8")).isInstanceOf(UncheckedIOException.class);
        assertThat(resolver.datasets()).filteredOn(info -> info.id().equals(Datasets.COUNTRY)).singleElement()
                .satisfies(info -> assertThat(info.location()).isEqualTo(dataDir.resolve(Datasets.COUNTRY_FILE).toString()));
    }

    private static List<Attribution> answers(BundledResolver resolver) {
        List<Attribution> answers = new ArrayList<>();
        for (String host : HOSTS) {
            answers.add(resolver.resolve(host, null));
            for (String ip : IPS) {
                answers.add(resolver.resolve(host, ip));
            }
        }
        return answers;
    }

    private static byte[] bundled(String file) throws IOException {
        try (InputStream in = LazyLoadingTest.class.getResourceAsStream(DataFiles.BUNDLED + file)) {
            return in.readAllBytes();
        }
    }
}
