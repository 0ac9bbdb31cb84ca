package org.telltale.bench;

import org.telltale.api.Attribution;
import org.telltale.attribute.BundledResolver;

import java.lang.management.ManagementFactory;

/**
 * Opens the bundled data in a fresh JVM and answers one lookup, printing the milliseconds spent in
 * open, in the lookup, and since the JVM started. Usage: {@code FirstLookup [HOST] [IP]} ("-" for none);
 * {@code FirstLookup --nothing} only prints the time since JVM start, as a baseline. Run by
 * {@code bench/first-lookup.sh}, which also times the whole process.
 */
public final class FirstLookup {
    private FirstLookup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--nothing")) {
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf("since_jvm_start_ms=%d%n", sinceJvmStart);
            return;
        }
        String host = args.length > 0 && !args[0].equals("-") ? args[0] : null;
        String ip = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        long start = System.nanoTime();
        BundledResolver resolver = BundledResolver.open();
        long opened = System.nanoTime();
        Attribution answer = resolver.resolve(host, ip);
        long answered = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("open_ms=%.1f lookup_ms=%.1f since_jvm_start_ms=%d asn=%d organization=%s%n",
                (opened - start) / 1e6, (answered - opened) / 1e6, sinceJvmStart, answer.asn(), answer.organization());
    }
}
