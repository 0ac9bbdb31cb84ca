package org.telltale.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** What the resolver benchmarks look up: real host names from page loads, and seeded random addresses. */
final class LookupInputs {
    private LookupInputs() {
    }

    /** @return the host of every request in the pagexray nytimes.com and expressen.se HARs, in request order */
    static String[] pageHosts() {
        List<String> hosts = new ArrayList<>();
        try (InputStream in = LookupInputs.class.getResourceAsStream("pagexray-hosts.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(hosts::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hosts.toArray(String[]::new);
    }

    /** @return names no cache can hold: a random label in front of each page host in turn */
    static String[] distinctHosts(Random random, int count) {
        String[] base = pageHosts();
        String[] hosts = new String[count];
        for (int i = 0; i < count; i++) {
            hosts[i] = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "." + base[i % base.length];
        }
        return hosts;
    }

    /** @return dotted-quad IPv4 addresses drawn uniformly from the whole space */
    static String[] ipv4(Random random, int count) {
        String[] addresses = new String[count];
        for (int i = 0; i < count; i++) {
            int a = random.nextInt();
            addresses[i] = (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
        }
        return addresses;
    }

    /** @return IPv6 addresses in the global unicast block 2000::/3, written compressed as tools print them */
    static String[] ipv6(Random random, int count) {
        String[] addresses = new String[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = String.format(Locale.ROOT, "%x:%x:%x::%x:%x", 0x2000 + random.nextInt(0x2000),
                    random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
        }
        return addresses;
    }
}
